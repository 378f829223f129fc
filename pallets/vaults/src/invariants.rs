//! The vault pallet's invariants (`try_state`).

use crate::pallet::*;
use polkadot_sdk::frame_support::traits::fungibles::Inspect;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let next = NextVaultId::<T>::get();
		for (id, vault) in Vaults::<T>::iter() {
			ensure!(id < next, "vault id at or above NextVaultId");
			ensure!(
				T::Lrt::total_issuance(vault.lrt) == vault.total_shares,
				"LRT supply differs from total_shares"
			);
			let held = T::Assets::balance(vault.asset.clone(), &Self::vault_account(id));
			let unreleased = CompoundDrips::<T>::get(id).map_or(0, |d| d.remaining);
			let accounted = vault
				.total_assets
				.checked_add(vault.queued_assets)
				.and_then(|x| x.checked_add(vault.seed))
				.and_then(|x| x.checked_add(Escrowed::<T>::get(id)))
				.and_then(|x| x.checked_add(unreleased))
				.ok_or("accounted assets overflow")?;
			ensure!(
				vault.params.withdrawal_delay <= T::MaxWithdrawalDelay::get(),
				"a vault's withdrawal delay exceeds the runtime's maximum"
			);
			ensure!(held >= accounted, "vault account holds less than the vault accounts for");
			let mut units: u128 = 0;
			for (_, requests) in Withdrawals::<T>::iter_prefix(id) {
				ensure!(!requests.is_empty(), "empty withdrawal list stored");
				for request in requests {
					ensure!(!request.units.is_zero(), "withdrawal request without units");
					units = units.checked_add(request.units).ok_or("queue units overflow")?;
				}
			}
			ensure!(units == vault.queued_units, "queued units differ from the requests");
			ensure!(
				!vault.queued_units.is_zero() || vault.queued_assets.is_zero(),
				"queued assets without queued units"
			);
			ensure!(vault.params.curator_fee <= T::MaxCuratorFee::get(), "curator fee above max");
			let (flowed_in, flowed_out) = vault.flows.totals().ok_or("vault flows overflow")?;
			ensure!(
				Some(flowed_in)
					== vault
						.total_assets
						.checked_add(vault.queued_assets)
						.and_then(|x| x.checked_add(flowed_out))
						.and_then(|x| x.checked_add(unreleased)),
				"deposited + rewarded differs from assets + unreleased + withdrawn + slashed"
			);
		}
		for (id, _, _) in Withdrawals::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "withdrawals of a missing vault");
		}
		for (id, _) in Escrowed::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "escrow of a missing vault");
		}
		for (id, drip) in CompoundDrips::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "released rewards of a missing vault");
			ensure!(!drip.is_done(), "an empty drip stored");
		}

		Ok(())
	}
}
