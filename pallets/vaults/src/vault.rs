//! Helpers on one vault the calls share: its account and LRT id, its curator check, its
//! fee and risk-change dates, its parameter checks, and its share and queue maths.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::tokens::fungible::NativeOrWithId;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::frame_system::{self, pallet_prelude::BlockNumberFor};
use polkadot_sdk::sp_runtime::traits::{AccountIdConversion, Saturating};
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::shares::{assets_for_shares, shares_for_deposit};
use restake_primitives::VaultId;

/// The withdrawal queue prices its units with one virtual unit, like a vault with `V = 1`.
pub(crate) const QUEUE_VIRTUAL_UNITS: u128 = 1;

impl<T: Config> Pallet<T> {
	/// The keyless account that holds vault `vault`'s assets.
	pub fn vault_account(vault: VaultId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(vault)
	}

	/// Whether `asset` is in the LRT id range (`LrtAssetIdOffset..`).
	pub fn is_lrt_asset(asset: &AssetKindOf<T>) -> bool {
		matches!(asset, NativeOrWithId::WithId(id) if *id >= T::LrtAssetIdOffset::get().into())
	}

	/// The `pallet-assets` id of vault `vault`'s LRT.
	pub fn lrt_asset_id(vault: VaultId) -> Result<T::AssetId, Error<T>> {
		T::LrtAssetIdOffset::get()
			.checked_add(vault)
			.map(Into::into)
			.ok_or(Error::<T>::Overflow)
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	pub(crate) fn ensure_curator(who: &T::AccountId, vault: &VaultOf<T>) -> DispatchResult {
		ensure!(&vault.curator == who, Error::<T>::NotCurator);
		Ok(())
	}

	/// Block from which a risk-raising change made now applies.
	pub(crate) fn risk_change_effective_at(vault: &VaultOf<T>) -> BlockNumberFor<T> {
		Self::now()
			.saturating_add(vault.params.withdrawal_delay)
			.saturating_add(T::RiskChangeExtraDelay::get())
	}

	/// Applies a scheduled fee increase once due; returns the fee in force.
	pub(crate) fn apply_due_fee(vault: &mut VaultOf<T>) -> Perbill {
		if let Some((fee, at)) = vault.pending_fee {
			if Self::now() >= at {
				vault.params.curator_fee = fee;
				vault.pending_fee = None;
			}
		}
		vault.params.curator_fee
	}

	/// The vault as it would be after releasing its due rewards (for views).
	pub(crate) fn current(vault_id: VaultId) -> Option<VaultOf<T>> {
		let mut vault = Vaults::<T>::get(vault_id)?;
		Self::apply_released(vault_id, &mut vault);
		Some(vault)
	}

	pub(crate) fn check_params(params: &VaultParams<BlockNumberFor<T>>) -> DispatchResult {
		ensure!(
			params.withdrawal_delay >= T::MinWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooShort
		);
		ensure!(
			params.withdrawal_delay <= T::MaxWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooLong
		);
		ensure!(params.curator_fee <= T::MaxCuratorFee::get(), Error::<T>::CuratorFeeTooHigh);
		ensure!(params.min_deposit <= params.deposit_cap, Error::<T>::MinimumAboveCap);
		Ok(())
	}

	pub(crate) fn shares_for(vault: &VaultOf<T>, assets: u128) -> Result<u128, Error<T>> {
		shares_for_deposit(assets, vault.total_assets, vault.total_shares, T::VirtualShares::get())
			.map_err(|_| Error::<T>::Overflow)
	}

	pub(crate) fn assets_for(vault: &VaultOf<T>, shares: u128) -> Result<u128, Error<T>> {
		assets_for_shares(shares, vault.total_assets, vault.total_shares, T::VirtualShares::get())
			.map_err(|_| Error::<T>::Overflow)
	}

	pub(crate) fn queue_value(vault: &VaultOf<T>, units: u128) -> Result<u128, Error<T>> {
		assets_for_shares(units, vault.queued_assets, vault.queued_units, QUEUE_VIRTUAL_UNITS)
			.map_err(|_| Error::<T>::Overflow)
	}
}
