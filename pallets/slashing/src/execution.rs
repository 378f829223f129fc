//! Executing a slash (the vaults' and the pair's stake taken, to the burn or to escrow),
//! the escrow's release or cancellation, and the history records.

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// Declared weight of `execute_slash` over `n` vaults.
	pub fn execute_weight(n: u32) -> Weight {
		T::WeightInfo::execute_slash(n)
			.saturating_add(T::Stake::observer_weight_per_vault().saturating_mul(n.into()))
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

	/// Takes the request's fraction of the stake it captured through the operator pallet into
	/// the vaults' escrow, and records it. A burn happens at once where the vault's asset can
	/// move; an account destination waits `EscrowDelay`. Whatever cannot move now waits in an
	/// escrow for `release_escrow`: execution never fails because of where funds go.
	pub(crate) fn execute(id: SlashId, request: RequestOf<T>) -> DispatchResult {
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
						let _ = left
							.try_push((*vault, *amount))
							.defensive_proof("a subset of `taken`, which has the same bound");
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
					let _ = left
						.try_push((*vault, *amount))
						.defensive_proof("a subset of the escrow's list, which has the same bound");
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

	pub(crate) fn record(
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
}
