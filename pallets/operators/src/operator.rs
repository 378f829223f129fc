//! The operator's own calls: register, update, commission, deregister.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::{One, Saturating};
use polkadot_sdk::sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
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

	pub(crate) fn apply_due_commission(op: &mut OperatorOf<T>) -> Perbill {
		if let Some((c, at)) = op.pending_commission {
			if Self::now() >= at {
				op.commission = c;
				op.pending_commission = None;
			}
		}
		op.commission
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
}
