//! The `restake_*` JSON-RPC methods: thin wrappers over the restaking runtime APIs.
//!
//! - Every method takes an optional `at` block hash (default: best block).
//! - Amounts (`u128`) are decimal strings, so JavaScript loses nothing.
//! - Accounts are SS58 strings in the chain's format (prefix 4242).
//! - A missing vault, or a call the runtime would refuse, is a JSON-RPC error whose message
//!   names the condition (`VaultNotFound`, `BelowMinimumDeposit`, …), code
//!   [`errors::NOT_FOUND`] or [`errors::REFUSED`].
//!
//! By role: the RPC declarations here ([`RestakeApi`]), their implementation over the runtime
//! APIs in [`server`], the JSON shapes they return in [`json`], and the error codes and
//! conversions in [`errors`].

mod errors;
mod json;
mod server;

pub(crate) use errors::runtime_error;
pub use server::Restake;

use json::{
	AllocationJson, AvsStateJson, ExchangeRateJson, OperatorStateJson, PendingSlashJson,
	RewardJson, SlashRecordJson, StreamJson, VaultJson, WithdrawalJson,
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::sp_runtime::traits::Block as BlockT;
use restake_runtime::{opaque::Block, AccountId};

type Hash = <Block as BlockT>::Hash;

/// The `restake_*` methods.
#[rpc(server)]
pub trait RestakeApi {
	/// A settled slash (executed, vetoed, cancelled or logged), or `NOT_FOUND` while it is
	/// pending or unknown.
	#[method(name = "restake_slashRecord")]
	fn slash_record(&self, id: u32, at: Option<Hash>) -> RpcResult<SlashRecordJson>;

	/// Everything `who` could claim now from the LRT² ledger, by source and asset (points
	/// are listed by `restake_points`).
	#[method(name = "restake_pendingRewards")]
	fn pending_rewards(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Vec<RewardJson>>;

	/// `who`'s points by programme.
	#[method(name = "restake_points")]
	fn points(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Vec<RewardJson>>;

	/// A reward stream's funded, paid, remaining and reclaimable amounts, or `NOT_FOUND`.
	#[method(name = "restake_stream")]
	fn stream(&self, id: u32, at: Option<Hash>) -> RpcResult<StreamJson>;

	/// A vault, or error `NOT_FOUND`.
	#[method(name = "restake_vault")]
	fn vault(&self, vault: u32, at: Option<Hash>) -> RpcResult<VaultJson>;

	/// A vault's exchange rate, or error `NOT_FOUND`.
	#[method(name = "restake_exchangeRate")]
	fn exchange_rate(&self, vault: u32, at: Option<Hash>) -> RpcResult<ExchangeRateJson>;

	/// LRT shares a deposit of `assets` would mint, or the error it would fail with.
	#[method(name = "restake_previewDeposit")]
	fn preview_deposit(&self, vault: u32, assets: String, at: Option<Hash>) -> RpcResult<String>;

	/// Assets a withdrawal of `shares` would queue, or the error it would fail with.
	#[method(name = "restake_previewWithdraw")]
	fn preview_withdraw(&self, vault: u32, shares: String, at: Option<Hash>) -> RpcResult<String>;

	/// `who`'s queued withdrawals in a vault.
	#[method(name = "restake_pendingWithdrawals")]
	fn pending_withdrawals(
		&self,
		vault: u32,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Vec<WithdrawalJson>>;

	/// Every vault's allocation to (`operator`, `avs`).
	#[method(name = "restake_pairAllocations")]
	fn pair_allocations(
		&self,
		operator: AccountId,
		avs: u32,
		at: Option<Hash>,
	) -> RpcResult<Vec<AllocationJson>>;

	/// An AVS's stake weighted by its accepted assets.
	#[method(name = "restake_avsWeightedStake")]
	fn avs_weighted_stake(&self, avs: u32, at: Option<Hash>) -> RpcResult<String>;

	/// An AVS's lifecycle: roles in force and scheduled, deregistration, what still binds it.
	#[method(name = "restake_avsState")]
	fn avs_state(&self, avs: u32, at: Option<Hash>) -> RpcResult<AvsStateJson>;

	/// An operator's lifecycle: its opt-ins and when it can leave.
	#[method(name = "restake_operatorState")]
	fn operator_state(&self, who: AccountId, at: Option<Hash>) -> RpcResult<OperatorStateJson>;

	/// Pending slashes, optionally of one AVS and/or one operator.
	#[method(name = "restake_pendingSlashes")]
	fn pending_slashes(
		&self,
		avs: Option<u32>,
		operator: Option<AccountId>,
		at: Option<Hash>,
	) -> RpcResult<Vec<PendingSlashJson>>;
}
