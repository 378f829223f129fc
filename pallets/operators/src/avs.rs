//! The AVS owner's calls: register, update, accepted assets, roles, ownership, deregistration.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::AvsId;

impl<T: Config> Pallet<T> {
	pub(crate) fn avs_owned_by(who: &T::AccountId, avs: AvsId) -> Result<AvsOf<T>, DispatchError> {
		let info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotAvsOwner);
		Ok(info)
	}

	pub(crate) fn do_register_avs(
		owner: T::AccountId,
		name: StringOf<T>,
		uri: StringOf<T>,
		requires_approval: bool,
		slasher: T::AccountId,
		resolver: Option<T::AccountId>,
	) -> Result<AvsId, DispatchError> {
		let id = NextAvsId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::AvsDeposit::get();
		T::NativeBalance::hold(&HoldReason::AvsRegistration.into(), &owner, deposit)?;
		Avss::<T>::insert(
			id,
			AvsInfo {
				owner: owner.clone(),
				slasher,
				resolver,
				name,
				uri,
				requires_approval,
				accepted_assets: Default::default(),
				operator_count: 0,
				deposit,
				deregistered_at: None,
			},
		);
		NextAvsId::<T>::put(next);
		Self::deposit_event(Event::AvsRegistered { avs: id, owner });
		Ok(id)
	}

	pub(crate) fn do_update_avs(
		who: &T::AccountId,
		avs: AvsId,
		name: StringOf<T>,
		uri: StringOf<T>,
		requires_approval: bool,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		info.name = name;
		info.uri = uri;
		info.requires_approval = requires_approval;
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsUpdated { avs });
		Ok(())
	}

	pub(crate) fn do_set_accepted_asset(
		who: &T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		weight: Option<Perbill>,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		match weight {
			Some(w) => {
				info.accepted_assets
					.try_insert(asset.clone(), w)
					.map_err(|_| Error::<T>::TooManyAcceptedAssets)?;
			},
			None => {
				info.accepted_assets.remove(&asset).ok_or(Error::<T>::AssetNotAccepted)?;
			},
		}
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AcceptedAssetSet { avs, asset, weight });
		Ok(())
	}

	pub(crate) fn do_set_avs_roles(
		who: &T::AccountId,
		avs: AvsId,
		slasher: T::AccountId,
		resolver: Option<T::AccountId>,
	) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		// A due change is the one in force: fold it in before comparing.
		let (current_slasher, current_resolver) = Self::roles_in_force(avs, &info);
		let pending = PendingAvsRoles::<T>::take(avs).filter(|p| p.effective_at > Self::now());
		info.slasher = current_slasher;
		info.resolver = current_resolver;
		// Veto policies rely on a resolver: once named, one can be replaced, never removed.
		ensure!(info.resolver.is_none() || resolver.is_some(), Error::<T>::ResolverRequired);
		if info.slasher == slasher && info.resolver == resolver {
			// Back to the roles in force: cancels a scheduled change.
			ensure!(pending.is_some(), Error::<T>::AvsRolesUnchanged);
			Avss::<T>::insert(avs, info);
			Self::deposit_event(Event::AvsRolesChangeCancelled { avs });
			return Ok(());
		}
		let effective_at = Self::role_change_at(avs);
		Avss::<T>::insert(avs, info);
		PendingAvsRoles::<T>::insert(
			avs,
			RoleChange { slasher: slasher.clone(), resolver: resolver.clone(), effective_at },
		);
		Self::deposit_event(Event::AvsRolesChangeScheduled {
			avs,
			slasher,
			resolver,
			effective_at,
		});
		Ok(())
	}

	pub(crate) fn do_transfer_avs_ownership(
		who: &T::AccountId,
		avs: AvsId,
		new_owner: Option<T::AccountId>,
	) -> DispatchResult {
		Self::avs_owned_by(who, avs)?;
		match &new_owner {
			Some(new) => {
				ensure!(new != who, Error::<T>::AlreadyAvsOwner);
				PendingAvsOwners::<T>::insert(avs, new);
			},
			None => {
				ensure!(PendingAvsOwners::<T>::contains_key(avs), Error::<T>::NoOwnershipOffer);
				PendingAvsOwners::<T>::remove(avs);
			},
		}
		Self::deposit_event(Event::AvsOwnershipOffered { avs, to: new_owner });
		Ok(())
	}

	/// The new owner takes over the AVS and its deposit: the deposit is held from it and
	/// released to the previous owner.
	pub(crate) fn do_accept_avs_ownership(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		ensure!(PendingAvsOwners::<T>::get(avs).as_ref() == Some(who), Error::<T>::NotPendingOwner);
		let mut info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		if info.deposit > 0 {
			let reason = HoldReason::AvsRegistration.into();
			T::NativeBalance::hold(&reason, who, info.deposit)?;
			T::NativeBalance::release(&reason, &info.owner, info.deposit, Precision::BestEffort)?;
		}
		let from = core::mem::replace(&mut info.owner, who.clone());
		Avss::<T>::insert(avs, info);
		PendingAvsOwners::<T>::remove(avs);
		Self::deposit_event(Event::AvsOwnerChanged { avs, from, to: who.clone() });
		Ok(())
	}

	pub(crate) fn do_deregister_avs(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		let mut info = Self::avs_owned_by(who, avs)?;
		ensure!(info.deregistered_at.is_none(), Error::<T>::AvsDeregistered);
		info.deregistered_at = Some(Self::now());
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsDeregistered { avs });
		Ok(())
	}

	pub(crate) fn do_complete_avs_deregistration(avs: AvsId) -> DispatchResult {
		let mut info = Avss::<T>::get(avs).ok_or(Error::<T>::AvsNotFound)?;
		let at = info.deregistered_at.ok_or(Error::<T>::AvsNotDeregistered)?;
		ensure!(Self::now() >= Self::avs_release_at(at), Error::<T>::StillSlashable);
		ensure!(info.operator_count == 0, Error::<T>::AvsHasOperators);
		ensure!(info.deposit > 0, Error::<T>::DepositAlreadyReleased);
		let released = T::NativeBalance::release(
			&HoldReason::AvsRegistration.into(),
			&info.owner,
			info.deposit,
			Precision::BestEffort,
		)?;
		info.deposit = 0;
		// A due role change is the one in force: the record keeps it. One still waiting is
		// dropped with the AVS's exit (its stake is no longer slashable anyway).
		(info.slasher, info.resolver) = Self::roles_in_force(avs, &info);
		PendingAvsRoles::<T>::remove(avs);
		PendingAvsOwners::<T>::remove(avs);
		let owner = info.owner.clone();
		Avss::<T>::insert(avs, info);
		Self::deposit_event(Event::AvsDeregistrationCompleted { avs, owner, released });
		Ok(())
	}
}
