//! The traits other pallets use to reach allocations: [`StakeInspect`], [`AllocationSlash`]
//! and [`StakeExitDelays`].

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::pallet_prelude::*;
use polkadot_sdk::frame_support::traits::Defensive;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_arithmetic::per_things::Rounding;
use polkadot_sdk::sp_runtime::traits::Saturating;
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::magnitude::{reencumber, slashed_magnitude, stake_of};
use restake_primitives::traits::{
	AllocationSlash, AvsRoles, OnStakeChanged, StakeExitDelays, StakeInspect, VaultInspect,
	VaultSlash,
};
use restake_primitives::{AvsId, VaultId};

impl<T: Config> StakeInspect<T::AccountId, u128> for Pallet<T> {
	fn avs_roles(avs: AvsId) -> Option<AvsRoles<T::AccountId>> {
		Avss::<T>::get(avs).map(|info| {
			let (slasher, resolver) = Self::roles_in_force(avs, &info);
			AvsRoles { owner: info.owner, slasher, resolver }
		})
	}

	fn is_slashable_operator(operator: &T::AccountId, avs: AvsId) -> bool {
		match OptIns::<T>::get(avs, operator) {
			Some(OptInStatus::Active) => true,
			Some(OptInStatus::OptingOut { until }) => Self::now() < until,
			_ => false,
		}
	}

	fn avs_can_slash(avs: AvsId) -> bool {
		Avss::<T>::get(avs).is_some_and(|info| {
			info.deregistered_at
				.is_none_or(|at| Self::now() < at.saturating_add(T::DeallocationDelay::get()))
		})
	}

	fn slashable_allocation(vault: VaultId, operator: &T::AccountId, avs: AvsId) -> u128 {
		let Some(allocation) = Allocations::<T>::get((vault, operator, avs)) else { return 0 };
		let total = T::Vaults::active_assets(vault).saturating_add(T::Vaults::queued_assets(vault));
		stake_of(
			total,
			allocation.effective(Self::now()),
			VaultMagnitudes::<T>::get(vault).max,
			Rounding::Up,
		)
		.min(total)
	}

	fn effective_allocation(vault: VaultId, operator: &T::AccountId, avs: AvsId) -> u128 {
		Self::allocated_stake(vault, operator, avs)
	}

	fn pair_vaults(operator: &T::AccountId, avs: AvsId) -> Vec<VaultId> {
		PairVaults::<T>::get(operator, avs).into_inner()
	}

	fn vault_pairs(vault: VaultId) -> Vec<(T::AccountId, AvsId)> {
		// At most `MaxAllocationsPerVault` keys under this prefix.
		Allocations::<T>::iter_key_prefix((vault,)).collect()
	}

	fn weighted_allocation(vault: VaultId, operator: &T::AccountId, avs: AvsId) -> u128 {
		// An operator leaving the AVS (its opt-out, or the AVS's ejection) stops earning at
		// once, even for stake a pending slash still holds in place.
		if OptIns::<T>::get(avs, operator) != Some(OptInStatus::Active) {
			return 0;
		}
		let weight = Avss::<T>::get(avs)
			.and_then(|info| {
				T::Vaults::vault_asset(vault).and_then(|a| info.accepted_assets.get(&a).copied())
			})
			.unwrap_or_default();
		let Some(allocation) = Allocations::<T>::get((vault, operator, avs)) else { return 0 };
		let earning = stake_of(
			T::Vaults::active_assets(vault),
			allocation.earning(Self::now()),
			VaultMagnitudes::<T>::get(vault).max,
			Rounding::Down,
		);
		weight.mul_floor(earning)
	}

	fn commission(operator: &T::AccountId) -> Perbill {
		Self::commission_of(operator).unwrap_or_default()
	}
}

impl<T: Config> AllocationSlash<T::AccountId, u128> for Pallet<T> {
	fn max_vaults_per_allocation() -> u32 {
		T::MaxVaultsPerPair::get()
	}

	fn observer_weight_per_vault() -> polkadot_sdk::frame_support::weights::Weight {
		T::OnStakeChanged::on_stake_changed_weight()
	}

	fn capture(operator: &T::AccountId, avs: AvsId) -> Vec<(VaultId, u128)> {
		PairVaults::<T>::get(operator, avs)
			.into_iter()
			.map(|vault| (vault, Self::slashable_allocation(vault, operator, avs)))
			.filter(|(_, stake)| *stake > 0)
			.collect()
	}

	fn slash_captured(
		operator: &T::AccountId,
		avs: AvsId,
		captured: &[(VaultId, u128)],
		fraction: Perbill,
	) -> Result<Vec<(VaultId, u128)>, DispatchError> {
		let now = Self::now();
		let mut taken = Vec::new();
		for (vault, captured_stake) in captured.iter().copied() {
			let key = (vault, operator.clone(), avs);
			// Gone (fully slashed by another request): nothing is left to take.
			let Some(mut allocation) = Allocations::<T>::get(&key) else { continue };
			let mut magnitudes = VaultMagnitudes::<T>::get(vault);
			let before = allocation.encumbered();
			if !Self::decrease_held(&allocation, operator, avs, now) {
				allocation.settle(now);
			}
			// What the allocation still holds: a decrease held by a request has not left.
			let held = allocation.current.max(allocation.effective(now));
			let total =
				T::Vaults::active_assets(vault).saturating_add(T::Vaults::queued_assets(vault));
			// Rounded as the capture was (`slashable_allocation`), so an unchanged vault takes
			// exactly its fraction of the capture.
			let still_there = stake_of(total, held, magnitudes.max, Rounding::Up).min(total);
			// The fraction of what was captured and is still there: withdrawals that had
			// matured before the request may have left since, and must not cost the holders
			// who stayed more than their own share.
			let target = fraction.mul_ceil(captured_stake.min(still_there));
			if target == 0 || total == 0 {
				continue;
			}
			let slashed = slashed_magnitude(target, magnitudes.max, total, held);
			let amount = T::Vaults::slash_vault(vault, target)?;

			// Remove the slashed magnitude from the allocation, its pending target and the
			// vault's maximum: every other allocation keeps its stake.
			allocation.current = allocation.current.saturating_sub(slashed);
			if let Some(p) = allocation.pending.as_mut() {
				p.target = p.target.saturating_sub(slashed);
			}
			magnitudes.max = magnitudes.max.saturating_sub(slashed);
			magnitudes.encumbered =
				reencumber(magnitudes.encumbered, before, allocation.encumbered())
					// A slash only lowers the allocation (`after ≤ before ≤ encumbered`).
					.defensive_unwrap_or(u128::MAX);
			if allocation.current == 0 && allocation.pending.is_none_or(|p| p.target == 0) {
				// Fully slashed: the allocation is gone.
				Allocations::<T>::remove(&key);
				PairVaults::<T>::mutate(operator, avs, |vaults| vaults.retain(|v| *v != vault));
				magnitudes.allocations.saturating_dec();
			} else {
				Allocations::<T>::insert(&key, allocation);
			}
			VaultMagnitudes::<T>::insert(vault, magnitudes);
			T::OnStakeChanged::on_stake_changed(vault);
			Self::deposit_event(Event::AllocationSlashed {
				vault,
				operator: operator.clone(),
				avs,
				magnitude: slashed,
				amount,
			});
			taken.push((vault, amount));
		}
		Ok(taken)
	}
}

impl<T: Config> StakeExitDelays<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn avs_exit_delay(avs: AvsId) -> BlockNumberFor<T> {
		AvsExitDelay::<T>::get(avs)
	}

	fn operator_exit_delay(operator: &T::AccountId) -> BlockNumberFor<T> {
		OperatorExitDelay::<T>::get(operator)
	}
}
