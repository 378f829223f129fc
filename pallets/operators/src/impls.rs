//! The operator pallet's logic (`do_*`), queries, invariants and the traits it implements.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{fungible::MutateHold, tokens::Precision},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, per_things::Rounding},
	sp_runtime::{
		traits::{One, Saturating},
		Perbill,
	},
};
use restake_primitives::{
	traits::{
		AllocationSlash, AvsRoles, ExitDelays, OnStakeChanged, SlashHolds, StakeExitDelays,
		StakeInspect, VaultInspect, VaultSlash,
	},
	AvsId, VaultId,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	fn avs_owned_by(who: &T::AccountId, avs: AvsId) -> Result<AvsOf<T>, DispatchError> {
		let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotAvsOwner);
		Ok(info)
	}

	pub(crate) fn do_register_avs(
		owner: T::AccountId,
		name: StringOf<T>,
		uri: StringOf<T>,
		requires_approval: bool,
		slasher: T::AccountId,
		resolver: Option<T::AccountId>,
	) -> Result<AvsId, DispatchError> {
		let id = NextAvsId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::AvsDeposit::get();
		T::NativeBalance::hold(&HoldReason::AvsRegistration.into(), &owner, deposit)?;
		Avss::<T>::insert(
			id,
			AvsInfo {
				owner: owner.clone(),
				slasher,
				resolver,
				name,
				uri,
				requires_approval,
				accepted_assets: Default::default(),
				operator_count: 0,
				deposit,
				deregistered_at: None,
			},
		);
		NextAvsId::<T>::put(next);
		Self::deposit_event(Event::AvsRegistered { avs: id, owner });
		Ok(id)
	}

	pub(crate) fn do_update_avs(
		who: &T::AccountId,
		avs: AvsId,
		name: StringOf<T>,
		uri: StringOf<T>,
		requires_approval: bool,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		info.name = name;
		info.uri = uri;
		info.requires_approval = requires_approval;
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsUpdated { avs });
		Ok(())
	}

	pub(crate) fn do_set_accepted_asset(
		who: &T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		weight: Option<Perbill>,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		match weight {
			Some(w) => {
				info.accepted_assets
					.try_insert(asset.clone(), w)
					.map_err(|_| Error::<T>::TooManyAcceptedAssets)?;
			},
			None => {
				info.accepted_assets.remove(&asset).ok_or(Error::<T>::AssetNotAccepted)?;
			},
		}
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AcceptedAssetSet { avs, asset, weight });
		Ok(())
	}

	pub(crate) fn do_deregister_avs(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		ensure!(info.deregistered_at.is_none(), Error::<T>::AvsDeregistered);
		info.deregistered_at = Some(Self::now());
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsDeregistered { avs });
		Ok(())
	}

	pub(crate) fn do_register_operator(
		who: T::AccountId,
		name: StringOf<T>,
		commission: Perbill,
	) -> DispatchResult {
		ensure!(!Operators::<T>::contains_key(&who), Error::<T>::AlreadyOperator);
		ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		let deposit = T::OperatorDeposit::get();
		T::NativeBalance::hold(&HoldReason::OperatorBond.into(), &who, deposit)?;
		Operators::<T>::insert(
			&who,
			OperatorInfo { name, commission, pending_commission: None, deposit, avs_count: 0 },
		);
		Self::deposit_event(Event::OperatorRegistered { operator: who, commission });
		Ok(())
	}

	pub(crate) fn do_update_operator(who: &T::AccountId, name: StringOf<T>) -> DispatchResult {
		Operators::<T>::try_mutate(who, |maybe| {
			let op = maybe.as_mut().ok_or(Error::<T>::NotOperator)?;
			op.name = name;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::OperatorUpdated { operator: who.clone() });
		Ok(())
	}

	/// Leaves the registry once the operator has left every AVS: each `complete_opt_out` has
	/// already waited out the deallocation delay and every slash request that held the pair,
	/// so nothing of the operator's is slashable any more.
	pub(crate) fn do_deregister_operator(who: &T::AccountId) -> DispatchResult {
		let op = Operators::<T>::get(who).ok_or(Error::<T>::NotOperator)?;
		ensure!(op.avs_count == 0, Error::<T>::StillOptedIn);
		let released = T::NativeBalance::release(
			&HoldReason::OperatorBond.into(),
			who,
			op.deposit,
			Precision::BestEffort,
		)?;
		Operators::<T>::remove(who);
		VaultAllowlists::<T>::remove(who);
		OperatorExitDelay::<T>::remove(who);
		Self::deposit_event(Event::OperatorDeregistered { operator: who.clone(), released });
		Ok(())
	}

	/// The block from which `complete_avs_deregistration` can release the deposit of an AVS
	/// deregistered at `at`: its stake is no longer slashable then.
	pub fn avs_release_at(at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		at.saturating_add(T::DeallocationDelay::get())
	}

	pub(crate) fn do_complete_avs_deregistration(avs: AvsId) -> DispatchResult {
		let mut info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		let at = info.deregistered_at.ok_or(Error::<T>::AvsNotDeregistered)?;
		ensure!(Self::now() >= Self::avs_release_at(at), Error::<T>::StillSlashable);
		ensure!(info.operator_count == 0, Error::<T>::AvsHasOperators);
		ensure!(info.deposit > 0, Error::<T>::DepositAlreadyReleased);
		let released = T::NativeBalance::release(
			&HoldReason::AvsRegistration.into(),
			&info.owner,
			info.deposit,
			Precision::BestEffort,
		)?;
		info.deposit = 0;
		// A due role change is the one in force: the record keeps it. One still waiting is
		// dropped with the AVS's exit (its stake is no longer slashable anyway).
		(info.slasher, info.resolver) = Self::roles_in_force(avs, &info);
		PendingAvsRoles::<T>::remove(avs);
		PendingAvsOwners::<T>::remove(avs);
		let owner = info.owner.clone();
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsDeregistrationCompleted { avs, owner, released });
		Ok(())
	}

	pub(crate) fn do_transfer_avs_ownership(
		who: &T::AccountId,
		avs: AvsId,
		new_owner: Option<T::AccountId>,
	) -> DispatchResult {
		Self::avs_owned_by(who, avs)?;
		match &new_owner {
			Some(new) => {
				ensure!(new != who, Error::<T>::AlreadyAvsOwner);
				PendingAvsOwners::<T>::insert(avs, new);
			},
			None => {
				ensure!(PendingAvsOwners::<T>::contains_key(avs), Error::<T>::NoOwnershipOffer);
				PendingAvsOwners::<T>::remove(avs);
			},
		}
		Self::deposit_event(Event::AvsOwnershipOffered { avs, to: new_owner });
		Ok(())
	}

	/// The new owner takes over the AVS and its deposit: the deposit is held from it and
	/// released to the previous owner.
	pub(crate) fn do_accept_avs_ownership(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		ensure!(PendingAvsOwners::<T>::get(avs).as_ref() == Some(who), Error::<T>::NotPendingOwner);
		let mut info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		if info.deposit > 0 {
			let reason = HoldReason::AvsRegistration.into();
			T::NativeBalance::hold(&reason, who, info.deposit)?;
			T::NativeBalance::release(&reason, &info.owner, info.deposit, Precision::BestEffort)?;
		}
		let from = core::mem::replace(&mut info.owner, who.clone());
		Avss::<T>::insert(avs, info);
		PendingAvsOwners::<T>::remove(avs);
		Self::deposit_event(Event::AvsOwnerChanged { avs, from, to: who.clone() });
		Ok(())
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

	pub(crate) fn do_set_avs_roles(
		who: &T::AccountId,
		avs: AvsId,
		slasher: T::AccountId,
		resolver: Option<T::AccountId>,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		// A due change is the one in force: fold it in before comparing.
		let (current_slasher, current_resolver) = Self::roles_in_force(avs, &info);
		let pending = PendingAvsRoles::<T>::take(avs).filter(|p| p.effective_at > Self::now());
		info.slasher = current_slasher;
		info.resolver = current_resolver;
		// Veto policies rely on a resolver: once named, one can be replaced, never removed.
		ensure!(info.resolver.is_none() || resolver.is_some(), Error::<T>::ResolverRequired);
		if info.slasher == slasher && info.resolver == resolver {
			// Back to the roles in force: cancels a scheduled change.
			ensure!(pending.is_some(), Error::<T>::AvsRolesUnchanged);
			Avss::<T>::insert(avs, info);
			Self::deposit_event(Event::AvsRolesChangeCancelled { avs });
			return Ok(());
		}
		let effective_at = Self::role_change_at(avs);
		Avss::<T>::insert(avs, info);
		PendingAvsRoles::<T>::insert(
			avs,
			RoleChange { slasher: slasher.clone(), resolver: resolver.clone(), effective_at },
		);
		Self::deposit_event(Event::AvsRolesChangeScheduled {
			avs,
			slasher,
			resolver,
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
		VaultMagnitudes::<T>::mutate(vault, |m| {
			m.encumbered.saturating_reduce(freed);
			if allocation.current == 0 {
				m.allocations.saturating_dec();
			}
		});
		if allocation.current == 0 {
			Allocations::<T>::remove(&key);
			PairVaults::<T>::mutate(operator, avs, |vaults| vaults.retain(|v| *v != vault));
		} else {
			Allocations::<T>::insert(&key, allocation);
		}
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

	pub(crate) fn do_set_commission(who: &T::AccountId, commission: Perbill) -> DispatchResult {
		Operators::<T>::try_mutate(who, |maybe| {
			let op = maybe.as_mut().ok_or(Error::<T>::NotOperator)?;
			ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			let current = Self::apply_due_commission(op);
			if commission <= current {
				op.commission = commission;
				op.pending_commission = None;
				Self::deposit_event(Event::CommissionUpdated { operator: who.clone(), commission });
			} else {
				// Every vault backing the operator pays it: wait out the slowest exit.
				let delay = T::CommissionIncreaseDelay::get()
					.max(OperatorExitDelay::<T>::get(who).saturating_add(One::one()));
				let effective_at = Self::now().saturating_add(delay);
				op.pending_commission = Some((commission, effective_at));
				Self::deposit_event(Event::CommissionIncreaseScheduled {
					operator: who.clone(),
					commission,
					effective_at,
				});
			}
			Ok(())
		})
	}

	fn apply_due_commission(op: &mut OperatorOf<T>) -> Perbill {
		if let Some((c, at)) = op.pending_commission {
			if Self::now() >= at {
				op.commission = c;
				op.pending_commission = None;
			}
		}
		op.commission
	}

	/// The commission in force now.
	pub fn commission_of(operator: &T::AccountId) -> Option<Perbill> {
		Operators::<T>::get(operator).map(|mut op| Self::apply_due_commission(&mut op))
	}

	pub(crate) fn do_opt_in(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		let mut op = Operators::<T>::get(who).ok_or(Error::<T>::NotOperator)?;
		let mut info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(info.deregistered_at.is_none(), Error::<T>::AvsDeregistered);
		ensure!(!OptIns::<T>::contains_key(avs, who), Error::<T>::AlreadyOptedIn);
		ensure!(op.avs_count < T::MaxAvsPerOperator::get(), Error::<T>::TooManyAvs);
		ensure!(info.operator_count < T::MaxOperatorsPerAvs::get(), Error::<T>::TooManyOperators);
		op.avs_count.saturating_inc();
		info.operator_count.saturating_inc();
		let status =
			if info.requires_approval { OptInStatus::Pending } else { OptInStatus::Active };
		OptIns::<T>::insert(avs, who, status);
		Operators::<T>::insert(who, op);
		Avss::<T>::insert(avs, info);
		let (operator, avs) = (who.clone(), avs);
		Self::deposit_event(match status {
			OptInStatus::Pending => Event::OptInRequested { operator, avs },
			_ => Event::OperatorOptedIn { operator, avs },
		});
		Ok(())
	}

	pub(crate) fn do_decide_opt_in(
		who: &T::AccountId,
		avs: AvsId,
		operator: &T::AccountId,
		approve: bool,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		ensure!(
			OptIns::<T>::get(avs, operator) == Some(OptInStatus::Pending),
			Error::<T>::NoPendingOptIn
		);
		if approve {
			OptIns::<T>::insert(avs, operator, OptInStatus::Active);
			Self::deposit_event(Event::OperatorOptedIn { operator: operator.clone(), avs });
		} else {
			OptIns::<T>::remove(avs, operator);
			info.operator_count.saturating_dec();
			Avss::<T>::insert(avs, info);
			Operators::<T>::mutate(operator, |op| {
				if let Some(op) = op {
					op.avs_count.saturating_dec();
				}
			});
			Self::deposit_event(Event::OptInRejected { operator: operator.clone(), avs });
		}
		Ok(())
	}

	/// Returns the weight it used: the benchmarked opt-out of the pair's vaults and the
	/// ledger's re-weighing of each.
	pub(crate) fn do_opt_out(who: &T::AccountId, avs: AvsId) -> Result<Weight, DispatchError> {
		let status = OptIns::<T>::get(avs, who).ok_or(Error::<T>::NotOptedIn)?;
		ensure!(!matches!(status, OptInStatus::OptingOut { .. }), Error::<T>::AlreadyOptingOut);
		let now = Self::now();
		let until = now.saturating_add(T::DeallocationDelay::get());
		// Wind every allocation of the pair down to zero, effective with the opt-out; the
		// stake stops earning now (see `Allocation::earning`), so the ledger re-weighs it.
		let vaults = PairVaults::<T>::get(who, avs);
		for vault in &vaults {
			Self::schedule(*vault, who, avs, 0, until, true)?;
		}
		let mut used = T::WeightInfo::opt_out(vaults.len() as u32);
		for vault in vaults {
			used.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault));
		}
		OptIns::<T>::insert(avs, who, OptInStatus::OptingOut { until });
		Self::deposit_event(Event::OperatorOptingOut { operator: who.clone(), avs, until });
		Ok(used)
	}

	/// Whether `operator` accepts allocations from `vault`: open (no allowlist), or listed.
	pub fn accepts_vault(operator: &T::AccountId, vault: VaultId) -> bool {
		VaultAllowlists::<T>::get(operator).is_none_or(|list| list.contains(&vault))
	}

	pub(crate) fn do_set_vault_allowlist(
		who: &T::AccountId,
		allowlist: Option<BoundedVec<VaultId, T::MaxVaultAllowlist>>,
	) -> DispatchResult {
		ensure!(Operators::<T>::contains_key(who), Error::<T>::NotOperator);
		if let Some(list) = &allowlist {
			for (i, vault) in list.iter().enumerate() {
				ensure!(T::Vaults::vault_exists(*vault), Error::<T>::VaultNotFound);
				ensure!(!list[..i].contains(vault), Error::<T>::DuplicateVault);
			}
		}
		match &allowlist {
			Some(list) => VaultAllowlists::<T>::insert(who, list),
			None => VaultAllowlists::<T>::remove(who),
		}
		Self::deposit_event(Event::VaultAllowlistSet {
			operator: who.clone(),
			allowlist: allowlist.map(BoundedVec::into_inner),
		});
		Ok(())
	}

	pub(crate) fn do_eject_vault(who: &T::AccountId, avs: AvsId, vault: VaultId) -> DispatchResult {
		ensure!(Operators::<T>::contains_key(who), Error::<T>::NotOperator);
		let allocation =
			Allocations::<T>::get((vault, who, avs)).ok_or(Error::<T>::AllocationNotFound)?;
		// Already at zero or on its way there: a new wind-down would only come later.
		ensure!(!allocation.is_leaving(), Error::<T>::AllocationUnchanged);
		let now = Self::now();
		ensure!(!Self::decrease_held(&allocation, who, avs, now), Error::<T>::StakeCaptured);
		// Stake that never took effect was never slashable: it may leave at once.
		let until = if allocation.effective(now) == 0 {
			now
		} else {
			now.saturating_add(T::DeallocationDelay::get())
		};
		Self::schedule(vault, who, avs, 0, until, true)?;
		T::OnStakeChanged::on_stake_changed(vault);
		Self::deposit_event(Event::VaultEjected { operator: who.clone(), avs, vault, until });
		Ok(())
	}

	/// Returns the weight it used (that of the opt-out it runs).
	pub(crate) fn do_eject_operator(
		who: &T::AccountId,
		avs: AvsId,
		operator: &T::AccountId,
	) -> Result<Weight, DispatchError> {
		Self::avs_owned_by(who, avs)?;
		match OptIns::<T>::get(avs, operator) {
			Some(OptInStatus::Active) => {},
			Some(OptInStatus::OptingOut { .. }) => return Err(Error::<T>::AlreadyOptingOut.into()),
			_ => return Err(Error::<T>::NotOptedIn.into()),
		}
		let used = Self::do_opt_out(operator, avs)?;
		let until = Self::now().saturating_add(T::DeallocationDelay::get());
		Self::deposit_event(Event::OperatorEjected { avs, operator: operator.clone(), until });
		Ok(used)
	}

	pub(crate) fn do_complete_opt_out(operator: &T::AccountId, avs: AvsId) -> DispatchResult {
		let status = OptIns::<T>::get(avs, operator).ok_or(Error::<T>::NotOptedIn)?;
		let OptInStatus::OptingOut { until } = status else {
			return Err(Error::<T>::NotOptedIn.into());
		};
		ensure!(Self::now() >= until, Error::<T>::StillSlashable);
		ensure!(!T::SlashHolds::pair_held(operator, avs, until), Error::<T>::StakeCaptured);
		for vault in PairVaults::<T>::take(operator, avs) {
			if let Some(allocation) = Allocations::<T>::take((vault, operator, avs)) {
				// Every allocation of the pair reached zero with the opt-out: free what it
				// still counted against the vault's capacity.
				VaultMagnitudes::<T>::mutate(vault, |m| {
					m.encumbered.saturating_reduce(allocation.encumbered());
					m.allocations.saturating_dec();
				});
			}
			T::OnStakeChanged::on_stake_changed(vault);
		}
		OptIns::<T>::remove(avs, operator);
		Operators::<T>::mutate(operator, |op| {
			if let Some(op) = op {
				op.avs_count.saturating_dec();
			}
		});
		Avss::<T>::mutate(avs, |info| {
			if let Some(info) = info {
				info.operator_count.saturating_dec();
			}
		});
		Self::deposit_event(Event::OperatorOptedOut { operator: operator.clone(), avs });
		Ok(())
	}

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
			let stake =
				Self::stake_of(T::Vaults::active_assets(vault), target, max, Rounding::Down);
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
		let encumbered = magnitudes
			.encumbered
			.saturating_sub(before)
			.checked_add(allocation.encumbered())
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
	fn apply_settled(
		vault: VaultId,
		operator: &T::AccountId,
		avs: AvsId,
		before: u128,
		allocation: Allocation<BlockNumberFor<T>>,
	) {
		let key = (vault, operator.clone(), avs);
		let freed = before.saturating_sub(allocation.encumbered());
		VaultMagnitudes::<T>::mutate(vault, |m| {
			m.encumbered.saturating_reduce(freed);
			if allocation.current == 0 {
				m.allocations.saturating_dec();
			}
		});
		if allocation.current == 0 {
			Allocations::<T>::remove(&key);
			PairVaults::<T>::mutate(operator, avs, |vaults| vaults.retain(|v| *v != vault));
		} else {
			Allocations::<T>::insert(&key, allocation);
		}
		Self::deposit_event(Event::AllocationSettled {
			vault,
			operator: operator.clone(),
			avs,
			magnitude: allocation.current,
		});
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

	/// `amount × magnitude / max`, rounded as asked.
	fn stake_of(amount: u128, magnitude: u128, max: u128, rounding: Rounding) -> u128 {
		if max == 0 {
			return 0;
		}
		multiply_by_rational_with_rounding(amount, magnitude, max, rounding).unwrap_or(amount)
	}

	/// Stake of `vault` effectively allocated to (`operator`, `avs`) at this block.
	pub fn allocated_stake(vault: VaultId, operator: &T::AccountId, avs: AvsId) -> u128 {
		let Some(allocation) = Allocations::<T>::get((vault, operator, avs)) else { return 0 };
		let max = VaultMagnitudes::<T>::get(vault).max;
		Self::stake_of(
			T::Vaults::active_assets(vault),
			allocation.effective(Self::now()),
			max,
			Rounding::Down,
		)
	}

	/// For other pallets' benchmarks: an AVS owned by `owner` (also slasher and resolver),
	/// `operator` registered and opted in, and `n` vaults curated by `curator` allocating 10 %
	/// each to the pair, in force. All three accounts must hold enough native balance.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn benchmark_pair(
		owner: &T::AccountId,
		operator: &T::AccountId,
		curator: &T::AccountId,
		n: u32,
	) -> Result<AvsId, DispatchError> {
		use crate::benchmarking::BenchmarkHelper;
		let name: StringOf<T> = b"bench".to_vec().try_into().map_err(|_| Error::<T>::Overflow)?;
		let avs = Self::do_register_avs(
			owner.clone(),
			name.clone(),
			name.clone(),
			false,
			owner.clone(),
			Some(owner.clone()),
		)?;
		if !Operators::<T>::contains_key(operator) {
			Self::do_register_operator(operator.clone(), name, Perbill::zero())?;
		}
		Self::do_opt_in(operator, avs)?;
		for _ in 0..n {
			let vault = T::BenchmarkHelper::create_vault(curator, avs);
			Self::do_allocate(curator, vault, operator, avs, Perbill::from_percent(10))?;
			Allocations::<T>::mutate((vault, operator, avs), |a| {
				if let Some(a) = a {
					a.settle(
						<BlockNumberFor<T> as polkadot_sdk::sp_runtime::traits::Bounded>::max_value(
						),
					);
				}
			});
		}
		Ok(avs)
	}

	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut encumbered: BTreeMap<VaultId, (u128, u32)> = BTreeMap::new();
		for (operator, list) in VaultAllowlists::<T>::iter() {
			ensure!(Operators::<T>::contains_key(&operator), "allowlist of a missing operator");
			for (i, vault) in list.iter().enumerate() {
				ensure!(!list[..i].contains(vault), "allowlist names a vault twice");
			}
		}
		for ((vault, operator, avs), allocation) in Allocations::<T>::iter() {
			ensure!(T::Vaults::vault_exists(vault), "allocation of a missing vault");
			ensure!(Avss::<T>::contains_key(avs), "allocation to a missing AVS");
			ensure!(Operators::<T>::contains_key(&operator), "allocation to a missing operator");
			ensure!(OptIns::<T>::contains_key(avs, &operator), "allocation without opt-in");
			ensure!(
				PairVaults::<T>::get(&operator, avs).contains(&vault),
				"allocation missing from its pair's vault list"
			);
			let delay = T::Vaults::exit_delay(vault);
			ensure!(AvsExitDelay::<T>::get(avs) >= delay, "AVS exit delay below a backing vault's");
			ensure!(
				OperatorExitDelay::<T>::get(&operator) >= delay,
				"operator exit delay below a backing vault's"
			);
			let e = encumbered.entry(vault).or_default();
			e.0 = e.0.saturating_add(allocation.encumbered());
			e.1 = e.1.saturating_add(1);
		}
		for (vault, magnitudes) in VaultMagnitudes::<T>::iter() {
			let (sum, count) = encumbered.remove(&vault).unwrap_or_default();
			ensure!(sum == magnitudes.encumbered, "encumbered magnitude out of sync");
			ensure!(count == magnitudes.allocations, "allocation count out of sync");
			ensure!(magnitudes.encumbered <= magnitudes.max, "vault over-allocated");
			ensure!(magnitudes.max <= MAGNITUDE_ONE, "max magnitude above one");
		}
		ensure!(encumbered.values().all(|(sum, _)| *sum == 0), "allocations without magnitudes");
		for (operator, avs, vaults) in PairVaults::<T>::iter() {
			for vault in vaults {
				ensure!(
					Allocations::<T>::contains_key((vault, &operator, avs)),
					"pair lists a vault without allocation"
				);
			}
		}
		let mut per_avs: BTreeMap<AvsId, u32> = BTreeMap::new();
		let mut per_operator: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (avs, operator, _) in OptIns::<T>::iter() {
			ensure!(Avss::<T>::contains_key(avs), "opt-in to a missing AVS");
			*per_avs.entry(avs).or_default() += 1;
			*per_operator.entry(operator).or_default() += 1;
		}
		for avs in PendingAvsOwners::<T>::iter_keys().chain(PendingAvsRoles::<T>::iter_keys()) {
			ensure!(Avss::<T>::contains_key(avs), "pending role change of a missing AVS");
		}
		for (avs, info) in Avss::<T>::iter() {
			ensure!(avs < NextAvsId::<T>::get(), "AVS id at or above NextAvsId");
			ensure!(
				info.deposit > 0 || info.deregistered_at.is_some() || T::AvsDeposit::get() == 0,
				"a live AVS without its deposit"
			);
			ensure!(
				per_avs.get(&avs).copied().unwrap_or(0) == info.operator_count,
				"AVS operator count out of sync"
			);
		}
		for (operator, info) in Operators::<T>::iter() {
			ensure!(
				per_operator.get(&operator).copied().unwrap_or(0) == info.avs_count,
				"operator AVS count out of sync"
			);
		}
		ensure!(
			per_operator.keys().all(Operators::<T>::contains_key),
			"opt-in of a missing operator"
		);
		Ok(())
	}
}

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
		Self::stake_of(
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
		let earning = Self::stake_of(
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
			let still_there = Self::stake_of(total, held, magnitudes.max, Rounding::Up).min(total);
			// The fraction of what was captured and is still there: withdrawals that had
			// matured before the request may have left since, and must not cost the holders
			// who stayed more than their own share.
			let target = fraction.mul_ceil(captured_stake.min(still_there));
			if target == 0 || total == 0 {
				continue;
			}
			let slashed =
				multiply_by_rational_with_rounding(target, magnitudes.max, total, Rounding::Up)
					.unwrap_or(held)
					.min(held);
			let amount = T::Vaults::slash_vault(vault, target)?;

			// Remove the slashed magnitude from the allocation, its pending target and the
			// vault's maximum: every other allocation keeps its stake.
			allocation.current = allocation.current.saturating_sub(slashed);
			if let Some(p) = allocation.pending.as_mut() {
				p.target = p.target.saturating_sub(slashed);
			}
			magnitudes.max = magnitudes.max.saturating_sub(slashed);
			magnitudes.encumbered = magnitudes
				.encumbered
				.saturating_sub(before)
				.saturating_add(allocation.encumbered());
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
