//! The vault pallet's storage items.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod storage {
	/// The id the next vault gets.
	#[pallet::storage]
	pub type NextVaultId<T> = StorageValue<_, VaultId, ValueQuery>;

	/// Every vault by id. `Twox64Concat`: ids are sequential, not chosen by users.
	#[pallet::storage]
	pub type Vaults<T: Config> = StorageMap<_, Twox64Concat, VaultId, VaultOf<T>>;

	/// Slashed assets held in a vault's account until the slashing pallet burns them, pays
	/// them to the slash's destination, or returns them (a cancelled slash). Not part of the
	/// vault's assets. `Twox64Concat`: vault ids are sequential.
	#[pallet::storage]
	pub type Escrowed<T: Config> = StorageMap<_, Twox64Concat, VaultId, u128, ValueQuery>;

	/// Rewards in a vault's own asset (`add_rewards`) not yet released into its assets: they
	/// reach the exchange rate evenly over `RewardReleasePeriod` blocks, so a deposit placed
	/// just before them earns only its blocks' share. Held in the vault's account, not part of
	/// its assets (nor slashable) until released. `Twox64Concat`: vault ids are sequential.
	#[pallet::storage]
	pub type CompoundDrips<T: Config> = StorageMap<_, Twox64Concat, VaultId, DripOf<T>>;

	/// Queued withdrawals of a holder in a vault. `Blake2_128Concat` on the account: it is
	/// chosen by users.
	#[pallet::storage]
	pub type Withdrawals<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		T::AccountId,
		WithdrawalsOf<T>,
		ValueQuery,
	>;
}
