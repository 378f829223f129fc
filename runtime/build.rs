//! Builds the wasm runtime and embeds it as `WASM_BINARY` (with the `std` feature).

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("RSTK", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The wasm builder is deactivated when compiling `no_std` (that is the wasm build itself).
#[cfg(not(feature = "std"))]
fn main() {}
