//! The vault runtime API: what polkadot.js calls as `api.call.vaultsApi.*`.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use polkadot_sdk::{sp_api, sp_runtime::DispatchError};
use restake_primitives::VaultId;
use scale_info::TypeInfo;

pub use crate::types::ExchangeRate;

/// A queued withdrawal as a client sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct PendingWithdrawal<BlockNumber> {
	/// LRT shares burnt for it.
	pub shares: u128,
	/// Its value when requested: the most it can pay.
	pub assets_at_request: u128,
	/// What it would pay if claimed now (lower if the vault was slashed since).
	pub payable_now: u128,
	/// First block at which it can be claimed.
	pub unlock_at: BlockNumber,
	/// Whether it can be claimed now.
	pub claimable: bool,
}

sp_api::decl_runtime_apis! {
	/// Vaults, exchange rates, previews and queued withdrawals.
	pub trait VaultsApi<AccountId, Vault, BlockNumber>
	where
		AccountId: Codec,
		Vault: Codec,
		BlockNumber: Codec,
	{
		/// The vault `vault`, if it exists.
		fn vault(vault: VaultId) -> Option<Vault>;
		/// The exchange rate of `vault`, if it exists.
		fn exchange_rate(vault: VaultId) -> Option<ExchangeRate>;
		/// LRT shares a deposit of `assets` would mint now, or why it would fail.
		fn preview_deposit(vault: VaultId, assets: u128) -> Result<u128, DispatchError>;
		/// Assets a withdrawal request for `shares` would queue now, or why it would fail.
		fn preview_withdraw(vault: VaultId, shares: u128) -> Result<u128, DispatchError>;
		/// `who`'s queued withdrawals in `vault`.
		fn pending_withdrawals(vault: VaultId, who: AccountId) -> Vec<PendingWithdrawal<BlockNumber>>;
	}
}
