//! Compounding rewards: `add_rewards` and the release of rewards into the exchange rate.

use crate::pallet::*;
use polkadot_sdk::frame_support::traits::fungibles::{Inspect, Mutate};
use polkadot_sdk::frame_support::traits::tokens::Preservation;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::{Saturating, Zero};
use restake_primitives::drip::Drip;
use restake_primitives::shares::fee_shares_for_reward;
use restake_primitives::traits::{OnSharesChanged, OnStakeChanged};
use restake_primitives::VaultId;

impl<T: Config> Pallet<T> {
	/// Applies to `vault` (a copy of vault `vault_id`) what its compounding rewards released
	/// since they were last applied, and returns their drip as it is then (`None` when there
	/// is none). While the vault has no shares a drip waits: nobody could receive it.
	pub(crate) fn apply_released(vault_id: VaultId, vault: &mut VaultOf<T>) -> Option<DripOf<T>> {
		let mut drip = CompoundDrips::<T>::get(vault_id)?;
		let now = Self::now();
		if vault.total_shares.is_zero() {
			drip.pause(now);
		} else {
			let due = drip.due_at(now);
			vault.total_assets.saturating_accrue(due);
			drip.release(due, now);
		}
		Some(drip)
	}

	/// Moves into the vault's assets what its compounding rewards released so far: called
	/// before every change of its assets or shares, so each holder earns exactly the part
	/// released while it held its LRT.
	pub(crate) fn release_rewards(vault_id: VaultId, vault: &mut VaultOf<T>) {
		let drip = Self::apply_released(vault_id, vault);
		Self::store_drip(vault_id, drip);
	}

	/// Stores a vault's drip as [`Self::apply_released`] left it (removed once done).
	pub(crate) fn store_drip(vault_id: VaultId, drip: Option<DripOf<T>>) {
		match drip {
			Some(drip) if drip.is_done() => CompoundDrips::<T>::remove(vault_id),
			Some(drip) => CompoundDrips::<T>::insert(vault_id, drip),
			None => {},
		}
	}

	pub(crate) fn do_add_rewards(
		from: &T::AccountId,
		vault_id: VaultId,
		assets: u128,
	) -> Result<(u128, Weight), DispatchError> {
		ensure!(!assets.is_zero(), Error::<T>::ZeroAmount);
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				ensure!(!vault.total_shares.is_zero(), Error::<T>::VaultHasNoHolders);
				Self::release_rewards(vault_id, vault);
				let fee = Self::apply_due_fee(vault);
				// The curator gets LRT worth its fee once this reward and every earlier one
				// still being released are in; what that LRT is worth now goes in at once
				// (nobody's value moves), the rest reaches the rate over the release period.
				let unreleased = CompoundDrips::<T>::get(vault_id).map_or(0, |d| d.remaining);
				let (fee_shares, backing) = fee_shares_for_reward(
					fee.mul_floor(assets),
					assets,
					unreleased,
					vault.total_assets,
					vault.total_shares,
					T::VirtualShares::get(),
				)
				.map_err(|_| Error::<T>::Overflow)?;
				let released_later = assets.saturating_sub(backing);
				let total_assets =
					vault.total_assets.checked_add(backing).ok_or(Error::<T>::Overflow)?;
				let total_shares =
					vault.total_shares.checked_add(fee_shares).ok_or(Error::<T>::Overflow)?;
				let now = Self::now();
				let period = T::RewardReleasePeriod::get();
				CompoundDrips::<T>::try_mutate(vault_id, |drip| {
					drip.get_or_insert(Drip::new(0, now, period))
						.top_up(released_later, now, period)
						.ok_or(Error::<T>::Overflow)
				})?;

				T::Assets::transfer(
					vault.asset.clone(),
					from,
					&Self::vault_account(vault_id),
					assets,
					Preservation::Expendable,
				)?;
				if !fee_shares.is_zero() {
					hooks = T::OnSharesChanged::before_shares_change(
						vault_id,
						&vault.curator,
						T::Lrt::balance(vault.lrt, &vault.curator),
					);
					T::Lrt::mint_into(vault.lrt, &vault.curator, fee_shares)?;
				}
				vault.total_assets = total_assets;
				vault.total_shares = total_shares;
				vault.flows.rewarded.saturating_accrue(assets);
				Self::deposit_event(Event::RewardsAdded {
					vault: vault_id,
					from: from.clone(),
					assets,
					fee_shares,
					until: now.saturating_add(period),
				});
				Ok(fee_shares)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
	}
}
