//! Restaking gauges for Prometheus (`--prometheus-port`, `/metrics`), updated at every block
//! imported as the new best from the runtime's `RestakeViewsApi::monitor`:
//!
//! | gauge | labels | what |
//! |---|---|---|
//! | `restake_vault_total_assets` | `vault` | active assets (smallest units) |
//! | `restake_vault_total_shares` | `vault` | LRT supply (shares) |
//! | `restake_vault_assets_per_lrt` | `vault` | assets one whole LRT redeems for |
//! | `restake_pending_slashes_by_avs` | `avs` | pending slash requests of the AVS |
//! | `restake_pending_slashes_by_operator` | `operator` | pending requests against it (the 64 operators with the most) |
//! | `restake_pending_slashes` | | all pending slash requests |
//! | `restake_streams_remaining` | `asset` | not yet paid out of the running reward streams |
//! | `restake_streams_running` | `asset` | running reward streams |
//! | `restake_ledger_solvency_margin` | `asset` | held by the LRT² ledger minus outstanding |
//! | `restake_ledger_solvent` | `asset` | 1 if the ledger holds what it owes, else 0 |
//! | `restake_monitor_block` | | the block the gauges were read at |
//!
//! Amounts are raw (smallest units) as floating point: exact to 2^53, then rounded. An alert
//! on `restake_ledger_solvent == 0` or `restake_pending_slashes_by_operator > 0` is what an
//! operator wires first. Labelled gauges are cleared before each update, so a vault, stream
//! or pending request that is gone disappears. Labels stay few whatever users create: vaults
//! (at most 256 reported), AVSs with pending requests, operators capped at 64, streams summed
//! per reward asset.
//!
//! The runtime call runs on a blocking thread, at the latest new best block only: a node
//! importing faster than it reads skips the blocks in between.

use futures::{FutureExt, StreamExt};
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::crypto::{Ss58AddressFormat, Ss58Codec},
	sp_runtime::traits::{Block as BlockT, Header as HeaderT},
	substrate_prometheus_endpoint::{
		register, Gauge, GaugeVec, Opts, PrometheusError, Registry, F64, U64,
	},
};
use restake_primitives::views::{MonitorSnapshot, RestakeViewsApi};
use restake_runtime::{opaque::Block, AccountId, SS58_PREFIX};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The most operators `restake_pending_slashes_by_operator` shows (those with the most).
const MAX_OPERATOR_SERIES: usize = 64;

/// An asset as a label: `native` or its `pallet-assets` id.
fn asset_label(asset_id: Option<u32>) -> String {
	asset_id.map_or_else(|| "native".to_string(), |id| id.to_string())
}

/// The restaking gauges.
pub struct Gauges {
	vault_total_assets: GaugeVec<F64>,
	vault_total_shares: GaugeVec<F64>,
	vault_assets_per_lrt: GaugeVec<F64>,
	pending_by_avs: GaugeVec<F64>,
	pending_by_operator: GaugeVec<F64>,
	streams_remaining: GaugeVec<F64>,
	streams_running: GaugeVec<F64>,
	pending: Gauge<U64>,
	ledger_margin: GaugeVec<F64>,
	ledger_solvent: GaugeVec<F64>,
	block: Gauge<U64>,
}

impl Gauges {
	/// Registers the gauges in `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		let vec = |name: &str, help: &str, labels: &[&str]| {
			register(GaugeVec::new(Opts::new(name, help), labels)?, registry)
		};
		Ok(Self {
			vault_total_assets: vec(
				"restake_vault_total_assets",
				"Active assets of a vault, in the asset's smallest units",
				&["vault"],
			)?,
			vault_total_shares: vec(
				"restake_vault_total_shares",
				"LRT supply of a vault, in shares",
				&["vault"],
			)?,
			vault_assets_per_lrt: vec(
				"restake_vault_assets_per_lrt",
				"Assets one whole LRT of a vault redeems for (its exchange rate)",
				&["vault"],
			)?,
			pending_by_avs: vec(
				"restake_pending_slashes_by_avs",
				"Pending slash requests of an AVS",
				&["avs"],
			)?,
			pending_by_operator: vec(
				"restake_pending_slashes_by_operator",
				"Pending slash requests against an operator",
				&["operator"],
			)?,
			streams_remaining: vec(
				"restake_streams_remaining",
				"Not yet paid out of the running reward streams, per asset",
				&["asset"],
			)?,
			streams_running: vec(
				"restake_streams_running",
				"Running reward streams, per asset",
				&["asset"],
			)?,
			pending: register(
				Gauge::new("restake_pending_slashes", "All pending slash requests")?,
				registry,
			)?,
			ledger_margin: vec(
				"restake_ledger_solvency_margin",
				"What the LRT² ledger holds minus what it must hold, per reward asset",
				&["asset"],
			)?,
			ledger_solvent: vec(
				"restake_ledger_solvent",
				"1 if the LRT² ledger holds what it owes in the asset, else 0",
				&["asset"],
			)?,
			block: register(
				Gauge::new("restake_monitor_block", "The block the restaking gauges were read at")?,
				registry,
			)?,
		})
	}

	/// Shows `snapshot`, read at block `number`.
	pub fn show(&self, snapshot: &MonitorSnapshot<AccountId>, number: u64) {
		for gauge in [
			&self.vault_total_assets,
			&self.vault_total_shares,
			&self.vault_assets_per_lrt,
			&self.pending_by_avs,
			&self.pending_by_operator,
			&self.streams_remaining,
			&self.streams_running,
			&self.ledger_margin,
			&self.ledger_solvent,
		] {
			gauge.reset();
		}
		for v in &snapshot.vaults {
			let vault = v.vault.to_string();
			self.vault_total_assets.with_label_values(&[&vault]).set(v.total_assets as f64);
			self.vault_total_shares.with_label_values(&[&vault]).set(v.total_shares as f64);
			self.vault_assets_per_lrt
				.with_label_values(&[&vault])
				.set(v.assets_per_lrt as f64);
		}
		for (avs, n) in &snapshot.pending_by_avs {
			self.pending_by_avs.with_label_values(&[&avs.to_string()]).set(f64::from(*n));
		}
		self.pending
			.set(snapshot.pending_by_avs.iter().map(|(_, n)| u64::from(*n)).sum::<u64>());
		let mut by_operator: Vec<_> = snapshot.pending_by_operator.iter().collect();
		by_operator.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
		for (operator, n) in by_operator.into_iter().take(MAX_OPERATOR_SERIES) {
			let address =
				operator.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX));
			self.pending_by_operator.with_label_values(&[&address]).set(f64::from(*n));
		}
		let mut streams: BTreeMap<String, (f64, f64)> = BTreeMap::new();
		for s in &snapshot.streams {
			let entry = streams.entry(asset_label(s.asset_id)).or_default();
			entry.0 += s.remaining as f64;
			entry.1 += 1.0;
		}
		for (asset, (remaining, running)) in streams {
			self.streams_remaining.with_label_values(&[&asset]).set(remaining);
			self.streams_running.with_label_values(&[&asset]).set(running);
		}
		for l in &snapshot.ledger {
			let asset = asset_label(l.asset_id);
			// Subtracted exactly before the conversion: two 10^21 amounts as floats would lose
			// a small margin entirely.
			let margin = if l.held >= l.outstanding {
				(l.held - l.outstanding) as f64
			} else {
				-((l.outstanding - l.held) as f64)
			};
			self.ledger_margin.with_label_values(&[&asset]).set(margin);
			self.ledger_solvent
				.with_label_values(&[&asset])
				.set(if l.held >= l.outstanding { 1.0 } else { 0.0 });
		}
		self.block.set(number);
	}
}

/// Registers the gauges and keeps them up to date from every new best block (nothing without
/// a Prometheus registry, i.e. with `--no-prometheus`).
pub fn spawn<C>(
	spawner: &polkadot_sdk::sc_service::SpawnTaskHandle,
	client: Arc<C>,
	registry: Option<&Registry>,
) -> Result<(), PrometheusError>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: RestakeViewsApi<Block, AccountId>,
{
	let Some(registry) = registry else { return Ok(()) };
	let gauges = Gauges::register(registry)?;
	// Runtime calls block: a thread of their own, not the async executor's.
	spawner.spawn_blocking("restake-monitor", Some("restake"), async move {
		let update =
			|hash: <Block as BlockT>::Hash, number: u32| match client.runtime_api().monitor(hash) {
				Ok(snapshot) => gauges.show(&snapshot, number.into()),
				Err(e) => log::debug!(target: "restake-monitor", "block {hash}: {e}"),
			};
		let mut imports = client.import_notification_stream();
		let info = client.info();
		update(info.best_hash, info.best_number);
		while let Some(mut latest) = imports.next().await {
			// Only the newest best block counts: skip those imported while the last update ran.
			while let Some(Some(next)) = imports.next().now_or_never() {
				if next.is_new_best {
					latest = next;
				}
			}
			if latest.is_new_best {
				update(latest.hash, *latest.header.number());
			}
		}
	});
	Ok(())
}
