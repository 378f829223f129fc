//! The vault pallet's genesis config: vaults and deposits that exist from the first block.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod genesis {
	/// A vault created at genesis (the asset must already exist).
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisVault<AccountId, AssetId, BlockNumber> {
		/// The curator (pays the deposit and seed like any creator).
		pub curator: AccountId,
		/// The underlying `pallet-assets` asset, or `None` for the native token.
		pub asset: Option<AssetId>,
		/// Maximum active assets.
		pub deposit_cap: u128,
		/// Smallest deposit.
		pub min_deposit: u128,
		/// Withdrawal delay in blocks.
		pub withdrawal_delay: BlockNumber,
		/// Curator fee in parts per billion.
		pub curator_fee_ppb: u32,
		/// LRT name.
		pub lrt_name: alloc::vec::Vec<u8>,
		/// LRT symbol.
		pub lrt_symbol: alloc::vec::Vec<u8>,
		/// LRT decimals.
		pub lrt_decimals: u8,
		/// AVSs the vault may back from genesis on.
		pub allowed_avs: alloc::vec::Vec<AvsId>,
	}

	/// A deposit made at genesis, once the vaults exist.
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisDeposit<AccountId> {
		/// The vault.
		pub vault: VaultId,
		/// The depositor, who receives the LRT (and must hold the assets).
		pub depositor: AccountId,
		/// Assets deposited.
		pub assets: u128,
	}

	/// Vaults and deposits that exist from the first block (dev and test chains).
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Vaults to create, with ids 0, 1, … in order.
		pub vaults: alloc::vec::Vec<GenesisVault<T::AccountId, T::AssetId, BlockNumberFor<T>>>,
		/// Deposits made after the vaults exist.
		pub deposits: alloc::vec::Vec<GenesisDeposit<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for v in &self.vaults {
				let asset = v.asset.map_or(NativeOrWithId::Native, NativeOrWithId::WithId);
				let params = VaultParams {
					deposit_cap: v.deposit_cap,
					min_deposit: v.min_deposit,
					withdrawal_delay: v.withdrawal_delay,
					curator_fee: Perbill::from_parts(v.curator_fee_ppb),
				};
				let name: LrtStringOf<T> =
					v.lrt_name.clone().try_into().expect("genesis LRT name too long");
				let symbol: LrtStringOf<T> =
					v.lrt_symbol.clone().try_into().expect("genesis LRT symbol too long");
				let id = Pallet::<T>::do_create_vault(
					v.curator.clone(),
					asset,
					params,
					name,
					symbol,
					v.lrt_decimals,
				)
				.expect("genesis vault can be created");
				Vaults::<T>::mutate(id, |vault| {
					if let Some(vault) = vault {
						for avs in &v.allowed_avs {
							vault
								.allowed_avs
								.try_insert(*avs, Zero::zero())
								.expect("genesis allowlist within MaxAllowedAvs");
						}
					}
				});
			}
			for deposit in &self.deposits {
				Pallet::<T>::do_deposit(&deposit.depositor, deposit.vault, deposit.assets)
					.expect("genesis deposit succeeds");
			}
		}
	}
}
