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
	sp_core::crypto::{Ss58AddressFormat, Ss58Codec},
	sp_runtime::traits::{Block as BlockT, Header as HeaderT},
};
use restake_primitives::views::{
	AvsProfile, OperatorProfile, Page, RestakeViewsApi, SlashEventKind, SlashEventView,
	VaultProfile, MAX_PROFILE_PAGE,
};
use restake_runtime::{opaque::Block, AccountId, Runtime, SS58_PREFIX};
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
	/// Follow finalized blocks instead of the best chain: every event once, never one a
	/// re-organisation takes back, a finality delay later.
	pub finalized: bool,
}

impl SlashFilter {
	/// Parses a filter: `null` or an object with only `operator` (an SS58 address of this
	/// chain), `avs`, `vault` (ids) and `finalized` (a boolean).
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
					let (account, format) = AccountId::from_ss58check_with_version(address)
						.map_err(|e| invalid(format!("`operator` is not an address: {e:?}")))?;
					if format != Ss58AddressFormat::custom(SS58_PREFIX) {
						return Err(invalid(format!(
							"`operator` is an address of another network (SS58 format {}, this \
							 chain's is {SS58_PREFIX})",
							u16::from(format)
						)));
					}
					filter.operator = Some(account);
				},
				"avs" => filter.avs = Some(id(key, value)?),
				"vault" => filter.vault = Some(id(key, value)?),
				"finalized" => {
					filter.finalized = value.as_bool().ok_or_else(|| {
						invalid(format!("`finalized` must be true or false, got `{value}`"))
					})?
				},
				other => {
					return Err(invalid(format!(
						"unknown field `{other}` (expected `operator`, `avs`, `vault`, `finalized`)"
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
	/// voided) as its block joins the best chain (after a re-organisation, the new branch's
	/// blocks in order: an event may come again from another block, or have been in a block
	/// that left the chain: key events by `id` and `kind`, or pass `finalized: true` to hear
	/// only finalized blocks, each event once), optionally filtered by `operator`, `avs` or
	/// `vault`. An expiry is an event only when `expire_slash` records it.
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
		// One runtime API instance per block: an instance refuses calls at another block.
		let mut events = self.client.runtime_api().slash_events(hash).map_err(|e| e.to_string())?;
		let api = self.client.runtime_api();
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
		// The blocks to read, batch by batch: each new best block, after the blocks a
		// re-organisation enacted before it; or each finalized block, after those it finalized
		// implicitly.
		let mut batches: std::pin::Pin<Box<dyn futures::Stream<Item = Vec<Hash>> + Send>> =
			if filter.finalized {
				Box::pin(
					self.client.finality_notification_stream().map(|n| {
						n.tree_route.iter().copied().chain(std::iter::once(n.hash)).collect()
					}),
				)
			} else {
				Box::pin(self.client.import_notification_stream().filter_map(|n| {
					let enacted = n
						.tree_route
						.as_ref()
						.map(|route| route.enacted().iter().map(|b| b.hash).collect::<Vec<_>>())
						.unwrap_or_default();
					futures::future::ready(
						n.is_new_best
							.then(|| enacted.into_iter().chain(std::iter::once(n.hash)).collect()),
					)
				}))
			};
		let sink = pending.accept().await?;
		let closed = sink.closed();
		futures::pin_mut!(closed);
		// Until the subscriber leaves (or the node stops).
		while let Either::Left((Some(batch), _)) =
			futures::future::select(batches.next(), closed.as_mut()).await
		{
			let mut events = Vec::new();
			for hash in batch {
				let Ok(Some(header)) = self.client.header(hash) else { continue };
				match self.slash_notifications(hash, *header.number(), *header.parent_hash()) {
					Ok(found) => events.extend(found),
					Err(e) => log::warn!(target: "restake-rpc", "slash feed: block {hash}: {e}"),
				}
			}
			for event in events.into_iter().filter(|n| filter.matches(&n.event)) {
				if sink.send(SubscriptionMessage::from_json(&event)?).await.is_err() {
					return Ok(());
				}
			}
		}
		Ok(())
	}
}
