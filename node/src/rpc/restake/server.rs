//! [`Restake`]: the `restake_*` methods implemented over the restaking runtime APIs at the
//! requested block (default: the best block).

use super::{
	errors::{amount, avs_not_found, refused, runtime_error, vault_not_found, NOT_FOUND},
	json::{
		asset_fields, reward_json, ss58, AllocationJson, AvsStateJson, ExchangeRateJson,
		OperatorStateJson, OptInJson, PendingSlashJson, RewardJson, SlashRecordJson, StreamJson,
		VaultJson, WithdrawalJson,
	},
	Hash, RestakeApiServer,
};
use jsonrpsee::{core::RpcResult, types::ErrorObject};
use pallet_lrt2::runtime_api::Lrt2Api;
use pallet_operators::{runtime_api::OperatorsApi, OptInStatus};
use pallet_slashing::runtime_api::SlashingApi;
use pallet_vaults::runtime_api::VaultsApi;
use polkadot_sdk::{
	frame_support::traits::fungible::NativeOrWithId, sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
};
use restake_runtime::{opaque::Block, AccountId, Runtime};
use std::sync::Arc;

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
			return Err(avs_not_found(avs));
		}
		Ok(api.avs_weighted_stake(hash, avs).map_err(runtime_error)?.to_string())
	}

	fn avs_state(&self, avs: u32, at: Option<Hash>) -> RpcResult<AvsStateJson> {
		let state = self
			.client
			.runtime_api()
			.avs_state(self.at(at), avs)
			.map_err(runtime_error)?
			.ok_or_else(|| avs_not_found(avs))?;
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
