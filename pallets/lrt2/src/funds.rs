//! The ledger's account and what moves in and out of it: funds taken and paid out (above
//! the asset's minimum balance), deposits held for records, the reward assets governance
//! lists, and the checks the funding calls share.

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// The ledger's account: holds every reward not yet paid.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Whether governance lists `asset` as a reward asset.
	pub fn is_reward_asset(asset: &T::AssetKind) -> bool {
		RewardAssets::<T>::get().contains(asset)
	}

	pub(crate) fn ensure_avs_owner(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		let roles = T::Stake::avs_roles(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(roles.owner == *who, Error::<T>::NotAvsOwner);
		Ok(())
	}

	pub(crate) fn ensure_duration(duration: BlockNumberFor<T>) -> DispatchResult {
		ensure!(
			duration >= T::MinStreamDuration::get() && duration <= T::MaxStreamDuration::get(),
			Error::<T>::DurationOutOfRange
		);
		Ok(())
	}

	/// Moves `amount` of `asset` from `from` into the ledger and records it as funded.
	///
	/// The ledger keeps the asset's minimum balance on top of what it owes, so paying out never
	/// reaps its account (which would burn rounding dust owed to the last claimers, and make
	/// their claims fail). The first funder of an asset tops it up; the seed is never paid out.
	pub(crate) fn take_funds(
		from: &T::AccountId,
		asset: T::AssetKind,
		amount: u128,
	) -> DispatchResult {
		ensure!(!T::Vaults::is_lrt(&asset), Error::<T>::LrtNotAccepted);
		ensure!(Self::is_reward_asset(&asset), Error::<T>::AssetNotListed);
		let ledger = Self::account_id();
		let totals = Totals::<T>::get(&asset);
		let owed = totals.funded.saturating_sub(totals.paid_out);
		let floor = owed.saturating_add(T::Assets::minimum_balance(asset.clone()));
		let seed = floor.saturating_sub(T::Assets::balance(asset.clone(), &ledger));
		T::Assets::transfer(
			asset.clone(),
			from,
			&ledger,
			amount.checked_add(seed).ok_or(Error::<T>::Overflow)?,
			Preservation::Expendable,
		)?;
		Totals::<T>::insert(
			asset,
			AssetTotals { funded: totals.funded.saturating_add(amount), ..totals },
		);
		Ok(())
	}

	/// Pays `amount` of `asset` out of the ledger and records it. Never below the seed.
	pub(crate) fn pay_out(to: &T::AccountId, asset: T::AssetKind, amount: u128) -> DispatchResult {
		T::Assets::transfer(
			asset.clone(),
			&Self::account_id(),
			to,
			amount,
			Preservation::Preserve,
		)?;
		Totals::<T>::mutate(asset, |t| t.paid_out = t.paid_out.saturating_add(amount));
		Ok(())
	}

	/// Holds the deposit for `reason` from `who`: `None` when the deposit is zero.
	pub(crate) fn hold_deposit(
		reason: HoldReason,
		who: &T::AccountId,
	) -> Result<Option<Deposit<T::AccountId>>, DispatchError> {
		let amount = match reason {
			HoldReason::StreamDeposit => T::StreamDeposit::get(),
			HoldReason::ProgrammeDeposit => T::ProgrammeDeposit::get(),
		};
		if amount.is_zero() {
			return Ok(None);
		}
		T::NativeBalance::hold(&reason.into(), who, amount)?;
		Ok(Some(Deposit { payer: who.clone(), amount }))
	}

	/// Releases a deposit held by [`Self::hold_deposit`].
	pub(crate) fn release_deposit(
		reason: HoldReason,
		Deposit { payer, amount }: Deposit<T::AccountId>,
	) -> DispatchResult {
		T::NativeBalance::release(&reason.into(), &payer, amount, Precision::BestEffort).map(|_| ())
	}

	pub(crate) fn do_list_reward_asset(asset: T::AssetKind) -> DispatchResult {
		ensure!(!T::Vaults::is_lrt(&asset), Error::<T>::LrtNotAccepted);
		RewardAssets::<T>::try_mutate(|listed| {
			ensure!(!listed.contains(&asset), Error::<T>::AlreadyListed);
			listed.try_push(asset.clone()).map_err(|_| Error::<T>::RewardAssetListFull)
		})?;
		Self::deposit_event(Event::RewardAssetListed { asset });
		Ok(())
	}

	pub(crate) fn do_delist_reward_asset(asset: T::AssetKind) -> DispatchResult {
		RewardAssets::<T>::try_mutate(|listed| {
			let at = listed.iter().position(|a| *a == asset).ok_or(Error::<T>::AssetNotListed)?;
			listed.remove(at);
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::RewardAssetDelisted { asset });
		Ok(())
	}
}
