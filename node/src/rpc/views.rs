//! The risk and yield `restake_*` JSON-RPC methods (the `RestakeViewsApi` runtime API), and
//! `restake_subscribeSlashes`, which pushes every slashing event as its block is imported.
//!
//! - Profiles: `restake_vaultProfile`, `restake_operatorProfile`, `restake_avsProfile` return
//!   `null` for an unknown id.
//! - Market pages: `restake_vaultProfiles`, `restake_avsProfiles`, `restake_operatorProfiles`
//!   take a start key and a limit of 1 to [`MAX_PROFILE_PAGE`] (default: the maximum); any
//!   other limit is refused with [`INVALID_LIMIT`].
//! - The subscription takes an optional filter `{ operator?, avs?, vault? }` (all given must
//!   match); anything else is refused with [`INVALID_FILTER`](super::slash_feed::INVALID_FILTER).
//!
//! JSON as the runtime types serialise (`restake_primitives::views`): camelCase fields,
//! amounts as decimal strings, accounts in SS58, fractions in parts per billion.

use super::{
	restake::runtime_error,
	slash_feed::{SlashFeed, SlashFilter},
};
use futures::future::Either;
use jsonrpsee::{
	core::{RpcResult, SubscriptionResult},
	proc_macros::rpc,
	types::ErrorObject,
	PendingSubscriptionSink, SubscriptionMessage,
};
use polkadot_sdk::{
	sp_api::ProvideRuntimeApi, sp_blockchain::HeaderBackend, sp_runtime::traits::Block as BlockT,
};
use restake_primitives::views::{
	AvsProfile, OperatorProfile, Page, RestakeViewsApi, VaultProfile, MAX_PROFILE_PAGE,
};
use restake_runtime::{opaque::Block, AccountId};
use std::sync::Arc;

/// Error code: a market page's limit is 0 or above [`MAX_PROFILE_PAGE`].
pub const INVALID_LIMIT: i32 = 8003;

type Hash = <Block as BlockT>::Hash;

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
	/// voided) as its block joins the best chain, optionally filtered by `operator`, `avs` or
	/// `vault`. After a re-organisation, the left branch's events come back with `retracted:
	/// true` (undo the one with the same `blockHash`, `id` and `kind`: slash ids are per
	/// branch), then the new branch's. With `finalized: true`, only finalized blocks: each
	/// event once, never retracted, a finality delay later. An expiry is an event only when
	/// `expire_slash` records it. A subscriber 256 blocks of events behind is dropped.
	#[subscription(
		name = "restake_subscribeSlashes" => "restake_slashEvent",
		unsubscribe = "restake_unsubscribeSlashes",
		item = super::slash_feed::SlashNotification
	)]
	async fn subscribe_slashes(&self, filter: Option<serde_json::Value>) -> SubscriptionResult;
}

/// Serves [`ViewsRpcServer`].
pub struct Views<C> {
	client: Arc<C>,
	feed: Arc<SlashFeed>,
}

impl<C> Views<C> {
	/// Serves the views from `client`'s state and the slashes from `feed`.
	pub fn new(client: Arc<C>, feed: Arc<SlashFeed>) -> Self {
		Self { client, feed }
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
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<Hash>) -> Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

#[jsonrpsee::core::async_trait]
impl<C> ViewsRpcServer for Views<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RestakeViewsApi<Block, AccountId>,
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
		let mut batches = self.feed.subscribe(filter.finalized);
		let sink = pending.accept().await?;
		let closed = sink.closed();
		futures::pin_mut!(closed);
		// Until the subscriber leaves, falls too far behind, or the node stops.
		while let Either::Left((Ok(batch), _)) =
			futures::future::select(Box::pin(batches.recv()), closed.as_mut()).await
		{
			for event in batch.iter().filter(|n| filter.matches(&n.event)) {
				if sink.send(SubscriptionMessage::from_json(event)?).await.is_err() {
					return Ok(());
				}
			}
		}
		Ok(())
	}
}
