//! Consent between operators, AVSs and vaults: opt-in and its approval, opt-out, the
//! operator's vault allowlist, ejections.

use crate::{pallet::*, types::*, weights::WeightInfo};
use polkadot_sdk::frame_support::traits::DefensiveSaturating;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::Saturating;
use restake_primitives::traits::{OnStakeChanged, SlashHolds, VaultInspect};
use restake_primitives::{AvsId, VaultId};

impl<T: Config> Pallet<T> {
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
					// The allocations' encumbered magnitudes sum to the vault's.
					m.encumbered.defensive_saturating_reduce(allocation.encumbered());
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
}
