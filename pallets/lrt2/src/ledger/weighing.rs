//! The worst-case weights of the ledger's work, which the calls and hooks declare (the
//! benchmarked parts come from `weights.rs`; the storage reads and writes beyond them are
//! counted here).

use super::*;

impl<T: Config> Pallet<T> {
	/// The bound on a vault's pairs, for weights.
	pub(crate) fn max_pairs() -> u32 {
		T::MaxPairsPerVault::get()
	}

	/// The most a sync of a vault with `pairs` pairs may weigh: the benchmarked sync, its
	/// scans for finished sources (see [`RoomMaker`]) and a pool record per source it lists.
	pub fn sync_vault_weight(pairs: u32) -> Weight {
		let listed = u64::from(MaxVaultSources::<T>::get());
		T::WeightInfo::sync_vault(pairs)
			.saturating_add(
				Self::retire_weight()
					.saturating_mul(RoomMaker::max_scans(T::MaxRetiredSources::get()).into()),
			)
			.saturating_add(T::DbWeight::get().reads_writes(listed, listed.saturating_add(1)))
	}

	/// The weight of one retirement: the finished-source scan (a programme record per points
	/// source), the pools, lists and records it rewrites.
	pub(crate) fn retire_weight() -> Weight {
		T::DbWeight::get().reads_writes(u64::from(T::MaxPointSources::get()).saturating_add(6), 5)
	}

	/// What a sync did beyond its benchmark to make room: its scans for finished sources, the
	/// reads of the retirement count and the records of the pools it began.
	pub(crate) fn room_weight(room: &RoomMaker) -> Weight {
		Self::retire_weight().saturating_mul(room.scans.into()).saturating_add(
			T::DbWeight::get().reads_writes(
				room.epoch_reads.into(),
				u64::from(room.creations).saturating_add(room.created.is_some().into()),
			),
		)
	}

	/// Clearing a destroyed vault's pool records and its retired sources' dust.
	pub(crate) fn forget_pools_weight() -> Weight {
		let sources = u64::from(MaxVaultSources::<T>::get());
		let retired = u64::from(MaxRetiredEntries::<T>::get());
		let both = sources.saturating_add(retired);
		T::DbWeight::get().reads_writes(both, both)
	}

	/// The most one holder settlement may weigh: every listed and retired source, each
	/// listed pool's beginning, and the dust of every retired entry it may clear.
	pub fn settle_holder_weight() -> Weight {
		let sources = MaxVaultSources::<T>::get();
		let retired = MaxRetiredEntries::<T>::get();
		T::WeightInfo::settle_holder(sources.saturating_add(retired)).saturating_add(
			T::DbWeight::get().reads_writes(
				u64::from(sources).saturating_add(u64::from(retired)).saturating_add(2),
				u64::from(retired).saturating_add(2),
			),
		)
	}

	/// The most [`Self::settle_in`] may weigh, with the read of the holder's LRT before it
	/// (the vault and the holder's account).
	pub fn settle_in_weight() -> Weight {
		Self::sync_vault_weight(Self::max_pairs())
			.saturating_add(Self::settle_holder_weight())
			.saturating_add(T::DbWeight::get().reads(2))
	}

	/// The most one vault of a claim may weigh: a holder's vault synced and settled, and its
	/// records dropped if the holder left it (an operator's vault, only synced, weighs less).
	pub fn claim_vault_weight() -> Weight {
		let sources = u64::from(MaxVaultSources::<T>::get());
		Self::settle_in_weight()
			.saturating_add(T::DbWeight::get().reads_writes(1, sources.saturating_add(1)))
	}

	/// What `claim` may spend settling vaults: its budget, never less than one vault.
	pub fn claim_settle_budget() -> Weight {
		T::ClaimSettleBudget::get().max(Self::claim_vault_weight())
	}
}
