//! Slash requests: checked against the policy, the cooldown and the rolling cap, indexed
//! with the holds they place on vaults and pairs, vetoed, cancelled or expired.

use crate::prelude::*;

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
	pub(crate) fn instant_weight(n: u32) -> Weight {
		T::WeightInfo::request_slash_instant(n)
			.saturating_add(T::Stake::observer_weight_per_vault().saturating_mul(n.into()))
	}

	/// The stake of each vault slashable for (`operator`, `avs`) now. Never more vaults than
	/// `MaxVaultsPerSlash`: `integrity_test` checks it covers every vault of a pair.
	fn capture(
		operator: &T::AccountId,
		avs: AvsId,
	) -> Result<BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash>, DispatchError> {
		BoundedVec::try_from(T::Stake::capture(operator, avs))
			.defensive_map_err(|_| Error::<T>::Overflow.into())
	}

	/// Checks the cooldown and the rolling per-epoch cap, and records the request. Entries
	/// older than both the epoch and the cooldown are dropped first.
	pub(crate) fn note_recent(
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
		let in_epoch = slash_caps::epoch_total(recent.iter().copied(), window_start);
		ensure!(
			slash_caps::fits_epoch_cap(in_epoch, fraction, policy.max_fraction_per_epoch),
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

		let captured = Self::capture(&operator, avs)?;
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
			let captured = Self::capture(&operator, avs)?;
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
	pub(crate) fn index_pending(id: SlashId, request: &RequestOf<T>) -> DispatchResult {
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
	pub(crate) fn take_pending(id: SlashId) -> Result<RequestOf<T>, DispatchError> {
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

	pub(crate) fn do_expire_slash(id: SlashId) -> DispatchResult {
		let request = PendingSlashes::<T>::get(id).ok_or(Error::<T>::SlashNotFound)?;
		ensure!(Self::now() >= request.expires_at, Error::<T>::NotExpired);
		let request = Self::take_pending(id)?;
		Self::record(id, &request, SlashOutcome::Expired, BoundedVec::new());
		Self::deposit_event(Event::SlashExpired { id });
		Ok(())
	}
}

/// Keeps the items `keep` accepts; an emptied list is removed from storage.
pub(crate) fn retain_or_remove<I, S>(
	list: &mut Option<BoundedVec<I, S>>,
	keep: impl FnMut(&I) -> bool,
) {
	if let Some(items) = list {
		items.retain(keep);
		if items.is_empty() {
			*list = None;
		}
	}
}
