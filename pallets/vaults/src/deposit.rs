//! LRT to a holder: `deposit` and `transfer_shares`.

use crate::pallet::*;
use polkadot_sdk::frame_support::traits::fungibles::{Inspect, Mutate};
use polkadot_sdk::frame_support::traits::tokens::Preservation;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::{Saturating, Zero};
use restake_primitives::traits::{OnSharesChanged, OnStakeChanged};
use restake_primitives::VaultId;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_deposit(
		who: &T::AccountId,
		vault_id: VaultId,
		assets: u128,
	) -> Result<(u128, Weight), DispatchError> {
		ensure!(!assets.is_zero(), Error::<T>::ZeroAmount);
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				ensure!(!vault.pause.is_paused(), Error::<T>::DepositsPaused);
				ensure!(assets >= vault.params.min_deposit, Error::<T>::BelowMinimumDeposit);
				Self::release_rewards(vault_id, vault);
				let total_assets =
					vault.total_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
				ensure!(total_assets <= vault.params.deposit_cap, Error::<T>::DepositCapExceeded);
				let shares = Self::shares_for(vault, assets)?;
				ensure!(!shares.is_zero(), Error::<T>::DepositTooSmall);
				let total_shares =
					vault.total_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;

				hooks = T::OnSharesChanged::before_shares_change(
					vault_id,
					who,
					T::Lrt::balance(vault.lrt, who),
				);
				T::Assets::transfer(
					vault.asset.clone(),
					who,
					&Self::vault_account(vault_id),
					assets,
					Preservation::Expendable,
				)?;
				T::Lrt::mint_into(vault.lrt, who, shares)?;
				vault.total_assets = total_assets;
				vault.total_shares = total_shares;
				vault.flows.deposited.saturating_accrue(assets);

				Self::deposit_event(Event::Deposited {
					vault: vault_id,
					who: who.clone(),
					assets,
					shares,
				});
				Ok(shares)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
	}

	pub(crate) fn do_transfer_shares(
		from: &T::AccountId,
		vault_id: VaultId,
		to: &T::AccountId,
		shares: u128,
	) -> Result<Weight, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let held = T::Lrt::balance(vault.lrt, from);
		ensure!(held >= shares, Error::<T>::InsufficientShares);
		let hooks = T::OnSharesChanged::before_shares_change(vault_id, from, held).saturating_add(
			T::OnSharesChanged::before_shares_received(
				vault_id,
				to,
				T::Lrt::balance(vault.lrt, to),
			),
		);
		T::Lrt::transfer(vault.lrt, from, to, shares, Preservation::Expendable)?;
		Self::deposit_event(Event::SharesTransferred {
			vault: vault_id,
			from: from.clone(),
			to: to.clone(),
			shares,
		});
		Ok(hooks)
	}
}
