//! The risk and yield `restake_*` JSON-RPC methods (the `RestakeViewsApi` runtime API), and
//! `restake_subscribeSlashes`, which pushes every slashing event as its block is imported.
//!
//! - Profiles: `restake_vaultProfile`, `restake_operatorProfile`, `restake_avsProfile` return
//!   `null` for an unknown id.
//! - Market pages: `restake_vaultProfiles`, `restake_avsProfiles`, `restake_operatorProfiles`
//!   take a start key and a limit of 1 to [`MAX_PROFILE_PAGE`] (default: the maximum); any
//!   other limit is refused with [`INVALID_LIMIT`].
//! - The subscription takes an optional filter `{ operator?, avs?, vault? }` (all given must
//!   match); anything else is refused with [`INVALID_FILTER`].
//!
//! JSON as the runtime types serialise (`restake_primitives::views`): camelCase fields,
//! amounts as decimal strings, accounts in SS58, fractions in parts per billion.

use super::restake::runtime_error;
use futures::{future::Either, StreamExt};
use jsonrpsee::{
	core::{RpcResult, SubscriptionResult},
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink, SubscriptionMessage,
};
use pallet_slashing::runtime_api::SlashingApi;
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::crypto::Ss58Codec,
	sp_runtime::traits::{Block as BlockT, Header as HeaderT},
};
use restake_primitives::views::{
	AvsProfile, OperatorProfile, Page, RestakeViewsApi, SlashEventKind, SlashEventView,
	VaultProfile, MAX_PROFILE_PAGE,
};
use restake_runtime::{opaque::Block, AccountId, Runtime};
use serde::Serialize;
use std::sync::Arc;

/// Error code: a market page's limit is 0 or above [`MAX_PROFILE_PAGE`].
pub const INVALID_LIMIT: i32 = 8003;
/// Error code: the subscription filter is malformed (the message says how).
pub const INVALID_FILTER: i32 = 8004;

type Hash = <Block as BlockT>::Hash;

/// What `restake_subscribeSlashes` pushes: one slashing event and its block.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlashNotification {
	/// The block's number.
	pub block_number: u32,
	/// The block's hash.
	pub block_hash: Hash,
	/// The event.
	#[serde(flatten)]
	pub event: SlashEventView<AccountId>,
}

/// Which slashing events a subscriber wants: all the given fields must match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlashFilter {
	/// Only events about this operator.
	pub operator: Option<AccountId>,
	/// Only events of this AVS.
	pub avs: Option<u32>,
	/// Only events that captured or took stake of this vault.
	pub vault: Option<u32>,
}

impl SlashFilter {
	/// Parses a filter: `null` or an object with only `operator` (SS58), `avs`, `vault`.
	pub fn parse(value: Option<serde_json::Value>) -> Result<Self, ErrorObjectOwned> {
		let invalid = |why: String| {
			ErrorObject::owned(INVALID_FILTER, format!("InvalidFilter: {why}"), None::<()>)
		};
		let object = match value {
			None | Some(serde_json::Value::Null) => return Ok(Self::default()),
			Some(serde_json::Value::Object(object)) => object,
			Some(other) => return Err(invalid(format!("expected an object, got `{other}`"))),
		};
		let id = |key: &str, value: &serde_json::Value| {
			value
				.as_u64()
				.and_then(|n| u32::try_from(n).ok())
				.ok_or_else(|| invalid(format!("`{key}` must be an id (u32), got `{value}`")))
		};
		let mut filter = Self::default();
		for (key, value) in &object {
			match key.as_str() {
				"operator" => {
					let address = value.as_str().ok_or_else(|| {
						invalid(format!("`operator` must be an SS58 address, got `{value}`"))
					})?;
					filter.operator = Some(AccountId::from_ss58check(address).map_err(|e| {
						invalid(format!("`operator` is not an address of this chain: {e:?}"))
					})?);
				},
				"avs" => filter.avs = Some(id(key, value)?),
				"vault" => filter.vault = Some(id(key, value)?),
				other => {
					return Err(invalid(format!(
						"unknown field `{other}` (expected `operator`, `avs`, `vault`)"
					)))
				},
			}
		}
		Ok(filter)
	}

	/// Whether `event` passes.
	pub fn matches(&self, event: &SlashEventView<AccountId>) -> bool {
		self.operator.as_ref().is_none_or(|o| *o == event.operator)
			&& self.avs.is_none_or(|a| a == event.avs)
			&& self.vault.is_none_or(|v| event.vaults.iter().any(|x| x.vault == v))
	}
}

/// The risk and yield methods.
#[rpc(server)]
pub trait ViewsRpc {
	/// A vault's risk and yield (`null` if it does not exist).
	#[method(name = "restake_vaultProfile")]
	fn vault_profile(
		&self,
		vault: u32,
		at: Option<Hash>,
	) -> RpcResult<Option<VaultProfile<AccountId>>>;

	/// An operator's stake, commission and slash record (`null` if not registered).
	#[method(name = "restake_operatorProfile")]
	fn operator_profile(
		&self,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<OperatorProfile<AccountId>>>;

	/// An AVS's stake, concentration, policy, streams and slash record (`null` if not
	/// registered).
	#[method(name = "restake_avsProfile")]
	fn avs_profile(&self, avs: u32, at: Option<Hash>) -> RpcResult<Option<AvsProfile<AccountId>>>;

	/// Vault profiles from id `from` (default 0), at most `limit` (1 to 16, default 16).
	#[method(name = "restake_vaultProfiles")]
	fn vault_profiles(
		&self,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<VaultProfile<AccountId>, u32>>;

	/// AVS profiles from id `from` (default 0), at most `limit` (1 to 16, default 16).
	#[method(name = "restake_avsProfiles")]
	fn avs_profiles(
		&self,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<AvsProfile<AccountId>, u32>>;

	/// Operator profiles in storage order from `from` (default: the first), at most `limit`
	/// (1 to 16, default 16).
	#[method(name = "restake_operatorProfiles")]
	fn operator_profiles(
		&self,
		from: Option<AccountId>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<OperatorProfile<AccountId>, AccountId>>;

	/// Pushes each slashing event (requested, vetoed, cancelled, executed, logged, expired,
	/// voided) as its block is imported as the new best, optionally filtered by `operator`,
	/// `avs` or `vault`.
	#[subscription(
		name = "restake_subscribeSlashes" => "restake_slashEvent",
		unsubscribe = "restake_unsubscribeSlashes",
		item = SlashNotification
	)]
	async fn subscribe_slashes(&self, filter: Option<serde_json::Value>) -> SubscriptionResult;
}

/// Serves [`ViewsRpcServer`].
pub struct Views<C> {
	client: Arc<C>,
}

impl<C> Views<C> {
	/// Wraps `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

fn limit(limit: Option<u32>) -> RpcResult<u32> {
	match limit.unwrap_or(MAX_PROFILE_PAGE) {
		n @ 1..=MAX_PROFILE_PAGE => Ok(n),
		n => Err(ErrorObject::owned(
			INVALID_LIMIT,
			format!("InvalidLimit: a page holds 1 to {MAX_PROFILE_PAGE} profiles, not {n}"),
			None::<()>,
		)),
	}
}

impl<C> Views<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: RestakeViewsApi<Block, AccountId>
		+ SlashingApi<
			Block,
			AccountId,
			pallet_slashing::PolicyOf<Runtime>,
			pallet_slashing::RequestOf<Runtime>,
			pallet_slashing::RecordOf<Runtime>,
		>,
{
	fn at(&self, at: Option<Hash>) -> Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}

	/// The slashing events of block `hash`, with the vaults of those that name only a request
	/// (vetoed, expired, …) read from the request at the parent block.
	fn slash_notifications(
		&self,
		hash: Hash,
		number: u32,
		parent: Hash,
	) -> Result<Vec<SlashNotification>, String> {
		let api = self.client.runtime_api();
		let mut events = api.slash_events(hash).map_err(|e| e.to_string())?;
		for event in events.iter_mut() {
			if event.vaults.is_empty()
				&& !matches!(event.kind, SlashEventKind::Requested | SlashEventKind::Executed)
			{
				let pending = api
					.pending_slashes(parent, Some(event.avs), Some(event.operator.clone()))
					.map_err(|e| e.to_string())?;
				if let Some((_, request)) = pending.into_iter().find(|(id, _)| *id == event.id) {
					event.vaults = restake_primitives::views::VaultAmount::list(request.captured);
				}
			}
		}
		Ok(events
			.into_iter()
			.map(|event| SlashNotification { block_number: number, block_hash: hash, event })
			.collect())
	}
}

#[jsonrpsee::core::async_trait]
impl<C> ViewsRpcServer for Views<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: RestakeViewsApi<Block, AccountId>
		+ SlashingApi<
			Block,
			AccountId,
			pallet_slashing::PolicyOf<Runtime>,
			pallet_slashing::RequestOf<Runtime>,
			pallet_slashing::RecordOf<Runtime>,
		>,
{
	fn vault_profile(
		&self,
		vault: u32,
		at: Option<Hash>,
	) -> RpcResult<Option<VaultProfile<AccountId>>> {
		self.client
			.runtime_api()
			.vault_profile(self.at(at), vault)
			.map_err(runtime_error)
	}

	fn operator_profile(
		&self,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<OperatorProfile<AccountId>>> {
		self.client
			.runtime_api()
			.operator_profile(self.at(at), who)
			.map_err(runtime_error)
	}

	fn avs_profile(&self, avs: u32, at: Option<Hash>) -> RpcResult<Option<AvsProfile<AccountId>>> {
		self.client.runtime_api().avs_profile(self.at(at), avs).map_err(runtime_error)
	}

	fn vault_profiles(
		&self,
		from: Option<u32>,
		max: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<VaultProfile<AccountId>, u32>> {
		let max = limit(max)?;
		self.client
			.runtime_api()
			.vault_profiles(self.at(at), from.unwrap_or(0), max)
			.map_err(runtime_error)
	}

	fn avs_profiles(
		&self,
		from: Option<u32>,
		max: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<AvsProfile<AccountId>, u32>> {
		let max = limit(max)?;
		self.client
			.runtime_api()
			.avs_profiles(self.at(at), from.unwrap_or(0), max)
			.map_err(runtime_error)
	}

	fn operator_profiles(
		&self,
		from: Option<AccountId>,
		max: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<Page<OperatorProfile<AccountId>, AccountId>> {
		let max = limit(max)?;
		self.client
			.runtime_api()
			.operator_profiles(self.at(at), from, max)
			.map_err(runtime_error)
	}

	async fn subscribe_slashes(
		&self,
		pending: PendingSubscriptionSink,
		filter: Option<serde_json::Value>,
	) -> SubscriptionResult {
		let filter = match SlashFilter::parse(filter) {
			Ok(filter) => filter,
			Err(e) => {
				pending.reject(e).await;
				return Ok(());
			},
		};
		let mut imports = self.client.import_notification_stream();
		let sink = pending.accept().await?;
		let closed = sink.closed();
		futures::pin_mut!(closed);
		loop {
			let notification = match futures::future::select(imports.next(), closed.as_mut()).await
			{
				Either::Left((Some(notification), _)) => notification,
				Either::Left((None, _)) | Either::Right(_) => break,
			};
			if !notification.is_new_best {
				continue;
			}
			let header = &notification.header;
			let events = match self.slash_notifications(
				notification.hash,
				*header.number(),
				*header.parent_hash(),
			) {
				Ok(events) => events,
				Err(e) => {
					log::warn!(target: "restake-rpc", "slash feed: block {}: {e}", notification.hash);
					continue;
				},
			};
			for event in events.into_iter().filter(|n| filter.matches(&n.event)) {
				if sink.send(SubscriptionMessage::from_json(&event)?).await.is_err() {
					return Ok(());
				}
			}
		}
		Ok(())
	}
}
