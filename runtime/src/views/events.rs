//! The slashing events of a block, with the AVS, operator and vaults each concerns: what the
//! node's `restake_subscribeSlashes` pushes to subscribers.
//!
//! Reads the block's events (off-chain use: `read_events_no_consensus`) and, for events that
//! carry only a request id, the request's settled record.

use crate::{AccountId, Runtime, RuntimeEvent, System};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use pallet_slashing::Event as SlashingEvent;
use restake_primitives::views::{SlashEventKind, SlashEventView, VaultAmount};

/// This block's slashing events, in order. A request settled in the block it was made in
/// (an instant or log-only policy, a veto in the same block) names the vaults it captured.
pub fn slash_events() -> Vec<SlashEventView<AccountId>> {
	let mut events: Vec<SlashEventView<AccountId>> = System::read_events_no_consensus()
		.filter_map(|record| match record.event {
			RuntimeEvent::Slashing(event) => view(event),
			_ => None,
		})
		.collect();
	let captured: BTreeMap<u32, Vec<VaultAmount>> = events
		.iter()
		.filter(|e| e.kind == SlashEventKind::Requested)
		.map(|e| (e.id, e.vaults.clone()))
		.collect();
	for event in events.iter_mut().filter(|e| e.vaults.is_empty()) {
		if let Some(vaults) = captured.get(&event.id) {
			event.vaults = vaults.clone();
		}
	}
	events
}

/// One slashing event as a view (`None` for events that are not about a request's fate).
fn view(event: SlashingEvent<Runtime>) -> Option<SlashEventView<AccountId>> {
	let settled = |kind, id| {
		let record = pallet_slashing::SlashHistory::<Runtime>::get(id)?;
		Some(SlashEventView {
			kind,
			id,
			avs: record.avs,
			operator: record.operator,
			fraction_ppb: record.fraction.deconstruct(),
			vaults: Vec::new(),
		})
	};
	match event {
		SlashingEvent::SlashRequested { id, avs, operator, fraction, captured, .. } => {
			Some(SlashEventView {
				kind: SlashEventKind::Requested,
				id,
				avs,
				operator,
				fraction_ppb: fraction.deconstruct(),
				vaults: VaultAmount::list(captured),
			})
		},
		SlashingEvent::SlashExecuted { id, avs, operator, taken } => Some(SlashEventView {
			kind: SlashEventKind::Executed,
			id,
			avs,
			operator,
			fraction_ppb: pallet_slashing::SlashHistory::<Runtime>::get(id)
				.map_or(0, |r| r.fraction.deconstruct()),
			vaults: VaultAmount::list(taken),
		}),
		SlashingEvent::SlashVetoed { id } => settled(SlashEventKind::Vetoed, id),
		SlashingEvent::SlashCancelled { id } => settled(SlashEventKind::Cancelled, id),
		SlashingEvent::SlashLogged { id } => settled(SlashEventKind::Logged, id),
		SlashingEvent::SlashExpired { id } => settled(SlashEventKind::Expired, id),
		SlashingEvent::SlashVoided { id } => settled(SlashEventKind::Voided, id),
		_ => None,
	}
}
