//! The traits other pallets use to reach vaults: [`VaultInspect`], [`VaultSlash`],
//! [`ExitDelays`](restake_primitives::traits::ExitDelays) and [`VaultCompound`].

use crate::pallet::*;
use polkadot_sdk::frame_support::pallet_prelude::*;
use polkadot_sdk::frame_support::traits::fungibles::{Inspect, Mutate};
use polkadot_sdk::frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use polkadot_sdk::frame_support::traits::DefensiveSaturating;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::traits::{Saturating, Zero};
use restake_primitives::shares::split_pro_rata;
use restake_primitives::traits::{
	OnSharesChanged, OnStakeChanged, VaultCompound, VaultInspect, VaultSlash,
};
use restake_primitives::{AvsId, SlashDestination, VaultId};

impl<T: Config> VaultInspect<T::AccountId, u128> for Pallet<T> {
	type AssetKind = AssetKindOf<T>;

	fn vault_asset(vault: VaultId) -> Option<AssetKindOf<T>> {
		Vaults::<T>::get(vault).map(|v| v.asset)
	}

	fn vault_exists(vault: VaultId) -> bool {
		Vaults::<T>::contains_key(vault)
	}

	fn curator(vault: VaultId) -> Option<T::AccountId> {
		Vaults::<T>::get(vault).map(|v| v.curator)
	}

	fn active_assets(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.total_assets)
	}

	fn queued_assets(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.queued_assets)
	}

	fn total_shares(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.total_shares)
	}

	fn allows_avs(vault: VaultId, avs: AvsId) -> bool {
		Vaults::<T>::get(vault)
			.and_then(|v| v.allowed_avs.get(&avs).copied())
			.is_some_and(|from| from <= Self::now())
	}

	fn shares_of(vault: VaultId, who: &T::AccountId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| T::Lrt::balance(v.lrt, who))
	}

	fn is_lrt(asset: &AssetKindOf<T>) -> bool {
		Self::is_lrt_asset(asset)
	}
}

impl<T: Config> Pallet<T> {
	/// Lowers vault `vault_id`'s escrow by `amount` (removing the entry when it empties).
	fn reduce_escrow(vault_id: VaultId, amount: u128) {
		Escrowed::<T>::mutate_exists(vault_id, |escrowed| {
			// Callers never take more than the escrow.
			let left = escrowed.unwrap_or(0).defensive_saturating_sub(amount);
			*escrowed = (!left.is_zero()).then_some(left);
		});
	}

	/// Burns `amount` of the vault's asset from its account, or fails changing nothing.
	fn burn_escrowed(vault: &VaultOf<T>, account: &T::AccountId, amount: u128) -> DispatchResult {
		polkadot_sdk::frame_support::storage::with_storage_layer(|| {
			T::Assets::burn_from(
				vault.asset.clone(),
				account,
				amount,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Force,
			)
			.map(|_| ())
		})
	}
}

impl<T: Config> VaultSlash<T::AccountId, u128> for Pallet<T> {
	fn slash_vault(vault_id: VaultId, amount: u128) -> Result<u128, DispatchError> {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::release_rewards(vault_id, vault);
			let (from_active, from_queued) =
				split_pro_rata(amount, vault.total_assets, vault.queued_assets);
			let taken = from_active.saturating_add(from_queued);
			if taken.is_zero() {
				return Ok(0);
			}
			// Only accounting: the funds stay in the vault's account as escrow until the
			// slashing pallet burns or pays them.
			Escrowed::<T>::try_mutate(vault_id, |escrowed| {
				escrowed
					.checked_add(taken)
					.map(|sum| *escrowed = sum)
					.ok_or(Error::<T>::Overflow)
			})?;
			vault.total_assets.saturating_reduce(from_active);
			vault.queued_assets.saturating_reduce(from_queued);
			vault.flows.slashed.saturating_accrue(taken);
			Self::deposit_event(Event::VaultSlashed { vault: vault_id, from_active, from_queued });
			Ok(taken)
		})
	}

	fn release_escrow(
		vault_id: VaultId,
		amount: u128,
		destination: &SlashDestination<T::AccountId>,
	) -> Result<bool, DispatchError> {
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let amount = amount.min(Escrowed::<T>::get(vault_id));
		let account = Self::vault_account(vault_id);
		let paid = match destination {
			SlashDestination::Account(to) if !amount.is_zero() => {
				let transferred = polkadot_sdk::frame_support::storage::with_storage_layer(|| {
					T::Assets::transfer(
						vault.asset.clone(),
						&account,
						to,
						amount,
						Preservation::Preserve,
					)
				});
				if transferred.is_err() {
					// The destination cannot receive it: the promise still ends, by a burn.
					Self::burn_escrowed(&vault, &account, amount)?;
				}
				transferred.is_ok()
			},
			_ => {
				if !amount.is_zero() {
					Self::burn_escrowed(&vault, &account, amount)?;
				}
				false
			},
		};
		Self::reduce_escrow(vault_id, amount);
		Self::deposit_event(Event::EscrowReleased { vault: vault_id, amount, paid });
		Ok(paid)
	}

	fn return_escrow(vault_id: VaultId, amount: u128) {
		let amount = amount.min(Escrowed::<T>::get(vault_id));
		Self::reduce_escrow(vault_id, amount);
		Vaults::<T>::mutate(vault_id, |vault| {
			if let Some(vault) = vault {
				// Back to both pools, pro rata, as the slash took from both.
				let (to_active, to_queued) =
					split_pro_rata(amount, vault.total_assets, vault.queued_assets);
				let to_active = to_active
					.saturating_add(amount.saturating_sub(to_active.saturating_add(to_queued)));
				vault.total_assets.saturating_accrue(to_active);
				vault.queued_assets.saturating_accrue(to_queued);
				vault.flows.slashed.saturating_reduce(amount);
			}
		});
		T::OnStakeChanged::on_stake_changed(vault_id);
		Self::deposit_event(Event::EscrowReturned { vault: vault_id, amount });
	}
}

impl<T: Config> restake_primitives::traits::ExitDelays<BlockNumberFor<T>> for Pallet<T> {
	fn exit_delay(vault: VaultId) -> BlockNumberFor<T> {
		// A matured claim may wait for a pending slash (veto window + execution deadline):
		// `RiskChangeExtraDelay` covers that hold, so a risk change that waits longer than
		// this reaches no holder who asked to leave when it was announced.
		Vaults::<T>::get(vault)
			.map(|v| v.params.withdrawal_delay.saturating_add(T::RiskChangeExtraDelay::get()))
			.unwrap_or_default()
	}
}

impl<T: Config> VaultCompound<T::AccountId, u128> for Pallet<T> {
	fn compound(from: &T::AccountId, vault: VaultId, amount: u128) -> DispatchResult {
		Self::do_add_rewards(from, vault, amount).map(|_| ())
	}

	fn compound_weight() -> Weight {
		use crate::weights::WeightInfo;
		T::WeightInfo::add_rewards()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight())
	}
}
