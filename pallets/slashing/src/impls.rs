//! The slashing pallet's logic (`do_*`), queries, invariants and the holds it reports.

use crate::{pallet::*, types::*, weights::WeightInfo};
use polkadot_sdk::frame_support::traits::fungible::MutateHold;
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::*, BoundedVec},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::{
		traits::{One, Saturating, Zero},
		Perbill,
	},
};
use restake_primitives::{
	traits::{AllocationSlash, SlashHolds, StakeExitDelays, StakeInspect, VaultSlash},
	AvsId, SlashDestination, VaultId,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Declared weight of `request_slash` touching `n` vaults: the worse of its two paths.
	pub fn request_slash_weight(n: u32) -> Weight {
		T::WeightInfo::request_slash(n).max(Self::instant_weight(n))
	}

	/// The instant path: the request, the capture and the execution, with the observers the
	/// stake change notifies per vault.
	fn instant_weight(n: u32) -> Weight {
		T::WeightInfo::request_slash_instant(n)
			.saturating_add(T::Stake::observer_weight_per_vault().saturating_mul(n.into()))
	}

	/// Declared weight of `execute_slash` over `n` vaults.
	pub fn execute_weight(n: u32) -> Weight {
		T::WeightInfo::execute_slash(n)
			.saturating_add(T::Stake::observer_weight_per_vault().saturating_mul(n.into()))
	}

	/// Block from which a riskier policy of `avs` set now applies: after `PolicyChangeDelay`
	/// and strictly after the holders of every vault that has allocated to it could have left.
	pub fn riskier_policy_effective_at(avs: AvsId) -> BlockNumberFor<T> {
		let exit = T::Stake::avs_exit_delay(avs).saturating_add(One::one());
		Self::now().saturating_add(T::PolicyChangeDelay::get().max(exit))
	}

	/// Voids every pending request of `avs` (its slashing was turned off); returns how many.
	fn void_pending(avs: AvsId) -> Result<u32, DispatchError> {
		let pending = AvsRequests::<T>::get(avs);
		for id in &pending {
			let request = Self::take_pending(*id)?;
			Self::record(*id, &request, SlashOutcome::Voided, BoundedVec::new());
			Self::deposit_event(Event::SlashVoided { id: *id });
		}
		Ok(pending.len() as u32)
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
			PendingPolicies::<T>::insert(avs, (policy.clone(), effective_at));
			Self::deposit_event(Event::PolicyChangeScheduled { avs, policy, effective_at });
			return Ok(0);
		}
		PendingPolicies::<T>::remove(avs);
		Self::put_policy(avs, policy)
	}

	/// Puts `policy` in force. The kill switch: a policy that is not enabled voids every
	/// pending request, so nothing already requested executes. Returns how many it voided.
	fn put_policy(avs: AvsId, policy: PolicyOf<T>) -> Result<u32, DispatchError> {
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
		let (policy, at) = PendingPolicies::<T>::get(avs).ok_or(Error::<T>::NoDuePolicyChange)?;
		ensure!(Self::now() >= at, Error::<T>::NoDuePolicyChange);
		PendingPolicies::<T>::remove(avs);
		// Only riskier (enabled) policies are ever scheduled: nothing to void.
		Self::put_policy(avs, policy).map(|_| ())
	}

	/// Checks the cooldown and the rolling per-epoch cap, and records the request. Entries
	/// older than both the epoch and the cooldown are dropped first.
	fn note_recent(
		avs: AvsId,
		operator: &T::AccountId,
		policy: &PolicyOf<T>,
		fraction: Perbill,
	) -> DispatchResult {
		let now = Self::now();
		let keep = T::EpochLength::get().max(policy.cooldown);
		let mut recent = RecentSlashes::<T>::get(avs, operator);
		recent.retain(|(at, _)| at.saturating_add(keep) > now);
		if let Some((last, _)) = recent.last() {
			ensure!(now >= last.saturating_add(policy.cooldown), Error::<T>::CooldownActive);
		}
		let window_start = now.saturating_sub(T::EpochLength::get());
		let in_epoch = recent
			.iter()
			.filter(|(at, _)| *at > window_start)
			.fold(Perbill::zero(), |sum, (_, f)| sum.saturating_add(*f));
		ensure!(
			in_epoch.saturating_add(fraction) <= policy.max_fraction_per_epoch
				&& in_epoch.deconstruct().saturating_add(fraction.deconstruct())
					<= Perbill::one().deconstruct(),
			Error::<T>::SlashExceedsEpochCap
		);
		recent
			.try_push((now, fraction))
			.map_err(|_| Error::<T>::TooManySlashesInEpoch)?;
		RecentSlashes::<T>::insert(avs, operator, recent);
		Ok(())
	}

	/// Requests a slash; returns its id and the weight it used.
	pub(crate) fn do_request_slash(
		who: &T::AccountId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
		evidence: H256,
		reason: ReasonOf<T::ReasonLimit>,
	) -> Result<(SlashId, Weight), DispatchError> {
		let roles = T::Stake::avs_roles(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(&roles.slasher == who, Error::<T>::NotSlasher);
		ensure!(T::Stake::avs_can_slash(avs), Error::<T>::AvsDeregistered);
		let policy = Self::policy_in_force(avs).ok_or(Error::<T>::NoPolicy)?;
		ensure!(policy.status != PolicyStatus::Disabled, Error::<T>::SlashingDisabled);
		ensure!(!fraction.is_zero(), Error::<T>::ZeroFraction);
		ensure!(fraction >= T::MinSlashFraction::get(), Error::<T>::FractionBelowMinimum);
		ensure!(
			fraction <= policy.max_fraction_per_incident
				&& fraction <= GlobalMaxFraction::<T>::get(),
			Error::<T>::SlashExceedsPolicyCap
		);
		ensure!(T::Stake::is_slashable_operator(&operator, avs), Error::<T>::OperatorNotSlashable);
		Self::note_recent(avs, &operator, &policy, fraction)?;

		let captured: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> =
			BoundedVec::try_from(T::Stake::capture(&operator, avs))
				.map_err(|_| Error::<T>::Overflow)?;
		let logged = policy.status == PolicyStatus::LogOnly;
		ensure!(logged || !captured.is_empty(), Error::<T>::NothingToSlash);

		let id = NextSlashId::<T>::get();
		NextSlashId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		let deposit = T::SlashDeposit::get();
		if !deposit.is_zero() {
			T::NativeBalance::hold(&HoldReason::SlashRecord.into(), who, deposit)?;
			SlashDeposits::<T>::insert(id, (who.clone(), deposit));
		}
		let now = Self::now();
		let executable_at = now.saturating_add(policy.veto_window.unwrap_or_else(Zero::zero));
		let expires_at = executable_at.saturating_add(T::ExecutionDeadline::get());
		let vaults = captured.len() as u32;
		let request = SlashRequest {
			avs,
			operator,
			fraction,
			evidence,
			reason,
			requested_at: now,
			executable_at,
			expires_at,
			destination: policy.destination.clone(),
			captured,
		};
		Self::deposit_event(Event::SlashRequested {
			id,
			avs,
			operator: request.operator.clone(),
			fraction,
			evidence,
			executable_at,
			expires_at,
			captured: request.captured.clone(),
		});

		if logged {
			Self::record(id, &request, SlashOutcome::Logged, BoundedVec::new());
			Self::deposit_event(Event::SlashLogged { id });
			return Ok((id, T::WeightInfo::request_slash(vaults)));
		}
		if policy.veto_window.is_none() {
			Self::execute(id, request)?;
			return Ok((id, Self::instant_weight(vaults)));
		}

		Self::index_pending(id, &request)?;
		PendingSlashes::<T>::insert(id, request);
		Ok((id, T::WeightInfo::request_slash(vaults)))
	}

	/// Makes a pending request of `avs` against `operator` that captures the pair's stake now,
	/// executable from `executable_at`, indexes its holds and counts it in the AVS's rolling
	/// epoch cap. Returns `false`, changing nothing, if it would capture nothing, the AVS's
	/// slashing is not enabled, or an index is full. (Storage migrations.)
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn restore_request(
		id: SlashId,
		avs: AvsId,
		operator: T::AccountId,
		fraction: Perbill,
		evidence: H256,
		reason: ReasonOf<T::ReasonLimit>,
		requested_at: BlockNumberFor<T>,
		executable_at: BlockNumberFor<T>,
	) -> bool {
		polkadot_sdk::frame_support::storage::with_storage_layer(|| -> DispatchResult {
			let captured: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> =
				BoundedVec::try_from(T::Stake::capture(&operator, avs))
					.map_err(|_| Error::<T>::Overflow)?;
			ensure!(!captured.is_empty(), Error::<T>::NothingToSlash);
			// Only an AVS whose slashing is on keeps its requests: a disabled or log-only
			// policy voids them, as it does for requests made after the upgrade.
			let destination = Self::policy_in_force(avs)
				.filter(|policy| policy.status == PolicyStatus::Enabled)
				.ok_or(Error::<T>::SlashingDisabled)?
				.destination;
			// The restored request counts towards the rolling epoch cap and the cooldown.
			RecentSlashes::<T>::try_mutate(avs, &operator, |recent| {
				let mut entries = core::mem::take(recent).into_inner();
				entries.push((requested_at, fraction));
				entries.sort_by_key(|(at, _)| *at);
				*recent = BoundedVec::try_from(entries).map_err(|_| Error::<T>::Overflow)?;
				Ok::<_, DispatchError>(())
			})?;
			let expires_at = executable_at.saturating_add(T::ExecutionDeadline::get());
			let request = SlashRequest {
				avs,
				operator,
				fraction,
				evidence,
				reason,
				requested_at,
				executable_at,
				expires_at,
				destination,
				captured,
			};
			Self::index_pending(id, &request)?;
			PendingSlashes::<T>::insert(id, request);
			Ok(())
		})
		.is_ok()
	}

	/// Indexes a pending request: its AVS's list and the holds on its captured vaults and
	/// its pair (expired holds are pruned first).
	fn index_pending(id: SlashId, request: &RequestOf<T>) -> DispatchResult {
		let now = Self::now();
		AvsRequests::<T>::try_mutate(request.avs, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyPendingSlashes)?;
		let hold = Hold { id, requested_at: request.requested_at, expires_at: request.expires_at };
		for (vault, _) in &request.captured {
			VaultHolds::<T>::try_mutate(vault, |holds| {
				holds.retain(|h| h.expires_at > now);
				holds.try_push(hold)
			})
			.map_err(|_| Error::<T>::TooManyHolds)?;
		}
		PairHolds::<T>::try_mutate(request.avs, &request.operator, |holds| {
			holds.retain(|h| h.expires_at > now);
			holds.try_push(hold)
		})
		.map_err(|_| Error::<T>::TooManyPendingSlashes)?;
		OperatorRequests::<T>::insert(&request.operator, id, request.avs);
		Ok(())
	}

	/// Removes a pending request and its holds.
	fn take_pending(id: SlashId) -> Result<RequestOf<T>, DispatchError> {
		let request = PendingSlashes::<T>::take(id).ok_or(Error::<T>::SlashNotFound)?;
		AvsRequests::<T>::mutate_exists(request.avs, |ids| retain_or_remove(ids, |x| *x != id));
		for (vault, _) in &request.captured {
			VaultHolds::<T>::mutate_exists(vault, |holds| retain_or_remove(holds, |h| h.id != id));
		}
		PairHolds::<T>::mutate_exists(request.avs, &request.operator, |holds| {
			retain_or_remove(holds, |h| h.id != id)
		});
		OperatorRequests::<T>::remove(&request.operator, id);
		Ok(request)
	}

	pub(crate) fn do_veto_slash(who: &T::AccountId, id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		let roles = T::Stake::avs_roles(request.avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(roles.resolver.as_ref() == Some(who), Error::<T>::NotResolver);
		ensure!(Self::now() < request.executable_at, Error::<T>::VetoWindowClosed);
		let request = Self::take_pending(id)?;
		Self::record(id, &request, SlashOutcome::Vetoed, BoundedVec::new());
		Self::deposit_event(Event::SlashVetoed { id });
		Ok(())
	}

	pub(crate) fn do_cancel_slash(id: SlashId) -> DispatchResult {
		let request = Self::take_pending(id)?;
		Self::record(id, &request, SlashOutcome::Cancelled, BoundedVec::new());
		Self::deposit_event(Event::SlashCancelled { id });
		Ok(())
	}

	pub(crate) fn do_execute_slash(id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		let now = Self::now();
		ensure!(now >= request.executable_at, Error::<T>::NotYetExecutable);
		ensure!(now < request.expires_at, Error::<T>::SlashExpired);
		// A ceiling governance lowered while the request waited applies to it too.
		let mut request = request;
		request.fraction = request.fraction.min(GlobalMaxFraction::<T>::get());
		// Slash while the request still holds its stake (a decrease it held must not settle
		// first), then drop it and its holds.
		Self::execute(id, request)?;
		Self::take_pending(id).map(|_| ())
	}

	pub(crate) fn do_expire_slash(id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		ensure!(Self::now() >= request.expires_at, Error::<T>::NotExpired);
		let request = Self::take_pending(id)?;
		Self::record(id, &request, SlashOutcome::Expired, BoundedVec::new());
		Self::deposit_event(Event::SlashExpired { id });
		Ok(())
	}

	/// Takes the request's fraction of the stake it captured through the operator pallet into
	/// the vaults' escrow, and records it. A burn happens at once where the vault's asset can
	/// move; an account destination waits `EscrowDelay`. Whatever cannot move now waits in an
	/// escrow for `release_escrow`: execution never fails because of where funds go.
	fn execute(id: SlashId, request: RequestOf<T>) -> DispatchResult {
		let taken = T::Stake::slash_captured(
			&request.operator,
			request.avs,
			&request.captured,
			request.fraction,
		)?;
		let taken: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> =
			BoundedVec::try_from(taken).map_err(|_| Error::<T>::Overflow)?;
		let now = Self::now();
		let (held, release_at) = match &request.destination {
			SlashDestination::Burn => {
				let mut left: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> = BoundedVec::new();
				for (vault, amount) in &taken {
					if T::Vaults::release_escrow(*vault, *amount, &request.destination).is_err() {
						// Cannot burn now (e.g. a frozen asset): retried by `release_escrow`.
						let _ = left.try_push((*vault, *amount));
					}
				}
				(left, now)
			},
			SlashDestination::Account(_) => {
				(taken.clone(), now.saturating_add(T::EscrowDelay::get()))
			},
		};
		let amount = held.iter().fold(0u128, |sum, (_, a)| sum.saturating_add(*a));
		if !amount.is_zero() {
			let destination = request.destination.clone();
			Escrows::<T>::insert(
				id,
				SlashEscrow { destination: destination.clone(), release_at, held },
			);
			Self::deposit_event(Event::SlashEscrowed { id, destination, amount, release_at });
		}
		Self::record(id, &request, SlashOutcome::Executed, taken.clone());
		Self::deposit_event(Event::SlashExecuted {
			id,
			avs: request.avs,
			operator: request.operator,
			taken,
		});
		Ok(())
	}

	pub(crate) fn do_release_escrow(id: SlashId) -> DispatchResult {
		let escrow = Escrows::<T>::get(id).ok_or(Error::<T>::EscrowNotFound)?;
		ensure!(Self::now() >= escrow.release_at, Error::<T>::EscrowNotDue);
		let (mut paid, mut burnt, mut remaining) = (0u128, 0u128, 0u128);
		let mut left: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash> = BoundedVec::new();
		for (vault, amount) in &escrow.held {
			match T::Vaults::release_escrow(*vault, *amount, &escrow.destination) {
				Ok(true) => paid.saturating_accrue(*amount),
				Ok(false) => burnt.saturating_accrue(*amount),
				Err(_) => {
					remaining.saturating_accrue(*amount);
					let _ = left.try_push((*vault, *amount));
				},
			}
		}
		ensure!(paid.saturating_add(burnt) > 0 || escrow.held.is_empty(), Error::<T>::EscrowStuck);
		if left.is_empty() {
			Escrows::<T>::remove(id);
		} else {
			Escrows::<T>::insert(id, SlashEscrow { held: left, ..escrow });
		}
		Self::deposit_event(Event::EscrowReleased { id, paid, burnt, remaining });
		Ok(())
	}

	pub(crate) fn do_cancel_escrow(id: SlashId) -> DispatchResult {
		let escrow = Escrows::<T>::take(id).ok_or(Error::<T>::EscrowNotFound)?;
		for (vault, amount) in &escrow.held {
			T::Vaults::return_escrow(*vault, *amount);
		}
		Self::deposit_event(Event::EscrowCancelled { id });
		Ok(())
	}

	pub(crate) fn do_prune_slash_record(id: SlashId) -> DispatchResult {
		let record = SlashHistory::<T>::get(id).ok_or(Error::<T>::RecordNotFound)?;
		ensure!(
			Self::now() >= record.settled_at.saturating_add(T::HistoryRetention::get()),
			Error::<T>::RecordTooRecent
		);
		ensure!(!Escrows::<T>::contains_key(id), Error::<T>::EscrowPending);
		SlashHistory::<T>::remove(id);
		if let Some((payer, amount)) = SlashDeposits::<T>::take(id) {
			T::NativeBalance::release(
				&HoldReason::SlashRecord.into(),
				&payer,
				amount,
				polkadot_sdk::frame_support::traits::tokens::Precision::BestEffort,
			)?;
		}
		Self::deposit_event(Event::SlashRecordPruned { id });
		Ok(())
	}

	fn record(
		id: SlashId,
		request: &RequestOf<T>,
		outcome: SlashOutcome,
		taken: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash>,
	) {
		SlashHistory::<T>::insert(
			id,
			SlashRecord {
				avs: request.avs,
				operator: request.operator.clone(),
				fraction: request.fraction,
				outcome,
				settled_at: Self::now(),
				taken,
			},
		);
	}

	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::{collections::btree_map::BTreeMap, vec::Vec};
		let mut per_avs: BTreeMap<AvsId, Vec<SlashId>> = BTreeMap::new();
		let mut per_vault: BTreeMap<VaultId, Vec<SlashId>> = BTreeMap::new();
		for (id, _) in SlashDeposits::<T>::iter() {
			ensure!(
				PendingSlashes::<T>::contains_key(id) || SlashHistory::<T>::contains_key(id),
				"a deposit held for a slash that is neither pending nor recorded"
			);
		}
		for (id, request) in PendingSlashes::<T>::iter() {
			ensure!(id < NextSlashId::<T>::get(), "pending slash id at or above NextSlashId");
			ensure!(T::Stake::avs_roles(request.avs).is_some(), "pending slash of a missing AVS");
			ensure!(!SlashHistory::<T>::contains_key(id), "pending slash already settled");
			ensure!(!request.fraction.is_zero(), "pending slash of nothing");
			ensure!(!request.captured.is_empty(), "pending slash that captured nothing");
			ensure!(
				request.requested_at <= request.executable_at
					&& request.executable_at < request.expires_at,
				"request deadlines out of order"
			);
			ensure!(
				request.expires_at
					<= request.executable_at.saturating_add(T::ExecutionDeadline::get()),
				"a request holds stake longer than its deadline"
			);
			ensure!(
				request.expires_at <= Self::now()
					|| PairHolds::<T>::get(request.avs, &request.operator)
						.iter()
						.any(|h| h.id == id),
				"live pending slash without its pair hold"
			);
			per_avs.entry(request.avs).or_default().push(id);
			for (vault, _) in &request.captured {
				per_vault.entry(*vault).or_default().push(id);
			}
		}
		for (avs, ids) in AvsRequests::<T>::iter() {
			ensure!(!ids.is_empty(), "empty request list stored");
			let mut ids = ids.into_inner();
			ids.sort();
			let mut expected = per_avs.remove(&avs).unwrap_or_default();
			expected.sort();
			ensure!(ids == expected, "pending requests per AVS out of sync");
		}
		ensure!(per_avs.values().all(|v| v.is_empty()), "pending slashes not indexed by AVS");
		for (operator, id, avs) in OperatorRequests::<T>::iter() {
			let request = PendingSlashes::<T>::get(id).ok_or("operator index of no request")?;
			ensure!(
				request.operator == operator && request.avs == avs,
				"operator index out of sync"
			);
		}
		for (id, request) in PendingSlashes::<T>::iter() {
			ensure!(
				OperatorRequests::<T>::contains_key(&request.operator, id),
				"pending slash not indexed by operator"
			);
		}
		let now = Self::now();
		for (vault, holds) in VaultHolds::<T>::iter() {
			ensure!(!holds.is_empty(), "empty hold list stored");
			let expected = per_vault.remove(&vault).unwrap_or_default();
			for hold in holds.iter() {
				// Expired holds may linger until pruned; live ones belong to pending requests
				// that captured the vault.
				ensure!(
					expected.contains(&hold.id)
						|| (!PendingSlashes::<T>::contains_key(hold.id) && hold.expires_at <= now),
					"vault hold of a request that is not pending for it"
				);
			}
			for id in expected {
				let live = PendingSlashes::<T>::get(id).is_some_and(|r| r.expires_at > now);
				ensure!(!live || holds.iter().any(|h| h.id == id), "captured vault without hold");
			}
		}
		for (_, ids) in per_vault {
			for id in ids {
				let live = PendingSlashes::<T>::get(id).is_some_and(|r| r.expires_at > now);
				ensure!(!live, "captured vault without holds");
			}
		}
		for (_, _, holds) in PairHolds::<T>::iter() {
			ensure!(!holds.is_empty(), "empty pair hold list stored");
			for hold in holds.iter() {
				ensure!(
					PendingSlashes::<T>::contains_key(hold.id) || hold.expires_at <= Self::now(),
					"live pair hold of a settled request"
				);
			}
		}
		for (id, escrow) in Escrows::<T>::iter() {
			ensure!(
				SlashHistory::<T>::get(id).is_some_and(|r| r.outcome == SlashOutcome::Executed),
				"escrow of a slash that was not executed"
			);
			ensure!(!escrow.held.is_empty(), "empty escrow");
		}
		Ok(())
	}
}

/// Keeps the items `keep` accepts; an emptied list is removed from storage.
fn retain_or_remove<I, S>(list: &mut Option<BoundedVec<I, S>>, keep: impl FnMut(&I) -> bool) {
	if let Some(items) = list {
		items.retain(keep);
		if items.is_empty() {
			*list = None;
		}
	}
}

impl<T: Config> SlashHolds<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn vault_held_since(vault: VaultId) -> Option<BlockNumberFor<T>> {
		let now = Self::now();
		VaultHolds::<T>::get(vault)
			.iter()
			.filter(|h| h.expires_at > now)
			.map(|h| h.requested_at)
			.min()
	}

	fn pair_held(operator: &T::AccountId, avs: AvsId, leaving_at: BlockNumberFor<T>) -> bool {
		let now = Self::now();
		PairHolds::<T>::get(avs, operator)
			.iter()
			.any(|h| h.expires_at > now && h.requested_at < leaving_at)
	}
}
