//! Read-only functions other code and the runtime APIs use: the current block, an AVS's
//! roles and release date, an operator's commission and vault allowlist, and an
//! allocation's stake.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::pallet_prelude::*;
use polkadot_sdk::frame_system::{self, pallet_prelude::BlockNumberFor};
use polkadot_sdk::sp_arithmetic::per_things::Rounding;
use polkadot_sdk::sp_runtime::traits::{One, Saturating};
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::magnitude::stake_of;
use restake_primitives::traits::{StakeInspect, VaultInspect};
use restake_primitives::{AvsId, VaultId};

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The block from which `complete_avs_deregistration` can release the deposit of an AVS
	/// deregistered at `at`: its stake is no longer slashable then.
	pub fn avs_release_at(at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		at.saturating_add(T::DeallocationDelay::get())
	}

	/// The slasher and resolver in force for `info` now: its own, or a due scheduled change.
	pub fn roles_in_force(avs: AvsId, info: &AvsOf<T>) -> (T::AccountId, Option<T::AccountId>) {
		match PendingAvsRoles::<T>::get(avs) {
			Some(p) if p.effective_at <= Self::now() => (p.slasher, p.resolver),
			_ => (info.slasher.clone(), info.resolver.clone()),
		}
	}

	/// Block from which a role change of `avs` made now applies: after the deallocation delay
	/// (operators can leave) and after the slowest withdrawal of any vault that backed it.
	pub fn role_change_at(avs: AvsId) -> BlockNumberFor<T> {
		let delay =
			T::DeallocationDelay::get().max(AvsExitDelay::<T>::get(avs).saturating_add(One::one()));
		Self::now().saturating_add(delay)
	}

	/// The commission in force now.
	pub fn commission_of(operator: &T::AccountId) -> Option<Perbill> {
		Operators::<T>::get(operator).map(|mut op| Self::apply_due_commission(&mut op))
	}

	/// Whether `operator` accepts allocations from `vault`: open (no allowlist), or listed.
	pub fn accepts_vault(operator: &T::AccountId, vault: VaultId) -> bool {
		VaultAllowlists::<T>::get(operator).is_none_or(|list| list.contains(&vault))
	}

	/// Stake of `vault` effectively allocated to (`operator`, `avs`) at this block.
	pub fn allocated_stake(vault: VaultId, operator: &T::AccountId, avs: AvsId) -> u128 {
		let Some(allocation) = Allocations::<T>::get((vault, operator, avs)) else { return 0 };
		let max = VaultMagnitudes::<T>::get(vault).max;
		stake_of(
			T::Vaults::active_assets(vault),
			allocation.effective(Self::now()),
			max,
			Rounding::Down,
		)
	}

	// ---- What the view functions (and the runtime APIs) answer ----

	/// Every allocation to (`operator`, `avs`), one per vault (bounded by `MaxVaultsPerPair`).
	pub(crate) fn pair_allocations_of(
		operator: T::AccountId,
		avs: AvsId,
	) -> alloc::vec::Vec<crate::runtime_api::AllocationView<BlockNumberFor<T>>> {
		let operator = &operator;
		let now = Self::now();
		PairVaults::<T>::get(operator, avs)
			.into_iter()
			.filter_map(|vault| {
				let allocation = Allocations::<T>::get((vault, operator, avs))?;
				let max = VaultMagnitudes::<T>::get(vault).max;
				let pending = allocation.pending.filter(|p| p.effective_at > now).map(|p| {
					(Perbill::from_rational(p.target.min(max), max.max(1)), p.effective_at)
				});
				Some(crate::runtime_api::AllocationView {
					vault,
					avs,
					stake: Self::allocated_stake(vault, operator, avs),
					slashable: <Self as StakeInspect<_, _>>::slashable_allocation(
						vault, operator, avs,
					),
					pending,
				})
			})
			.collect()
	}

	/// An AVS's total stake weighted by its accepted assets' weights (bounded: operators of
	/// the AVS × vaults per pair). Off-chain use (runtime API).
	pub(crate) fn avs_weighted_stake_of(avs: AvsId) -> u128 {
		let Some(info) = Avss::<T>::get(avs) else { return 0 };
		let mut total: u128 = 0;
		for operator in OptIns::<T>::iter_key_prefix(avs) {
			for vault in PairVaults::<T>::get(&operator, avs) {
				let weight = T::Vaults::vault_asset(vault)
					.and_then(|asset| info.accepted_assets.get(&asset).copied())
					.unwrap_or_default();
				total = total
					.saturating_add(weight.mul_floor(Self::allocated_stake(vault, &operator, avs)));
			}
		}
		total
	}

	/// An AVS's lifecycle state (runtime API).
	pub(crate) fn avs_state_of(
		avs: AvsId,
	) -> Option<crate::runtime_api::AvsState<T::AccountId, BlockNumberFor<T>>> {
		let info = Avss::<T>::get(avs)?;
		let (slasher, resolver) = Self::roles_in_force(avs, &info);
		let now = Self::now();
		let release_at = info.deregistered_at.map(Self::avs_release_at);
		Some(crate::runtime_api::AvsState {
			pending_owner: PendingAvsOwners::<T>::get(avs),
			pending_roles: PendingAvsRoles::<T>::get(avs)
				.filter(|p| p.effective_at > now)
				.map(|p| (p.slasher, p.resolver, p.effective_at)),
			can_complete_deregistration: release_at.is_some_and(|at| now >= at)
				&& info.operator_count == 0
				&& info.deposit > 0,
			owner: info.owner,
			slasher,
			resolver,
			deregistered_at: info.deregistered_at,
			release_at,
			operators: info.operator_count,
			deposit: info.deposit,
		})
	}

	/// An operator's lifecycle state (runtime API). Reads every AVS id's opt-in: off-chain use.
	pub(crate) fn operator_state_of(
		who: T::AccountId,
	) -> Option<crate::runtime_api::OperatorState<BlockNumberFor<T>>> {
		let who = &who;
		let op = Operators::<T>::get(who)?;
		let opt_ins: alloc::vec::Vec<_> = (0..NextAvsId::<T>::get())
			.filter_map(|avs| OptIns::<T>::get(avs, who).map(|status| (avs, status)))
			.collect();
		let free_from = opt_ins.iter().try_fold(Self::now(), |latest, (_, status)| match status {
			OptInStatus::OptingOut { until } => Some(latest.max(*until)),
			_ => None,
		});
		Some(crate::runtime_api::OperatorState {
			deposit: op.deposit,
			can_deregister: opt_ins.is_empty(),
			opt_ins,
			free_from,
		})
	}
}
