//! Slashing policies: set by the AVS's owner (a riskier one only after a delay, so holders
//! can leave first), applied when due, and the kill switch (a policy that is not enabled
//! voids every pending request).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// Block from which a riskier policy of `avs` set now applies: after `PolicyChangeDelay`
	/// and strictly after the holders of every vault that has allocated to it could have left.
	pub fn riskier_policy_effective_at(avs: AvsId) -> BlockNumberFor<T> {
		let exit = T::Stake::avs_exit_delay(avs).saturating_add(One::one());
		Self::now().saturating_add(T::PolicyChangeDelay::get().max(exit))
	}

	/// Sets the policy; returns how many pending requests it voided (disabling slashing).
	pub(crate) fn do_set_policy(
		who: &T::AccountId,
		avs: AvsId,
		policy: PolicyOf<T>,
	) -> Result<u32, DispatchError> {
		let roles = T::Stake::avs_roles(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(&roles.owner == who, Error::<T>::NotAvsOwner);
		if let Some(window) = policy.veto_window {
			ensure!(
				window <= T::MaxVetoWindow::get() && roles.resolver.is_some(),
				Error::<T>::InvalidVetoWindow
			);
		}
		// Compare with what is in force now: a due scheduled policy counts.
		let riskier = match Self::policy_in_force(avs) {
			Some(current) => current.is_riskier(&policy),
			None => policy.status != PolicyStatus::Disabled,
		};
		if riskier {
			let effective_at = Self::riskier_policy_effective_at(avs);
			PendingPolicies::<T>::insert(
				avs,
				PendingPolicy { policy: policy.clone(), applies_from: effective_at },
			);
			Self::deposit_event(Event::PolicyChangeScheduled { avs, policy, effective_at });
			return Ok(0);
		}
		PendingPolicies::<T>::remove(avs);
		Self::put_policy(avs, policy)
	}

	/// Puts `policy` in force. The kill switch: a policy that is not enabled voids every
	/// pending request, so nothing already requested executes. Returns how many it voided.
	pub(crate) fn put_policy(avs: AvsId, policy: PolicyOf<T>) -> Result<u32, DispatchError> {
		let enabled = policy.status == PolicyStatus::Enabled;
		Policies::<T>::insert(avs, policy.clone());
		Self::deposit_event(Event::PolicySet { avs, policy });
		if enabled {
			Ok(0)
		} else {
			Self::void_pending(avs)
		}
	}

	pub(crate) fn do_apply_policy(avs: AvsId) -> DispatchResult {
		let PendingPolicy { policy, applies_from: at } =
			PendingPolicies::<T>::get(avs).ok_or(Error::<T>::NoDuePolicyChange)?;
		ensure!(Self::now() >= at, Error::<T>::NoDuePolicyChange);
		PendingPolicies::<T>::remove(avs);
		// Only riskier (enabled) policies are ever scheduled: nothing to void.
		Self::put_policy(avs, policy).map(|_| ())
	}

	/// Voids every pending request of `avs` (its slashing was turned off); returns how many.
	pub(crate) fn void_pending(avs: AvsId) -> Result<u32, DispatchError> {
		let pending = AvsRequests::<T>::get(avs);
		for id in &pending {
			let request = Self::take_pending(*id)?;
			Self::record(*id, &request, SlashOutcome::Voided, BoundedVec::new());
			Self::deposit_event(Event::SlashVoided { id: *id });
		}
		Ok(pending.len() as u32)
	}
}
