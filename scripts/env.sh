# Shared environment for every Restake script. Source it, do not run it.
#
# - A persistent cargo target directory outside the checkout, so a fresh clone
#   reuses earlier dependency builds.
# - The toolchain that builds the wasm runtime (see scripts/setup.sh).

RESTAKE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RESTAKE_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/restake/target}"
# The wasm builder runs from inside the target dir: point it at our Cargo.lock.
export WASM_BUILD_WORKSPACE_HINT="$RESTAKE_ROOT"
export RESTAKE_NODE="$CARGO_TARGET_DIR/release/restake-node"
# Our own crates compile through clippy-driver (see scripts/lint-rustc.sh): every build is
# also the lint pass, and scripts/test.sh fails on the warnings it reports.
export RUSTC_WORKSPACE_WRAPPER="$RESTAKE_ROOT/scripts/lint-rustc.sh"

if [ -z "${WASM_BUILD_TOOLCHAIN:-}" ] && [ -f "$HOME/.cache/restake/wasm-toolchain" ]; then
	WASM_BUILD_TOOLCHAIN="$(cat "$HOME/.cache/restake/wasm-toolchain")"
	# An empty file means the default toolchain already has the wasm target.
	[ -n "$WASM_BUILD_TOOLCHAIN" ] && export WASM_BUILD_TOOLCHAIN
fi

# Builds the release node (with its wasm runtime) when it is missing or stale.
build_node() {
	(cd "$RESTAKE_ROOT" && cargo build --locked --release -p restake-node)
}

# The node built with `--features runtime-benchmarks`, kept beside the normal one. (Not with
# `try-runtime` too: on the node that feature reaches pallet-staking through the polkadot-sdk
# umbrella, which does not compile with it at stable2609 — missing `peek_disabled`.)
export RESTAKE_BENCH_NODE="$CARGO_TARGET_DIR/release/restake-node-benchmarks"

# Builds it (the normal node is relinked afterwards, so both stay usable).
build_benchmark_node() {
	# frame-benchmarking-cli's storage-access test runtime is not needed for `benchmark pallet`,
	# and its wasm build cannot see our workspace (WASM_BUILD_WORKSPACE_HINT): skip it.
	(cd "$RESTAKE_ROOT" &&
		SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
			cargo build --locked --release -p restake-node --features runtime-benchmarks &&
		cp "$CARGO_TARGET_DIR/release/restake-node" "$RESTAKE_BENCH_NODE" &&
		cargo build --locked --release -p restake-node)
}
