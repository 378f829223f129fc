//! LRT to a holder: `deposit` and `transfer_shares`.

use crate::pallet::*;
use polkadot_sdk::frame_support::traits::fungibles::{Inspect, Mutate};
use polkadot_sdk::frame_support::traits::tokens::Preservation;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::{Saturating, Zero};
use restake_primitives::traits::{OnSharesChanged, OnStakeChanged};
use restake_primitives::VaultId;

/// A deposit as [`Pallet::plan_deposit`] worked it out.
pub(crate) struct DepositPlan<T: Config> {
	/// The vault after the deposit (its due rewards released).
	pub vault: VaultOf<T>,
	/// Its compounding rewards after the release, to store.
	pub drip: Option<DripOf<T>>,
	/// LRT shares minted.
	pub shares: u128,
}

impl<T: Config> Pallet<T> {
	/// What a deposit of `assets` into vault `vault_id` would do now, with every check the
	/// deposit makes: the one function behind both [`Pallet::deposit`] and
	/// [`Pallet::preview_deposit`], so the preview cannot drift from the call. Reads storage,
	/// writes nothing.
	pub(crate) fn plan_deposit(
		vault_id: VaultId,
		assets: u128,
	) -> Result<DepositPlan<T>, DispatchError> {
		ensure!(!assets.is_zero(), Error::<T>::ZeroAmount);
		let mut vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(!vault.pause.is_paused(), Error::<T>::DepositsPaused);
		ensure!(assets >= vault.params.min_deposit, Error::<T>::BelowMinimumDeposit);
		let drip = Self::apply_released(vault_id, &mut vault);
		let total_assets = vault.total_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
		ensure!(total_assets <= vault.params.deposit_cap, Error::<T>::DepositCapExceeded);
		let shares = Self::shares_for(&vault, assets)?;
		ensure!(!shares.is_zero(), Error::<T>::DepositTooSmall);
		vault.total_shares = vault.total_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;
		vault.total_assets = total_assets;
		vault.flows.deposited.saturating_accrue(assets);
		Ok(DepositPlan { vault, drip, shares })
	}

	pub(crate) fn do_deposit(
		who: &T::AccountId,
		vault_id: VaultId,
		assets: u128,
	) -> Result<(u128, Weight), DispatchError> {
		let DepositPlan { vault, drip, shares } = Self::plan_deposit(vault_id, assets)?;
		Self::store_drip(vault_id, drip);
		let mut hooks = T::OnSharesChanged::before_shares_change(
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
		Vaults::<T>::insert(vault_id, vault);
		Self::deposit_event(Event::Deposited { vault: vault_id, who: who.clone(), assets, shares });
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((shares, hooks))
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
