//! A vault's life: `create_vault` and `destroy_vault`.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::fungible::{self, Mutate as _, MutateHold as _};
use polkadot_sdk::frame_support::traits::fungibles::{
	self, metadata::MetadataDeposit, Create, Destroy, Inspect, Mutate,
};
use polkadot_sdk::frame_support::traits::tokens::{
	fungible::NativeOrWithId, Precision, Preservation,
};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::traits::Zero;
use restake_primitives::traits::{OnSharesChanged, VaultAllocations};
use restake_primitives::VaultId;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_vault(
		curator: T::AccountId,
		asset: AssetKindOf<T>,
		params: VaultParams<BlockNumberFor<T>>,
		lrt_name: LrtStringOf<T>,
		lrt_symbol: LrtStringOf<T>,
		lrt_decimals: u8,
	) -> Result<VaultId, DispatchError> {
		Self::check_params(&params)?;
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		ensure!(!Self::is_lrt_asset(&asset), Error::<T>::LrtNotAccepted);
		let id = NextVaultId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::VaultIdsExhausted)?;
		let lrt = Self::lrt_asset_id(id)?;
		ensure!(!T::Lrt::asset_exists(lrt), Error::<T>::LrtAssetIdTaken);
		let account = Self::vault_account(id);

		let deposit = T::VaultDeposit::get();
		T::NativeBalance::hold(&HoldReason::VaultCreation.into(), &curator, deposit)?;

		// Seed the vault account so it can never be reaped: the native existential deposit
		// plus what pallet-assets reserves for the LRT metadata, and for an asset vault the
		// asset's minimum balance.
		let existential = <T::NativeBalance as fungible::Inspect<_>>::minimum_balance();
		let metadata_deposit = T::Lrt::calc_metadata_deposit(&lrt_name, &lrt_symbol);
		let native_seed = existential.checked_add(metadata_deposit).ok_or(Error::<T>::Overflow)?;
		T::NativeBalance::transfer(&curator, &account, native_seed, Preservation::Preserve)?;
		let seed = match asset {
			NativeOrWithId::Native => existential,
			NativeOrWithId::WithId(_) => {
				let min_balance = T::Assets::minimum_balance(asset.clone());
				if !min_balance.is_zero() {
					T::Assets::transfer(
						asset.clone(),
						&curator,
						&account,
						min_balance,
						Preservation::Expendable,
					)?;
				}
				min_balance
			},
		};

		T::Lrt::create(lrt, account.clone(), true, 1)?;
		<T::Lrt as fungibles::metadata::Mutate<_>>::set(
			lrt,
			&account,
			lrt_name.into_inner(),
			lrt_symbol.into_inner(),
			lrt_decimals,
		)?;

		Vaults::<T>::insert(
			id,
			Vault {
				curator: curator.clone(),
				pending_curator: None,
				asset: asset.clone(),
				lrt,
				total_assets: 0,
				total_shares: 0,
				queued_assets: 0,
				queued_units: 0,
				params,
				pending_fee: None,
				allowed_avs: Default::default(),
				pause: PauseState::Active,
				deposit,
				seed,
				flows: Default::default(),
			},
		);
		NextVaultId::<T>::put(next_id);
		Self::deposit_event(Event::VaultCreated { vault: id, curator, asset, lrt });
		Ok(id)
	}

	pub(crate) fn do_destroy_vault(who: &T::AccountId, vault_id: VaultId) -> DispatchResult {
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		Self::ensure_curator(who, &vault)?;
		ensure!(
			vault.total_shares.is_zero() && vault.queued_units.is_zero(),
			Error::<T>::VaultNotEmpty
		);
		ensure!(!T::Allocations::has_allocations(vault_id), Error::<T>::VaultHasAllocations);
		ensure!(Escrowed::<T>::get(vault_id).is_zero(), Error::<T>::EscrowPending);
		T::Lrt::start_destroy(vault.lrt, None)?;
		T::Lrt::destroy_accounts(vault.lrt, 0)?;
		T::Lrt::destroy_approvals(vault.lrt, 0)?;
		T::Lrt::finish_destroy(vault.lrt)?;

		// Return the seed (and any rounding dust or donation) and the metadata deposit.
		let account = Self::vault_account(vault_id);
		let underlying = T::Assets::balance(vault.asset.clone(), &account);
		if !underlying.is_zero() {
			T::Assets::transfer(
				vault.asset.clone(),
				&account,
				who,
				underlying,
				Preservation::Expendable,
			)?;
		}
		let native = <T::NativeBalance as fungible::Inspect<_>>::balance(&account);
		if !native.is_zero() {
			T::NativeBalance::transfer(&account, who, native, Preservation::Expendable)?;
		}
		T::NativeBalance::release(
			&HoldReason::VaultCreation.into(),
			who,
			vault.deposit,
			Precision::Exact,
		)?;
		Vaults::<T>::remove(vault_id);
		CompoundDrips::<T>::remove(vault_id);
		T::OnSharesChanged::on_vault_destroyed(vault_id, who);
		Self::deposit_event(Event::VaultDestroyed { vault: vault_id });
		Ok(())
	}
}
