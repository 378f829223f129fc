//! The slash feed behind `restake_subscribeSlashes`: one producer per node reads each new best
//! block's (or each finalized block's) slashing events once, on a blocking thread, and
//! broadcasts them; each subscription only filters what it receives. A subscriber that falls
//! [`FEED_CAPACITY`] blocks behind is dropped (its subscription ends) rather than buffered.

use futures::StreamExt;
use jsonrpsee::types::{ErrorObject, ErrorObjectOwned};
use pallet_slashing::runtime_api::SlashingApi;
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sc_service::SpawnTaskHandle,
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::crypto::{Ss58AddressFormat, Ss58Codec},
	sp_runtime::traits::{Block as BlockT, Header as HeaderT},
};
use restake_primitives::views::{RestakeViewsApi, SlashEventKind, SlashEventView, VaultAmount};
use restake_runtime::{opaque::Block, AccountId, Runtime, SS58_PREFIX};
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::broadcast;

/// Error code: the subscription filter is malformed (the message says how).
pub const INVALID_FILTER: i32 = 8004;
/// Blocks' worth of events a subscriber may have unread before it is dropped.
pub const FEED_CAPACITY: usize = 256;

type Hash = <Block as BlockT>::Hash;

/// The events of one block (or of the blocks one notification brought), in order.
pub type Batch = Arc<Vec<SlashNotification>>;

/// What `restake_subscribeSlashes` pushes: one slashing event and its block.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlashNotification {
	/// The block's number.
	pub block_number: u32,
	/// The block's hash.
	pub block_hash: Hash,
	/// `true`: the block left the best chain in a re-organisation, and this event with it —
	/// undo the notification with the same `blockHash`, `id` and `kind` (slash ids are per
	/// branch). Never set with `finalized: true`.
	pub retracted: bool,
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

/// The runtime APIs the feed reads: a block's slashing events, and a parent block's pending
/// requests (for the vaults of a request settled later).
pub trait FeedApi:
	RestakeViewsApi<Block, AccountId>
	+ SlashingApi<
		Block,
		AccountId,
		pallet_slashing::PolicyOf<Runtime>,
		pallet_slashing::RequestOf<Runtime>,
		pallet_slashing::RecordOf<Runtime>,
	>
{
}

impl<T> FeedApi for T where
	T: RestakeViewsApi<Block, AccountId>
		+ SlashingApi<
			Block,
			AccountId,
			pallet_slashing::PolicyOf<Runtime>,
			pallet_slashing::RequestOf<Runtime>,
			pallet_slashing::RecordOf<Runtime>,
		>
{
}

/// The node's two slash feeds: the best chain's and the finalized chain's.
pub struct SlashFeed {
	best: broadcast::Sender<Batch>,
	finalized: broadcast::Sender<Batch>,
}

impl SlashFeed {
	/// Starts the producers: each reads blocks only while someone listens.
	pub fn spawn<C>(spawner: &SpawnTaskHandle, client: Arc<C>) -> Arc<Self>
	where
		C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
		C: Send + Sync + 'static,
		C::Api: FeedApi,
	{
		let feed = Arc::new(Self {
			best: broadcast::channel(FEED_CAPACITY).0,
			finalized: broadcast::channel(FEED_CAPACITY).0,
		});
		// Each new best block, after the blocks a re-organisation enacted before it.
		let (best, best_client) = (feed.best.clone(), client.clone());
		spawner.spawn_blocking("restake-slash-feed", Some("rpc"), async move {
			let mut imports = best_client.import_notification_stream();
			while let Some(n) = imports.next().await {
				if !n.is_new_best || best.receiver_count() == 0 {
					continue;
				}
				// A re-organisation first takes back the left branch's events (newest first),
				// then brings the new branch's in order.
				let (retracted, enacted) =
					n.tree_route.as_ref().map_or_else(Default::default, |r| {
						(r.retracted().to_vec(), r.enacted().to_vec())
					});
				let blocks = retracted
					.into_iter()
					.map(|b| (b.hash, true))
					.chain(enacted.into_iter().map(|b| (b.hash, false)))
					.chain(std::iter::once((n.hash, false)));
				publish(&*best_client, &best, blocks);
			}
		});
		// Each finalized block, after those it finalized implicitly.
		let finalized = feed.finalized.clone();
		spawner.spawn_blocking("restake-slash-feed-finalized", Some("rpc"), async move {
			let mut finality = client.finality_notification_stream();
			while let Some(n) = finality.next().await {
				if finalized.receiver_count() == 0 {
					continue;
				}
				let blocks =
					n.tree_route.iter().copied().chain(std::iter::once(n.hash)).map(|h| (h, false));
				publish(&*client, &finalized, blocks);
			}
		});
		feed
	}

	/// A receiver of the finalized feed, or of the best chain's.
	pub fn subscribe(&self, finalized: bool) -> broadcast::Receiver<Batch> {
		if finalized {
			self.finalized.subscribe()
		} else {
			self.best.subscribe()
		}
	}
}

/// Reads `blocks`' slashing events (of a block that left the chain: `retracted`) and sends
/// them, if any, as one batch.
fn publish<C>(
	client: &C,
	sender: &broadcast::Sender<Batch>,
	blocks: impl Iterator<Item = (Hash, bool)>,
) where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: FeedApi,
{
	let mut events = Vec::new();
	for (hash, retracted) in blocks {
		match block_notifications(client, hash) {
			// Undone newest first.
			Ok(found) if retracted => events.extend(
				found.into_iter().rev().map(|n| SlashNotification { retracted: true, ..n }),
			),
			Ok(found) => events.extend(found),
			Err(e) => log::warn!(target: "restake-rpc", "slash feed: block {hash}: {e}"),
		}
	}
	if !events.is_empty() {
		// Nobody listening between the check and now: nothing lost that anyone wanted.
		let _ = sender.send(Arc::new(events));
	}
}

/// The slashing events of block `hash`, with the vaults of those that name only a request
/// settled in a later block (vetoed, expired, …) read from the request at the parent block.
fn block_notifications<C>(client: &C, hash: Hash) -> Result<Vec<SlashNotification>, String>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: FeedApi,
{
	let header = client
		.header(hash)
		.map_err(|e| e.to_string())?
		.ok_or_else(|| "header not found".to_string())?;
	let (number, parent) = (*header.number(), *header.parent_hash());
	// One runtime API instance per block: an instance refuses calls at another block.
	let mut events = client.runtime_api().slash_events(hash).map_err(|e| e.to_string())?;
	let api = client.runtime_api();
	for event in events.iter_mut() {
		if event.vaults.is_empty()
			&& !matches!(event.kind, SlashEventKind::Requested | SlashEventKind::Executed)
		{
			let pending = api
				.pending_slashes(parent, Some(event.avs), Some(event.operator.clone()))
				.map_err(|e| e.to_string())?;
			if let Some((_, request)) = pending.into_iter().find(|(id, _)| *id == event.id) {
				event.vaults = VaultAmount::list(request.captured);
			}
		}
	}
	Ok(events
		.into_iter()
		.map(|event| SlashNotification {
			block_number: number,
			block_hash: hash,
			retracted: false,
			event,
		})
		.collect())
}
