//! Read-only queries: the view functions (metadata V16; the runtime APIs answer the same)
//! and what off-chain tools read.

use crate::prelude::*;
use polkadot_sdk::frame_support::pallet_macros::pallet_section;

impl<T: Config> Pallet<T> {
	/// What retired vault pools hold in `asset` beyond what their holders were settled: owed
	/// to LRT not settled yet, or rounding dust once it was (kept in [`RetiredDust`]).
	/// Iterates over every vault's retired sources: off-chain use only.
	pub fn retired_unsettled(asset: &T::AssetKind) -> u128 {
		Retired::<T>::iter_values()
			.flat_map(|retired| retired.entries.into_iter())
			.filter(|e| source_asset(&e.source).as_ref() == Some(asset))
			.map(|e| e.pool.credited.saturating_sub(e.pool.settled))
			.fold(RetiredDust::<T>::get(asset), |total, owed| total.saturating_add(owed))
	}
}

/// The view functions: a section of the pallet module, imported into [`crate::pallet`] with
/// `#[import_section(views)]`.
#[pallet_section]
mod views {
	/// Read-only queries for wallets and apps (metadata V16 view functions; the runtime APIs answer the same).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Everything `who` could claim now, by source (settles in a throw-away overlay when
		/// called from a runtime API).
		pub fn pending_rewards(who: T::AccountId) -> alloc::vec::Vec<(SourceOf<T>, u128)> {
			let who = &who;
			Self::settle_account(who);
			Earned::<T>::iter_prefix(who).filter(|(_, amount)| !amount.is_zero()).collect()
		}

		/// `who`'s points by programme, including points accrued since its last settlement.
		pub fn points_of(who: T::AccountId) -> alloc::vec::Vec<(ProgrammeId, u128)> {
			let who = &who;
			Self::settle_account(who);
			Points::<T>::iter_prefix(who).collect()
		}

		/// A stream with its paid, remaining and reclaimable amounts, up to this block.
		pub fn stream_status(
			id: StreamId,
		) -> Option<StreamStatus<T::AccountId, T::AssetKind, BlockNumberFor<T>>> {
			let stream = Streams::<T>::get(id)?;
			Self::accrue_pool(stream.avs, &stream.asset);
			let stream = Streams::<T>::get(id)?;
			Some(StreamStatus {
				paid: stream.accrued.saturating_sub(stream.unallocated),
				remaining: stream.remaining(),
				reclaimable: stream.unallocated.saturating_sub(stream.refunded),
				stream,
			})
		}
	}
}
