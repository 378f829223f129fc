//! Allocations of vault stake to (operator, AVS) pairs: allocate, schedule, cancel, settle,
//! and the exit delays and slash holds they note.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::DefensiveSaturating;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_arithmetic::per_things::Rounding;
use polkadot_sdk::sp_runtime::traits::{One, Saturating};
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::magnitude::{reencumber, stake_of};
use restake_primitives::traits::{ExitDelays, OnStakeChanged, SlashHolds, VaultInspect};
use restake_primitives::{AvsId, VaultId};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_allocate(
		who: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
		share: Perbill,
	) -> DispatchResult {
		let curator = T::Vaults::curator(vault).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(&curator == who, Error::<T>::NotCurator);
		let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		let target = share.mul_floor(VaultMagnitudes::<T>::get(vault).max);
		let existing = Allocations::<T>::get((vault, operator, avs));
		let current = existing.map(|a| a.effective(Self::now())).unwrap_or(0);
		// Growing (or creating) an allocation needs a live, permitted, opted-in pair.
		if target > current {
			ensure!(info.deregistered_at.is_none(), Error::<T>::AvsDeregistered);
			ensure!(
				OptIns::<T>::get(avs, operator) == Some(OptInStatus::Active),
				Error::<T>::NotOptedIn
			);
			ensure!(T::Vaults::allows_avs(vault, avs), Error::<T>::AvsNotAllowedByVault);
			ensure!(Self::accepts_vault(operator, vault), Error::<T>::VaultNotAllowedByOperator);
			// Stake (re)joining a pair under slash would be charged by a request made before it
			// came: a vault with nothing in force waits until the pair's requests resolve.
			ensure!(
				current != 0
					|| !T::SlashHolds::pair_held(
						operator,
						avs,
						<BlockNumberFor<T> as polkadot_sdk::sp_runtime::traits::Bounded>::max_value(
						)
					),
				Error::<T>::PairUnderSlash
			);
		}
		// Every entry takes one of the pair's bounded slots: what it grows to, or shrinks to
		// short of leaving, carries real stake.
		if target != 0 {
			let max = VaultMagnitudes::<T>::get(vault).max;
			let stake = stake_of(T::Vaults::active_assets(vault), target, max, Rounding::Down);
			ensure!(stake >= T::MinAllocation::get(), Error::<T>::AllocationTooSmall);
		}
		// An increase raises what the vault's holders can lose: it waits until they could
		// have left.
		let delay = if target > current {
			T::AllocationDelay::get().max(T::Vaults::exit_delay(vault).saturating_add(One::one()))
		} else {
			T::DeallocationDelay::get()
		};
		Self::schedule(vault, operator, avs, target, Self::now().saturating_add(delay), false)?;
		T::OnStakeChanged::on_stake_changed(vault);
		Ok(())
	}

	/// Schedules the allocation (vault, operator, avs) to reach `target` at `effective_at`,
	/// creating it if needed, keeping the vault's encumbered magnitude within its maximum.
	/// `force` (opt-outs) replaces a pending change instead of refusing.
	pub(crate) fn schedule(
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
		target: u128,
		effective_at: BlockNumberFor<T>,
		force: bool,
	) -> DispatchResult {
		let now = Self::now();
		let key = (vault, operator.clone(), avs);
		let mut magnitudes = VaultMagnitudes::<T>::get(vault);
		let existing = Allocations::<T>::get(&key);
		let is_new = existing.is_none();
		let mut allocation = existing.unwrap_or_default();
		// What the stored allocation counts against the vault, before a due change settles:
		// settling a decrease lowers it, and the vault's total must lose the same amount.
		let before = allocation.encumbered();
		let held = Self::decrease_held(&allocation, operator, avs, now);
		if force && !is_new {
			// A wind-down never postpones an exit already under way: a decrease that is due but
			// captured by a pending slash stays as it is (what it leaves in place goes when the
			// opt-out completes), and one already going to zero keeps its date.
			if held || allocation.is_leaving() {
				return Ok(());
			}
		}
		if held {
			// The decrease is due but captured by a pending slash: it has not happened.
			return Err(Error::<T>::StakeCaptured.into());
		}
		allocation.settle(now);
		if !force {
			ensure!(allocation.pending.is_none(), Error::<T>::AllocationChangePending);
			ensure!(allocation.current != target, Error::<T>::AllocationUnchanged);
		}
		allocation.pending = Some(PendingAllocation { target, effective_at });
		let encumbered = reencumber(magnitudes.encumbered, before, allocation.encumbered())
			.ok_or(Error::<T>::Overflow)?;
		ensure!(encumbered <= magnitudes.max, Error::<T>::InsufficientCapacity);
		magnitudes.encumbered = encumbered;
		if is_new {
			// A pending request's capture names the vaults of the pair when it was made; a vault
			// joining (or re-joining after being slashed out) must not be taken by it.
			ensure!(
				!T::SlashHolds::pair_held(
					operator,
					avs,
					<BlockNumberFor<T> as polkadot_sdk::sp_runtime::traits::Bounded>::max_value()
				),
				Error::<T>::PairUnderSlash
			);
			ensure!(
				magnitudes.allocations < T::MaxAllocationsPerVault::get(),
				Error::<T>::TooManyAllocations
			);
			magnitudes.allocations.saturating_inc();
			PairVaults::<T>::try_mutate(operator, avs, |vaults| {
				vaults.try_push(vault).map_err(|_| Error::<T>::TooManyVaultsPerPair)
			})?;
			Self::note_exit_delay(vault, operator, avs);
		}
		Allocations::<T>::insert(&key, allocation);
		VaultMagnitudes::<T>::insert(vault, magnitudes);
		Self::deposit_event(Event::AllocationScheduled {
			vault,
			operator: operator.clone(),
			avs,
			magnitude: target,
			effective_at,
		});
		Ok(())
	}

	/// Withdraws an allocation increase that has not taken effect: the stake was never
	/// slashable for the pair, so it leaves at once.
	/// Returns the weight the ledger's re-weighing of the vault used.
	pub(crate) fn do_cancel_allocation_increase(
		who: &T::AccountId,
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
	) -> Result<Weight, DispatchError> {
		let curator = T::Vaults::curator(vault).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(&curator == who, Error::<T>::NotCurator);
		let key = (vault, operator.clone(), avs);
		let mut allocation = Allocations::<T>::get(&key).ok_or(Error::<T>::AllocationNotFound)?;
		let pending = allocation.pending.ok_or(Error::<T>::NoPendingIncrease)?;
		ensure!(
			pending.target > allocation.current && pending.effective_at > Self::now(),
			Error::<T>::NoPendingIncrease
		);
		allocation.pending = None;
		let freed = pending.target.saturating_sub(allocation.current);
		Self::store_shrunk(vault, operator, avs, freed, allocation);
		Self::deposit_event(Event::AllocationIncreaseCancelled {
			vault,
			operator: operator.clone(),
			avs,
			magnitude: allocation.current,
		});
		// What earns did not change (an increase earns only once in force), but a removed
		// entry leaves the vault's pairs: the ledger re-reads them.
		Ok(T::OnStakeChanged::on_stake_changed(vault))
	}

	pub(crate) fn do_settle_allocation(
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
	) -> DispatchResult {
		let key = (vault, operator.clone(), avs);
		let mut allocation = Allocations::<T>::get(&key).ok_or(Error::<T>::AllocationNotFound)?;
		let before = allocation.encumbered();
		let now = Self::now();
		ensure!(!Self::decrease_held(&allocation, operator, avs, now), Error::<T>::StakeCaptured);
		let settled = allocation.settle(now);
		// The vault dropped the AVS from its allowlist while a slash held a decrease in place
		// (`disallow_avs` could not wind it down then): it is wound down now.
		let stranded = allocation.pending.is_none()
			&& allocation.current > 0
			&& !T::Vaults::allows_avs(vault, avs);
		ensure!(settled || stranded, Error::<T>::AllocationChangePending);
		if settled {
			Self::apply_settled(vault, operator, avs, before, allocation);
		}
		if stranded {
			Self::schedule(
				vault,
				operator,
				avs,
				0,
				now.saturating_add(T::DeallocationDelay::get()),
				true,
			)?;
		}
		T::OnStakeChanged::on_stake_changed(vault);
		Ok(())
	}

	/// Stores an allocation whose pending change just took effect: frees the capacity it no
	/// longer encumbers, and removes it (and its pair slot) if it reached zero.
	pub(crate) fn apply_settled(
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
		before: u128,
		allocation: Allocation<BlockNumberFor<T>>,
	) {
		let freed = before.saturating_sub(allocation.encumbered());
		Self::store_shrunk(vault, operator, avs, freed, allocation);
		Self::deposit_event(Event::AllocationSettled {
			vault,
			operator: operator.clone(),
			avs,
			magnitude: allocation.current,
		});
	}

	/// Stores the allocation of `vault` to (`operator`, `avs`) after it stopped encumbering
	/// `freed` of the vault's magnitude, removing it (and its pair slot) once it is at zero.
	fn store_shrunk(
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
		freed: u128,
		allocation: Allocation<BlockNumberFor<T>>,
	) {
		VaultMagnitudes::<T>::mutate(vault, |m| {
			// `freed` is part of this allocation's encumbered magnitude, part of the vault's.
			m.encumbered.defensive_saturating_reduce(freed);
			if allocation.current == 0 {
				m.allocations.saturating_dec();
			}
		});
		let key = (vault, operator.clone(), avs);
		if allocation.current == 0 {
			Allocations::<T>::remove(&key);
			PairVaults::<T>::mutate(operator, avs, |vaults| vaults.retain(|v| *v != vault));
		} else {
			Allocations::<T>::insert(&key, allocation);
		}
	}

	/// Records that `vault`'s stake backs `operator` and `avs`: their risk-raising changes
	/// (commission, slashing policy) wait longer than its holders need to leave. Never
	/// lowered: a bound on the slowest exit of any stake that has backed them.
	pub(crate) fn note_exit_delay(vault: VaultId, operator: &T::AccountId, avs: AvsId) {
		let delay = T::Vaults::exit_delay(vault);
		AvsExitDelay::<T>::mutate(avs, |d| *d = (*d).max(delay));
		OperatorExitDelay::<T>::mutate(operator, |d| *d = (*d).max(delay));
	}

	/// Whether `allocation` has a decrease that is due but held by a pending slash request
	/// made before it was due (the stake it frees was captured and must stay).
	pub(crate) fn decrease_held(
		allocation: &Allocation<BlockNumberFor<T>>,
		operator: &T::AccountId,
		avs: AvsId,
		now: BlockNumberFor<T>,
	) -> bool {
		allocation.pending.is_some_and(|p| {
			p.effective_at <= now
				&& p.target < allocation.current
				&& T::SlashHolds::pair_held(operator, avs, p.effective_at)
		})
	}
}
