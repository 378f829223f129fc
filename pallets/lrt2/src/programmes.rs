//! Points programmes: created by an AVS's owner or a vault's curator, closed by anyone once
//! ended (an AVS programme's record stays until every pair owing it has been credited).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_programme(
		who: &T::AccountId,
		scope: ProgrammeScope,
		name: polkadot_sdk::frame_support::BoundedVec<u8, T::NameLimit>,
		rate: FixedU128,
		start: BlockNumberFor<T>,
		end: BlockNumberFor<T>,
	) -> Result<ProgrammeId, DispatchError> {
		match scope {
			ProgrammeScope::Avs(avs) => Self::ensure_avs_owner(who, avs)?,
			ProgrammeScope::Vault(vault) => {
				let curator = T::Vaults::curator(vault).ok_or(Error::<T>::VaultNotFound)?;
				ensure!(curator == *who, Error::<T>::NotCurator);
			},
		}
		ensure!(!rate.is_zero(), Error::<T>::ZeroRate);
		// It ends after this block, so every pair synced up to now owes it.
		ensure!(
			start >= Self::now() && end >= start && end > Self::now(),
			Error::<T>::InvalidProgrammeWindow
		);
		let id = NextProgrammeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let push = |list: &mut polkadot_sdk::frame_support::BoundedVec<_, _>| {
			list.try_push(id).map_err(|_| Error::<T>::TooManyProgrammes)
		};
		match scope {
			ProgrammeScope::Avs(avs) => AvsProgrammes::<T>::try_mutate(avs, push)?,
			ProgrammeScope::Vault(vault) => VaultProgrammes::<T>::try_mutate(vault, push)?,
		}
		if let Some(deposit) = Self::hold_deposit(HoldReason::ProgrammeDeposit, who)? {
			ProgrammeDeposits::<T>::insert(id, deposit);
		}
		if let ProgrammeScope::Avs(avs) = scope {
			let pairs = AvsPairs::<T>::get(avs);
			if !pairs.is_zero() {
				ProgrammePairs::<T>::insert(id, pairs);
			}
		}
		Programmes::<T>::insert(
			id,
			Programme { owner: who.clone(), scope, name, rate, start, end },
		);
		NextProgrammeId::<T>::put(next);
		Self::deposit_event(Event::ProgrammeCreated { programme: id, scope, rate, start, end });
		Ok(id)
	}

	/// Closes an ended programme and releases its deposit. A vault programme's vault is synced
	/// first (up to now, past the end), then its slot and record go. An AVS programme's slot
	/// and record go once no pair owes it ([`ProgrammePairs`]): at once, or with the sync of
	/// the last vault that has not been credited up to its end. Returns the weight of the
	/// vault sync.
	pub(crate) fn do_close_programme(id: ProgrammeId) -> Result<Weight, DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::ProgrammeNotFound)?;
		ensure!(!ClosingProgrammes::<T>::contains_key(id), Error::<T>::ProgrammeNotFound);
		ensure!(Self::now() > programme.end, Error::<T>::ProgrammeStillRunning);
		let mut weight = Weight::zero();
		match programme.scope {
			ProgrammeScope::Avs(_) => {
				if ProgrammePairs::<T>::get(id).is_zero() {
					Self::remove_avs_programme(id);
				} else {
					ClosingProgrammes::<T>::insert(id, ());
				}
			},
			ProgrammeScope::Vault(vault) => {
				if T::Vaults::vault_exists(vault) {
					weight = Self::sync_vault_once(vault);
				}
				VaultProgrammes::<T>::mutate(vault, |list| list.retain(|p| *p != id));
				Programmes::<T>::remove(id);
			},
		}
		if let Some(deposit) = ProgrammeDeposits::<T>::take(id) {
			Self::release_deposit(HoldReason::ProgrammeDeposit, deposit)?;
		}
		Self::deposit_event(Event::ProgrammeClosed { programme: id });
		Ok(weight)
	}

	/// `pairs` pairs leaving the ledger: the pair list, each pair's AVS weight, operator list
	/// and pair count, and for each of the AVS's programmes its record, debt count, closing
	/// mark, and the removal of the record from the AVS's list.
	pub(crate) fn leave_weight(pairs: u64) -> Weight {
		let programmes = u64::from(T::MaxProgrammes::get());
		let per_pair_reads = 4u64.saturating_add(programmes.saturating_mul(4));
		let per_pair_writes = 3u64.saturating_add(programmes.saturating_mul(4));
		T::DbWeight::get().reads_writes(
			pairs.saturating_mul(per_pair_reads).saturating_add(1),
			pairs.saturating_mul(per_pair_writes).saturating_add(1),
		)
	}
}
