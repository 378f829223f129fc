//! Task bounties: escrowed by an AVS, awarded to an opted-in operator or taken back after
//! expiry.

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_post_bounty(
		who: &T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		amount: u128,
		expires_in: BlockNumberFor<T>,
	) -> Result<BountyId, DispatchError> {
		Self::ensure_avs_owner(who, avs)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_duration(expires_in)?;
		ensure!(
			OpenBounties::<T>::get(avs) < T::MaxOpenBounties::get(),
			Error::<T>::TooManyBounties
		);
		let id = NextBountyId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Self::take_funds(who, asset.clone(), amount)?;
		let expires_at = Self::now().saturating_add(expires_in);
		Bounties::<T>::insert(
			id,
			Bounty { avs, funder: who.clone(), asset: asset.clone(), amount, expires_at },
		);
		OpenBounties::<T>::mutate(avs, |n| n.saturating_inc());
		NextBountyId::<T>::put(next);
		Self::deposit_event(Event::BountyPosted { bounty: id, avs, asset, amount, expires_at });
		Ok(id)
	}

	pub(crate) fn do_award_bounty(
		who: &T::AccountId,
		id: BountyId,
		operator: T::AccountId,
	) -> DispatchResult {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::BountyNotFound)?;
		Self::ensure_avs_owner(who, bounty.avs)?;
		ensure!(
			T::Stake::is_slashable_operator(&operator, bounty.avs),
			Error::<T>::OperatorNotOptedIn
		);
		Earned::<T>::mutate(
			&operator,
			Source::Bounty { avs: bounty.avs, asset: bounty.asset.clone() },
			|e| e.saturating_accrue(bounty.amount),
		);
		Bounties::<T>::remove(id);
		// Counted when posted (`try_state` checks the count): it cannot be zero here.
		OpenBounties::<T>::mutate(bounty.avs, |n| n.defensive_saturating_dec());
		Self::deposit_event(Event::BountyAwarded { bounty: id, operator, amount: bounty.amount });
		Ok(())
	}

	pub(crate) fn do_cancel_bounty(who: &T::AccountId, id: BountyId) -> DispatchResult {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::BountyNotFound)?;
		Self::ensure_avs_owner(who, bounty.avs)?;
		ensure!(Self::now() >= bounty.expires_at, Error::<T>::BountyNotExpired);
		Self::pay_out(&bounty.funder, bounty.asset.clone(), bounty.amount)?;
		Bounties::<T>::remove(id);
		// Counted when posted (`try_state` checks the count): it cannot be zero here.
		OpenBounties::<T>::mutate(bounty.avs, |n| n.defensive_saturating_dec());
		Self::deposit_event(Event::BountyCancelled { bounty: id, amount: bounty.amount });
		Ok(())
	}
}
