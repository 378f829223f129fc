//! The chain's API, generated at compile time from `clients/metadata/restake.scale` (the
//! runtime's V16 metadata; `scripts/metadata.sh` regenerates it, `node/tests/metadata.rs`
//! checks it is current).
//!
//! Calls are statically typed: a call whose arguments changed in the node's runtime is
//! refused before signing (subxt compares each call's metadata hash), while calls, events,
//! storage and runtime APIs the runtime adds later do not matter. Everything `restake`
//! prints is decoded against the node's live metadata (see [`crate::json`]).

#[subxt::subxt(runtime_metadata_path = "../metadata/restake.scale")]
pub mod api {}

/// The metadata bytes the API above was generated from. Including them also makes cargo
/// rebuild the client when the file changes (the macro alone does not tell it).
pub const METADATA: &[u8] = include_bytes!("../../metadata/restake.scale");

pub use api::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	frame_support::traits::tokens::fungible::union_of::NativeOrWithId,
	sp_arithmetic::per_things::Perbill,
};

impl From<crate::args::Asset> for NativeOrWithId<u32> {
	fn from(asset: crate::args::Asset) -> Self {
		match asset {
			crate::args::Asset::Native => NativeOrWithId::Native,
			crate::args::Asset::Id(id) => NativeOrWithId::WithId(id),
		}
	}
}
