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
use pallet_lrt2::runtime_api::Lrt2Api;
use pallet_operators::{runtime_api::OperatorsApi, OptInStatus};
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

pub(super) fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
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

/// An AVS's lifecycle as JSON (`restake_avsState`).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AvsStateJson {
	/// The owner.
	pub owner: String,
	/// The slasher in force.
	pub slasher: String,
	/// The resolver in force.
	pub resolver: Option<String>,
	/// The account the ownership is offered to.
	pub pending_owner: Option<String>,
	/// A scheduled `(slasher, resolver, effectiveAt)`.
	pub pending_roles: Option<(String, Option<String>, u32)>,
	/// When it was deregistered.
	pub deregistered_at: Option<u32>,
	/// First block its deposit can be released, if deregistered.
	pub release_at: Option<u32>,
	/// Operators still bound to it.
	pub operators: u32,
	/// Native deposit still held.
	pub deposit: String,
	/// Whether `complete_avs_deregistration` would succeed now.
	pub can_complete_deregistration: bool,
}

/// An operator's lifecycle as JSON (`restake_operatorState`).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorStateJson {
	/// Native deposit held.
	pub deposit: String,
	/// `(avs, status)`: `active`, `pending`, or `leaving` with `until`.
	pub opt_ins: Vec<OptInJson>,
	/// The block from which it can leave, if every opt-in is leaving.
	pub free_from: Option<u32>,
	/// Whether `deregister_operator` would succeed now.
	pub can_deregister: bool,
}

/// One opt-in as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptInJson {
	/// The AVS.
	pub avs: u32,
	/// `active`, `pending` or `leaving`.
	pub status: &'static str,
	/// For `leaving`: first block it is no longer slashable.
	pub until: Option<u32>,
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
	/// First block it can no longer execute (it expires; its hold ends).
	pub expires_at: u32,
	/// Vaults whose stake it captured: `[vault, amount]`. Their withdrawals maturing after
	/// the request wait for it.
	pub captured: Vec<(u32, String)>,
	/// The vaults it captured (the first element of each `captured` entry).
	pub vaults: Vec<u32>,
}

/// A settled slash (history) as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlashRecordJson {
	/// The AVS.
	pub avs: u32,
	/// The operator.
	pub operator: String,
	/// Fraction requested, in parts per billion.
	pub fraction_ppb: u32,
	/// `executed`, `vetoed`, `cancelled`, `logged`, `expired` or `voided`.
	pub outcome: &'static str,
	/// Block it was settled.
	pub settled_at: u32,
	/// Assets taken per vault: `[vault, amount]`.
	pub taken: Vec<(u32, String)>,
}

/// An LRT² ledger entry (pending reward or points) as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardJson {
	/// `avs` (holder share of AVS streams), `commission`, `vault` (vault rewards), `bounty`
	/// or `points`.
	pub source: &'static str,
	/// The AVS, vault or programme the amount comes from.
	pub id: u32,
	/// The asset: `null` for the native token (and for points), else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// Whether the asset is the native token.
	pub native: bool,
	/// The amount (or number of points).
	pub amount: String,
}

/// A reward stream as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamJson {
	/// The AVS whose stake earns it.
	pub avs: u32,
	/// The asset: `null` for the native token, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// The funder.
	pub funder: String,
	/// Amount funded.
	pub funded: String,
	/// Paid to stake so far.
	pub paid: String,
	/// Not yet paid.
	pub remaining: String,
	/// Set aside (no stake) and not yet returned.
	pub reclaimable: String,
	/// Funding block.
	pub start: u32,
	/// Last block it pays for.
	pub end: u32,
}

fn asset_fields(asset: &NativeOrWithId<u32>) -> (Option<u32>, bool) {
	match asset {
		NativeOrWithId::Native => (None, true),
		NativeOrWithId::WithId(id) => (Some(*id), false),
	}
}

fn reward_json(source: pallet_lrt2::Source<NativeOrWithId<u32>>, amount: u128) -> RewardJson {
	use pallet_lrt2::Source;
	let (source, id, asset) = match source {
		Source::Avs { avs, asset } => ("avs", avs, Some(asset)),
		Source::Commission { avs, asset } => ("commission", avs, Some(asset)),
		Source::Vault { vault, asset } => ("vault", vault, Some(asset)),
		Source::Bounty { avs, asset } => ("bounty", avs, Some(asset)),
		Source::Points { programme } => ("points", programme, None),
	};
	let (asset_id, native) = asset.as_ref().map(asset_fields).unwrap_or((None, false));
	RewardJson { source, id, asset_id, native, amount: amount.to_string() }
}

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
		> + Lrt2Api<Block, AccountId, NativeOrWithId<u32>, u32>,
{
	fn slash_record(&self, id: u32, at: Option<Hash>) -> RpcResult<SlashRecordJson> {
		use pallet_slashing::SlashOutcome;
		let r = self
			.client
			.runtime_api()
			.slash_record(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				ErrorObject::owned(
					NOT_FOUND,
					format!("slashing.SlashNotFound: no settled slash {id}"),
					None::<()>,
				)
			})?;
		Ok(SlashRecordJson {
			avs: r.avs,
			operator: ss58(&r.operator),
			fraction_ppb: r.fraction.deconstruct(),
			outcome: match r.outcome {
				SlashOutcome::Executed => "executed",
				SlashOutcome::Vetoed => "vetoed",
				SlashOutcome::Cancelled => "cancelled",
				SlashOutcome::Logged => "logged",
				SlashOutcome::Expired => "expired",
				SlashOutcome::Voided => "voided",
			},
			settled_at: r.settled_at,
			taken: r.taken.into_iter().map(|(v, a)| (v, a.to_string())).collect(),
		})
	}

	fn pending_rewards(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Vec<RewardJson>> {
		let list = self
			.client
			.runtime_api()
			.pending_rewards(self.at(at), who)
			.map_err(runtime_error)?;
		Ok(list.into_iter().map(|(source, amount)| reward_json(source, amount)).collect())
	}

	fn points(&self, who: AccountId, at: Option<Hash>) -> RpcResult<Vec<RewardJson>> {
		let list = self.client.runtime_api().points(self.at(at), who).map_err(runtime_error)?;
		Ok(list
			.into_iter()
			.map(|(programme, n)| reward_json(pallet_lrt2::Source::Points { programme }, n))
			.collect())
	}

	fn stream(&self, id: u32, at: Option<Hash>) -> RpcResult<StreamJson> {
		let status = self
			.client
			.runtime_api()
			.stream(self.at(at), id)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				ErrorObject::owned(
					NOT_FOUND,
					format!("lrt2.StreamNotFound: no stream {id}"),
					None::<()>,
				)
			})?;
		let s = status.stream;
		Ok(StreamJson {
			avs: s.avs,
			asset_id: asset_fields(&s.asset).0,
			funder: ss58(&s.funder),
			funded: s.amount.to_string(),
			paid: status.paid.to_string(),
			remaining: status.remaining.to_string(),
			reclaimable: status.reclaimable.to_string(),
			start: s.start,
			end: s.end,
		})
	}

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

	fn avs_state(&self, avs: u32, at: Option<Hash>) -> RpcResult<AvsStateJson> {
		let state = self
			.client
			.runtime_api()
			.avs_state(self.at(at), avs)
			.map_err(runtime_error)?
			.ok_or_else(|| {
			ErrorObject::owned(
				NOT_FOUND,
				format!("operators.AvsNotFound: no AVS {avs}"),
				None::<()>,
			)
		})?;
		Ok(AvsStateJson {
			owner: ss58(&state.owner),
			slasher: ss58(&state.slasher),
			resolver: state.resolver.as_ref().map(ss58),
			pending_owner: state.pending_owner.as_ref().map(ss58),
			pending_roles: state
				.pending_roles
				.map(|(slasher, resolver, at)| (ss58(&slasher), resolver.as_ref().map(ss58), at)),
			deregistered_at: state.deregistered_at,
			release_at: state.release_at,
			operators: state.operators,
			deposit: state.deposit.to_string(),
			can_complete_deregistration: state.can_complete_deregistration,
		})
	}

	fn operator_state(&self, who: AccountId, at: Option<Hash>) -> RpcResult<OperatorStateJson> {
		let state = self
			.client
			.runtime_api()
			.operator_state(self.at(at), who.clone())
			.map_err(runtime_error)?
			.ok_or_else(|| {
				ErrorObject::owned(
					NOT_FOUND,
					format!("operators.NotOperator: {} is not an operator", ss58(&who)),
					None::<()>,
				)
			})?;
		Ok(OperatorStateJson {
			deposit: state.deposit.to_string(),
			opt_ins: state
				.opt_ins
				.into_iter()
				.map(|(avs, status)| {
					let (status, until) = match status {
						OptInStatus::Active => ("active", None),
						OptInStatus::Pending => ("pending", None),
						OptInStatus::OptingOut { until } => ("leaving", Some(until)),
					};
					OptInJson { avs, status, until }
				})
				.collect(),
			free_from: state.free_from,
			can_deregister: state.can_deregister,
		})
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
				expires_at: r.expires_at,
				vaults: r.captured.iter().map(|(v, _)| *v).collect(),
				captured: r.captured.into_iter().map(|(v, a)| (v, a.to_string())).collect(),
			})
			.collect())
	}
}
