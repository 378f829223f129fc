//! The `restake_*` JSON-RPC methods: thin wrappers over the restaking runtime APIs.
//!
//! - Every method takes an optional `at` block hash (default: best block).
//! - Amounts (`u128`) are decimal strings, so JavaScript loses nothing.
//! - Accounts are SS58 strings in the chain's format (prefix 4242).
//! - A missing vault, or a call the runtime would refuse, is a JSON-RPC error whose message
//!   names the condition (`VaultNotFound`, `BelowMinimumDeposit`, …), code
//!   [`NOT_FOUND`] or [`REFUSED`].

use codec::Decode;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use pallet_operators::runtime_api::OperatorsApi;
use pallet_slashing::runtime_api::SlashingApi;
use pallet_vaults::runtime_api::VaultsApi;
use polkadot_sdk::{
	frame_support::traits::{fungible::NativeOrWithId, PalletInfoAccess},
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::crypto::{Ss58AddressFormat, Ss58Codec},
	sp_runtime::{traits::Block as BlockT, DispatchError},
};
use restake_runtime::{opaque::Block, AccountId, Runtime, SS58_PREFIX};
use serde::Serialize;
use std::sync::Arc;

/// Error code: the vault (or AVS, or slash) does not exist.
pub const NOT_FOUND: i32 = 8001;
/// Error code: the runtime refuses the previewed call; the message names the error.
pub const REFUSED: i32 = 8002;
/// Error code: the runtime API call itself failed.
pub const RUNTIME_ERROR: i32 = 8000;

type Hash = <Block as BlockT>::Hash;

fn ss58(who: &AccountId) -> String {
	who.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

fn amount(s: &str) -> RpcResult<u128> {
	s.parse::<u128>().map_err(|_| {
		ErrorObject::owned(
			jsonrpsee::types::error::INVALID_PARAMS_CODE,
			format!("`{s}` is not an amount: pass a decimal string of a u128"),
			None::<()>,
		)
	})
}

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, format!("runtime API call failed: {e}"), None::<()>)
}

/// The name of a restaking pallet error, e.g. `vaults.BelowMinimumDeposit`.
fn dispatch_error_name(e: &DispatchError) -> String {
	let DispatchError::Module(m) = e else { return format!("{e:?}") };
	let index = m.index as usize;
	let bytes = &m.error[..];
	let named = |pallet: &str, name: Option<&'static str>| {
		name.map_or_else(|| format!("{pallet}.{:?}", m.error), |n| format!("{pallet}.{n}"))
	};
	if index == restake_runtime::Vaults::index() {
		named("vaults", pallet_vaults::Error::<Runtime>::decode(&mut &*bytes).ok().map(Into::into))
	} else if index == restake_runtime::Operators::index() {
		named(
			"operators",
			pallet_operators::Error::<Runtime>::decode(&mut &*bytes).ok().map(Into::into),
		)
	} else {
		format!("{e:?}")
	}
}

fn refused(e: DispatchError) -> ErrorObjectOwned {
	let name = dispatch_error_name(&e);
	let code = if name.ends_with("NotFound") { NOT_FOUND } else { REFUSED };
	ErrorObject::owned(code, name, None::<()>)
}

fn vault_not_found(vault: u32) -> ErrorObjectOwned {
	ErrorObject::owned(NOT_FOUND, format!("vaults.VaultNotFound: no vault {vault}"), None::<()>)
}

/// A vault as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultJson {
	/// The curator.
	pub curator: String,
	/// The underlying asset: `null` for the native token, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// The LRT's `pallet-assets` id.
	pub lrt: u32,
	/// Active assets.
	pub total_assets: String,
	/// LRT supply.
	pub total_shares: String,
	/// Assets queued for withdrawal.
	pub queued_assets: String,
	/// Deposit cap.
	pub deposit_cap: String,
	/// Minimum deposit.
	pub min_deposit: String,
	/// Withdrawal delay in blocks.
	pub withdrawal_delay: u32,
	/// Curator fee in parts per billion.
	pub curator_fee_ppb: u32,
	/// Whether deposits are paused.
	pub paused: bool,
	/// AVSs in the allowlist, with the block from which each applies.
	pub allowed_avs: Vec<(u32, u32)>,
}

/// A vault's exchange rate as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeRateJson {
	/// Active assets.
	pub total_assets: String,
	/// LRT supply.
	pub total_shares: String,
	/// Assets one whole LRT redeems for.
	pub assets_per_lrt: String,
}

/// A queued withdrawal as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawalJson {
	/// LRT shares burnt.
	pub shares: String,
	/// Value when requested.
	pub assets_at_request: String,
	/// What it would pay now.
	pub payable_now: String,
	/// Unlock block.
	pub unlock_at: u32,
	/// Whether it can be claimed now.
	pub claimable: bool,
}

/// An allocation as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationJson {
	/// The vault.
	pub vault: u32,
	/// The AVS.
	pub avs: u32,
	/// Stake in force.
	pub stake: String,
	/// Stake a slash could take.
	pub slashable: String,
	/// Target share (ppb) and the block from which it applies.
	pub pending: Option<(u32, u32)>,
}

/// A pending slash as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingSlashJson {
	/// The request id.
	pub id: u32,
	/// The AVS.
	pub avs: u32,
	/// The operator.
	pub operator: String,
	/// Fraction in parts per billion.
	pub fraction_ppb: u32,
	/// First block it can execute.
	pub executable_at: u32,
	/// Vaults whose withdrawals wait for it.
	pub vaults: Vec<u32>,
}

/// The `restake_*` methods.
#[rpc(server)]
pub trait RestakeApi {
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

	/// Pending slashes, optionally of one AVS and/or one operator.
	#[method(name = "restake_pendingSlashes")]
	fn pending_slashes(
		&self,
		avs: Option<u32>,
		operator: Option<AccountId>,
		at: Option<Hash>,
	) -> RpcResult<Vec<PendingSlashJson>>;
}

/// Implements [`RestakeApiServer`] over a client.
pub struct Restake<C> {
	client: Arc<C>,
}

impl<C> Restake<C> {
	/// Wraps `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> Restake<C>
where
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<Hash>) -> Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C> RestakeApiServer for Restake<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: VaultsApi<Block, AccountId, pallet_vaults::VaultOf<Runtime>, u32>
		+ OperatorsApi<
			Block,
			AccountId,
			pallet_operators::AvsOf<Runtime>,
			pallet_operators::OperatorOf<Runtime>,
			u32,
		> + SlashingApi<
			Block,
			AccountId,
			pallet_slashing::PolicyOf<Runtime>,
			pallet_slashing::RequestOf<Runtime>,
			pallet_slashing::RecordOf<Runtime>,
		>,
{
	fn vault(&self, vault: u32, at: Option<Hash>) -> RpcResult<VaultJson> {
		let v = self
			.client
			.runtime_api()
			.vault(self.at(at), vault)
			.map_err(runtime_error)?
			.ok_or_else(|| vault_not_found(vault))?;
		Ok(VaultJson {
			curator: ss58(&v.curator),
			asset_id: match v.asset {
				NativeOrWithId::Native => None,
				NativeOrWithId::WithId(id) => Some(id),
			},
			lrt: v.lrt,
			total_assets: v.total_assets.to_string(),
			total_shares: v.total_shares.to_string(),
			queued_assets: v.queued_assets.to_string(),
			deposit_cap: v.params.deposit_cap.to_string(),
			min_deposit: v.params.min_deposit.to_string(),
			withdrawal_delay: v.params.withdrawal_delay,
			curator_fee_ppb: v.params.curator_fee.deconstruct(),
			paused: v.pause.is_paused(),
			allowed_avs: v.allowed_avs.into_iter().collect(),
		})
	}

	fn exchange_rate(&self, vault: u32, at: Option<Hash>) -> RpcResult<ExchangeRateJson> {
		let r = self
			.client
			.runtime_api()
			.exchange_rate(self.at(at), vault)
			.map_err(runtime_error)?
			.ok_or_else(|| vault_not_found(vault))?;
		Ok(ExchangeRateJson {
			total_assets: r.total_assets.to_string(),
			total_shares: r.total_shares.to_string(),
			assets_per_lrt: r.assets_per_lrt.to_string(),
		})
	}

	fn preview_deposit(&self, vault: u32, assets: String, at: Option<Hash>) -> RpcResult<String> {
		let assets = amount(&assets)?;
		self.client
			.runtime_api()
			.preview_deposit(self.at(at), vault, assets)
			.map_err(runtime_error)?
			.map(|s| s.to_string())
			.map_err(refused)
	}

	fn preview_withdraw(&self, vault: u32, shares: String, at: Option<Hash>) -> RpcResult<String> {
		let shares = amount(&shares)?;
		self.client
			.runtime_api()
			.preview_withdraw(self.at(at), vault, shares)
			.map_err(runtime_error)?
			.map(|a| a.to_string())
			.map_err(refused)
	}

	fn pending_withdrawals(
		&self,
		vault: u32,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Vec<WithdrawalJson>> {
		let list = self
			.client
			.runtime_api()
			.pending_withdrawals(self.at(at), vault, who)
			.map_err(runtime_error)?;
		Ok(list
			.into_iter()
			.map(|w| WithdrawalJson {
				shares: w.shares.to_string(),
				assets_at_request: w.assets_at_request.to_string(),
				payable_now: w.payable_now.to_string(),
				unlock_at: w.unlock_at,
				claimable: w.claimable,
			})
			.collect())
	}

	fn pair_allocations(
		&self,
		operator: AccountId,
		avs: u32,
		at: Option<Hash>,
	) -> RpcResult<Vec<AllocationJson>> {
		let list = self
			.client
			.runtime_api()
			.pair_allocations(self.at(at), operator, avs)
			.map_err(runtime_error)?;
		Ok(list
			.into_iter()
			.map(|a| AllocationJson {
				vault: a.vault,
				avs: a.avs,
				stake: a.stake.to_string(),
				slashable: a.slashable.to_string(),
				pending: a.pending.map(|(share, at)| (share.deconstruct(), at)),
			})
			.collect())
	}

	fn avs_weighted_stake(&self, avs: u32, at: Option<Hash>) -> RpcResult<String> {
		let api = self.client.runtime_api();
		let hash = self.at(at);
		if api.avs(hash, avs).map_err(runtime_error)?.is_none() {
			return Err(ErrorObject::owned(
				NOT_FOUND,
				format!("operators.AvsNotFound: no AVS {avs}"),
				None::<()>,
			));
		}
		Ok(api.avs_weighted_stake(hash, avs).map_err(runtime_error)?.to_string())
	}

	fn pending_slashes(
		&self,
		avs: Option<u32>,
		operator: Option<AccountId>,
		at: Option<Hash>,
	) -> RpcResult<Vec<PendingSlashJson>> {
		let list = self
			.client
			.runtime_api()
			.pending_slashes(self.at(at), avs, operator)
			.map_err(runtime_error)?;
		Ok(list
			.into_iter()
			.map(|(id, r)| PendingSlashJson {
				id,
				avs: r.avs,
				operator: ss58(&r.operator),
				fraction_ppb: r.fraction.deconstruct(),
				executable_at: r.executable_at,
				vaults: r.vaults.into_inner(),
			})
			.collect())
	}
}
