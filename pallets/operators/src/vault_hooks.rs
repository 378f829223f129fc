//! What the vault pallet asks of the operator pallet about AVSs and a vault's allocations.

use crate::{pallet::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system,
	sp_runtime::traits::Saturating,
};
use restake_primitives::{
	traits::{OnStakeChanged, VaultAllocations},
	AvsId, VaultId,
};

impl<T: Config> VaultAllocations for Pallet<T> {
	fn has_allocations(vault: VaultId) -> bool {
		VaultMagnitudes::<T>::get(vault).allocations > 0
	}

	fn avs_exists(avs: AvsId) -> bool {
		Avss::<T>::contains_key(avs)
	}

	/// As an operator's `eject_vault`, for every operator the vault allocates to `avs`
	/// through: the same rules, the same `AllocationScheduled` event per allocation scheduled.
	fn wind_down_avs(vault: VaultId, avs: AvsId) -> Weight {
		let now = frame_system::Pallet::<T>::block_number();
		// At most `MaxAllocationsPerVault` keys: every (operator, AVS) pair of the vault.
		let mut scanned: u32 = 0;
		let operators: Vec<T::AccountId> = Allocations::<T>::iter_key_prefix((vault,))
			.inspect(|_| scanned.saturating_inc())
			.filter_map(|(operator, a)| (a == avs).then_some(operator))
			.collect();
		let mut changed = false;
		for operator in operators {
			let Some(allocation) = Allocations::<T>::get((vault, &operator, avs)) else {
				continue;
			};
			// Already at zero or on its way there: it keeps its date. A due decrease held by a
			// pending slash has not happened: re-scheduling it would put the stake it released
			// back in reach of new requests; `settle_allocation` winds it down once the hold
			// ends.
			if allocation.is_leaving() || Self::decrease_held(&allocation, &operator, avs, now) {
				continue;
			}
			// Stake that never took effect was never slashable: it may leave at once.
			let until = if allocation.effective(now) == 0 {
				now
			} else {
				now.saturating_add(T::DeallocationDelay::get())
			};
			match Self::schedule(vault, &operator, avs, 0, until, true) {
				Ok(()) => changed = true,
				// A wind-down to zero only lowers what the vault counts: it cannot fail.
				Err(e) => log::error!(
					target: "runtime::operators",
					"winding vault {vault} down from AVS {avs} failed: {e:?}",
				),
			}
		}
		let mut used = T::WeightInfo::wind_down_avs(scanned);
		if changed {
			// The stake stops earning now (see `Allocation::earning`): the ledger re-weighs it.
			used.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault));
		}
		used
	}

	fn wind_down_avs_weight() -> Weight {
		T::WeightInfo::wind_down_avs(T::MaxAllocationsPerVault::get())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight())
	}
}

impl<T: Config> Pallet<T> {
	/// For other pallets' benchmarks: a new AVS owned (and slashed, and resolved) by `owner`,
	/// who must hold its deposit.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn create_benchmark_avs(
		owner: &T::AccountId,
	) -> Result<AvsId, polkadot_sdk::sp_runtime::DispatchError> {
		let name: StringOf<T> = b"bench".to_vec().try_into().map_err(|_| Error::<T>::Overflow)?;
		Self::do_register_avs(
			owner.clone(),
			name.clone(),
			name,
			false,
			owner.clone(),
			Some(owner.clone()),
		)
	}
}
