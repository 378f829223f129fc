//! What the node's Prometheus gauges read at each imported block.
//!
//! Reads at most `MAX_MONITORED_VAULTS` vaults (the first in storage order: a chain with more
//! shows a sample), the pending requests (bounded per AVS), the
//! running streams (bounded per AVS) and the ledger's totals (one per reward asset).

use super::common::asset_id;
use crate::{AccountId, Runtime};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::traits::fungibles::Inspect;
use polkadot_sdk::*;
use restake_primitives::views::{
	LedgerGauge, MonitorSnapshot, StreamGauge, VaultGauge, MAX_MONITORED_VAULTS,
};

/// The gauges at this block.
pub fn monitor() -> MonitorSnapshot<AccountId> {
	// The vaults that exist (in storage order, not over the ids destroyed vaults left).
	let mut vaults: Vec<VaultGauge> = pallet_vaults::Vaults::<Runtime>::iter_keys()
		.take(MAX_MONITORED_VAULTS as usize)
		.filter_map(|vault| {
			crate::Vaults::exchange_rate(vault).map(|rate| VaultGauge {
				vault,
				total_assets: rate.total_assets,
				total_shares: rate.total_shares,
				assets_per_lrt: rate.assets_per_lrt,
			})
		})
		.collect();
	vaults.sort_by_key(|v| v.vault);

	let pending_by_avs = pallet_slashing::AvsRequests::<Runtime>::iter()
		.filter(|(_, ids)| !ids.is_empty())
		.map(|(avs, ids)| (avs, ids.len() as u32))
		.collect();
	let mut by_operator: BTreeMap<AccountId, u32> = BTreeMap::new();
	for (operator, _, _) in pallet_slashing::OperatorRequests::<Runtime>::iter() {
		*by_operator.entry(operator).or_default() += 1;
	}

	let mut streams = Vec::new();
	for (avs, ids) in pallet_lrt2::ActiveStreams::<Runtime>::iter() {
		for id in ids {
			if let Some(status) = crate::Lrt2::stream_status(id) {
				streams.push(StreamGauge {
					id,
					avs,
					asset_id: asset_id(&status.stream.asset),
					remaining: status.remaining,
				});
			}
		}
	}
	streams.sort_by_key(|s| s.id);

	let ledger_account = pallet_lrt2::Pallet::<Runtime>::account_id();
	let ledger = pallet_lrt2::Totals::<Runtime>::iter()
		.map(|(asset, totals)| LedgerGauge {
			asset_id: asset_id(&asset),
			held: <Runtime as pallet_lrt2::Config>::Assets::balance(asset, &ledger_account),
			outstanding: totals.funded.saturating_sub(totals.paid_out),
		})
		.collect();

	MonitorSnapshot {
		vaults,
		pending_by_avs,
		pending_by_operator: by_operator.into_iter().collect(),
		streams,
		ledger,
	}
}
