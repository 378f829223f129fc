//! The slashing pallet's logic (`do_*`), queries and invariants.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::*, BoundedVec},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	},
};
use restake_primitives::{
	traits::{AllocationSlash, PendingSlashes as PendingSlashesTrait, StakeInspect},
	AvsId, VaultId,
};

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	fn epoch_of(block: BlockNumberFor<T>) -> BlockNumberFor<T> {
		block / T::EpochLength::get()
	}

	pub(crate) fn do_set_policy(
		who: &T::AccountId,
		avs: AvsId,
		policy: PolicyOf<T>,
	) -> DispatchResult {
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
			let effective_at = Self::now().saturating_add(T::PolicyChangeDelay::get());
			PendingPolicies::<T>::insert(avs, (policy.clone(), effective_at));
			Self::deposit_event(Event::PolicyChangeScheduled { avs, policy, effective_at });
		} else {
			PendingPolicies::<T>::remove(avs);
			Policies::<T>::insert(avs, policy.clone());
			Self::deposit_event(Event::PolicySet { avs, policy });
		}
		Ok(())
	}

	pub(crate) fn do_apply_policy(avs: AvsId) -> DispatchResult {
		let (policy, at) = PendingPolicies::<T>::get(avs).ok_or(Error::<T>::NoDuePolicyChange)?;
		ensure!(Self::now() >= at, Error::<T>::NoDuePolicyChange);
		PendingPolicies::<T>::remove(avs);
		Policies::<T>::insert(avs, policy.clone());
		Self::deposit_event(Event::PolicySet { avs, policy });
		Ok(())
	}

	/// The policy in force at this block (a due scheduled policy counts).
	pub fn policy_in_force(avs: AvsId) -> Option<PolicyOf<T>> {
		match PendingPolicies::<T>::get(avs) {
			Some((policy, at)) if at <= Self::now() => Some(policy),
			_ => Policies::<T>::get(avs),
		}
	}

	pub(crate) fn do_request_slash(
		who: &T::AccountId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
		evidence: H256,
		reason: ReasonOf<T::ReasonLimit>,
	) -> Result<SlashId, DispatchError> {
		let roles = T::Stake::avs_roles(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(&roles.slasher == who, Error::<T>::NotSlasher);
		let policy = Self::policy_in_force(avs).ok_or(Error::<T>::NoPolicy)?;
		ensure!(policy.status != PolicyStatus::Disabled, Error::<T>::SlashingDisabled);
		ensure!(!fraction.is_zero(), Error::<T>::ZeroFraction);
		ensure!(
			fraction <= policy.max_fraction_per_incident
				&& fraction <= GlobalMaxFraction::<T>::get(),
			Error::<T>::SlashExceedsPolicyCap
		);
		ensure!(T::Stake::is_slashable_operator(&operator, avs), Error::<T>::OperatorNotSlashable);

		let now = Self::now();
		let epoch = Self::epoch_of(now);
		let epoch_total = match OperatorSlashState::<T>::get(avs, &operator) {
			Some((last, last_epoch, total)) => {
				ensure!(now >= last.saturating_add(policy.cooldown), Error::<T>::CooldownActive);
				if last_epoch == epoch {
					total
				} else {
					Perbill::zero()
				}
			},
			None => Perbill::zero(),
		};
		let epoch_total = epoch_total.saturating_add(fraction);
		ensure!(epoch_total <= policy.max_fraction_per_epoch, Error::<T>::SlashExceedsEpochCap);

		let id = NextSlashId::<T>::get();
		NextSlashId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		OperatorSlashState::<T>::insert(avs, &operator, (now, epoch, epoch_total));

		let executable_at = now.saturating_add(policy.veto_window.unwrap_or_else(Zero::zero));
		Self::deposit_event(Event::SlashRequested {
			id,
			avs,
			operator: operator.clone(),
			fraction,
			evidence,
			executable_at,
		});

		if policy.status == PolicyStatus::LogOnly {
			Self::record(id, avs, operator, fraction, SlashOutcome::Logged, BoundedVec::new());
			Self::deposit_event(Event::SlashLogged { id });
			return Ok(id);
		}
		if policy.veto_window.is_none() {
			Self::execute(id, avs, operator, fraction)?;
			return Ok(id);
		}

		let pending = PendingPerAvs::<T>::get(avs);
		ensure!(pending < T::MaxPendingPerAvs::get(), Error::<T>::TooManyPendingSlashes);
		PendingPerAvs::<T>::insert(avs, pending.saturating_add(1));
		let vaults: BoundedVec<VaultId, T::MaxVaultsPerSlash> =
			BoundedVec::truncate_from(T::Stake::pair_vaults(&operator, avs));
		for vault in &vaults {
			PendingPerVault::<T>::mutate(vault, |n| n.saturating_inc());
		}
		PendingSlashes::<T>::insert(
			id,
			SlashRequest {
				avs,
				operator,
				fraction,
				evidence,
				reason,
				requested_at: now,
				executable_at,
				vaults,
			},
		);
		Ok(id)
	}

	/// Removes a pending request and its counters.
	fn take_pending(id: SlashId) -> Result<RequestOf<T>, DispatchError> {
		let request = PendingSlashes::<T>::take(id).ok_or(Error::<T>::SlashNotFound)?;
		PendingPerAvs::<T>::mutate(request.avs, |n| n.saturating_dec());
		for vault in &request.vaults {
			PendingPerVault::<T>::mutate_exists(vault, |n| {
				let left = n.unwrap_or(0).saturating_sub(1);
				*n = if left == 0 { None } else { Some(left) };
			});
		}
		Ok(request)
	}

	pub(crate) fn do_veto_slash(who: &T::AccountId, id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		let roles = T::Stake::avs_roles(request.avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(roles.resolver.as_ref() == Some(who), Error::<T>::NotResolver);
		ensure!(Self::now() < request.executable_at, Error::<T>::VetoWindowClosed);
		let request = Self::take_pending(id)?;
		Self::record(
			id,
			request.avs,
			request.operator,
			request.fraction,
			SlashOutcome::Vetoed,
			BoundedVec::new(),
		);
		Self::deposit_event(Event::SlashVetoed { id });
		Ok(())
	}

	pub(crate) fn do_cancel_slash(id: SlashId) -> DispatchResult {
		let request = Self::take_pending(id)?;
		Self::record(
			id,
			request.avs,
			request.operator,
			request.fraction,
			SlashOutcome::Cancelled,
			BoundedVec::new(),
		);
		Self::deposit_event(Event::SlashCancelled { id });
		Ok(())
	}

	pub(crate) fn do_execute_slash(id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		ensure!(Self::now() >= request.executable_at, Error::<T>::NotYetExecutable);
		let request = Self::take_pending(id)?;
		// A ceiling governance lowered while the request waited applies to it too.
		let fraction = request.fraction.min(GlobalMaxFraction::<T>::get());
		Self::execute(id, request.avs, request.operator, fraction)
	}

	/// Takes the slash through the operator pallet, to the destination of the policy in
	/// force now, and records it.
	fn execute(
		id: SlashId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
	) -> DispatchResult {
		let policy = Self::policy_in_force(avs).ok_or(Error::<T>::NoPolicy)?;
		let taken = T::Stake::slash_allocations(&operator, avs, fraction, &policy.destination)?;
		let taken: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> =
			BoundedVec::truncate_from(taken);
		Self::record(id, avs, operator.clone(), fraction, SlashOutcome::Executed, taken.clone());
		Self::deposit_event(Event::SlashExecuted { id, avs, operator, taken });
		Ok(())
	}

	fn record(
		id: SlashId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
		outcome: SlashOutcome,
		taken: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash>,
	) {
		SlashHistory::<T>::insert(
			id,
			SlashRecord { avs, operator, fraction, outcome, settled_at: Self::now(), taken },
		);
	}

	/// Pending slashes, optionally only those of `avs` or of `operator` (bounded by
	/// `MaxPendingPerAvs` per AVS; off-chain use).
	pub fn pending_slashes(
		avs: Option<AvsId>,
		operator: Option<&T::AccountId>,
	) -> Vec<(SlashId, RequestOf<T>)> {
		PendingSlashes::<T>::iter()
			.filter(|(_, r)| avs.is_none_or(|a| r.avs == a))
			.filter(|(_, r)| operator.is_none_or(|o| &r.operator == o))
			.collect()
	}

	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut per_avs: BTreeMap<AvsId, u32> = BTreeMap::new();
		let mut per_vault: BTreeMap<VaultId, u32> = BTreeMap::new();
		for (id, request) in PendingSlashes::<T>::iter() {
			ensure!(id < NextSlashId::<T>::get(), "pending slash id at or above NextSlashId");
			ensure!(T::Stake::avs_roles(request.avs).is_some(), "pending slash of a missing AVS");
			ensure!(!SlashHistory::<T>::contains_key(id), "pending slash already settled");
			ensure!(!request.fraction.is_zero(), "pending slash of nothing");
			*per_avs.entry(request.avs).or_default() += 1;
			for vault in request.vaults {
				*per_vault.entry(vault).or_default() += 1;
			}
		}
		for (avs, n) in PendingPerAvs::<T>::iter() {
			ensure!(per_avs.remove(&avs).unwrap_or(0) == n, "pending count per AVS out of sync");
			ensure!(n <= T::MaxPendingPerAvs::get(), "too many pending slashes");
		}
		ensure!(per_avs.is_empty(), "pending slashes not counted for their AVS");
		for (vault, n) in PendingPerVault::<T>::iter() {
			ensure!(
				per_vault.remove(&vault).unwrap_or(0) == n,
				"pending count per vault out of sync"
			);
		}
		ensure!(per_vault.is_empty(), "pending slashes not counted for their vaults");
		Ok(())
	}
}

impl<T: Config> PendingSlashesTrait for Pallet<T> {
	fn has_pending_slash(vault: VaultId) -> bool {
		PendingPerVault::<T>::get(vault) > 0
	}
}
