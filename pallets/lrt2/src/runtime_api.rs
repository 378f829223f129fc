//! The LRT² runtime API: what polkadot.js calls as `api.call.lrt2Api.*`.

use alloc::vec::Vec;
use codec::Codec;
use polkadot_sdk::sp_api;

pub use crate::types::{ProgrammeId, Source, StreamId, StreamStatus};

sp_api::decl_runtime_apis! {
	/// Pending rewards and points by source, and reward streams.
	pub trait Lrt2Api<AccountId, AssetKind, BlockNumber>
	where
		AccountId: Codec,
		AssetKind: Codec,
		BlockNumber: Codec,
	{
		/// Everything `who` could claim now, by source and asset (settled up to this block).
		fn pending_rewards(who: AccountId) -> Vec<(Source<AssetKind>, u128)>;
		/// `who`'s points by programme, up to this block.
		fn points(who: AccountId) -> Vec<(ProgrammeId, u128)>;
		/// A stream's funded, paid, remaining and reclaimable amounts, up to this block.
		fn stream(id: StreamId) -> Option<StreamStatus<AccountId, AssetKind, BlockNumber>>;
	}
}
