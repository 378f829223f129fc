//! The reference model: what the events of a sequence say happened — per-vault flows, burns,
//! mints, dust lost, and what each slash request captured — built step by step, against which
//! the checks compare the chain's state. Reading the events also checks each executed slash.

use crate::{configs::restaking::LRT_ASSET_ID_OFFSET, Runtime, RuntimeEvent, System};
use pallet_vaults::VaultFlows;
use polkadot_sdk::{pallet_assets, pallet_balances, sp_runtime::Perbill};
use restake_primitives::VaultId;
use std::collections::BTreeMap;

/// Per-vault flows as the events reported them.
#[derive(Default)]
pub(super) struct Observed {
	pub(super) flows: BTreeMap<VaultId, VaultFlows>,
	/// Underlying burned by slashes, per asset id (`None`: native).
	pub(super) burned: BTreeMap<Option<u32>, u128>,
	/// Underlying minted, per asset id (must stay zero).
	pub(super) minted: BTreeMap<Option<u32>, u128>,
	/// Native dust burned when an account fell below the existential deposit.
	pub(super) dust_lost: BTreeMap<Option<u32>, u128>,
	/// What each slash request captured (vault, stake, the vault's `touched` count at the
	/// request), and its fraction.
	pub(super) captured: BTreeMap<u32, (Vec<(VaultId, u128, u64)>, Perbill)>,
	/// Per vault, how many events so far could have lowered its stake below a capture: slashes
	/// and withdrawal claims.
	pub(super) touched: BTreeMap<VaultId, u64>,
	/// Executed slash takes checked to be exactly the fraction of the capture (the vault was
	/// untouched since the request).
	pub(super) exact_takes: u64,
	/// Executed slashes that took less than their fraction of a captured vault (another slash
	/// had taken the rest first).
	pub(super) bounded_takes: u64,
}

/// Reads the step's events into `seen`, then clears them. Checks every executed slash: it took
/// only from vaults its request captured, and from each at most its fraction of the captured
/// stake (rounded up), never stake that arrived later.
pub(super) fn observe(seen: &mut Observed) -> Result<(), String> {
	use pallet_slashing::Event as SE;
	use pallet_vaults::Event as VE;
	for record in System::read_events_no_consensus() {
		match record.event {
			// Nobody takes a pair's slot with less than `MinAllocation` behind it (within a
			// step nothing lowers a vault's active assets after an allocation).
			RuntimeEvent::Operators(pallet_operators::Event::AllocationScheduled {
				vault,
				magnitude,
				..
			}) if magnitude > 0 => {
				let active =
					pallet_vaults::Vaults::<Runtime>::get(vault).map_or(0, |v| v.total_assets);
				let max = pallet_operators::VaultMagnitudes::<Runtime>::get(vault).max;
				let stake = polkadot_sdk::sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
					active,
					magnitude,
					max.max(1),
					polkadot_sdk::sp_arithmetic::per_things::Rounding::Down,
				)
				.unwrap_or(active);
				let min = <Runtime as pallet_operators::Config>::MinAllocation::get();
				if stake < min {
					return Err(format!(
						"vault {vault} took a pair slot with {stake} < MinAllocation {min}"
					));
				}
			},
			RuntimeEvent::Slashing(SE::SlashRequested { id, fraction, captured, .. }) => {
				let captured = captured
					.into_inner()
					.into_iter()
					.map(|(v, stake)| (v, stake, seen.touched.get(&v).copied().unwrap_or(0)))
					.collect();
				seen.captured.insert(id, (captured, fraction));
			},
			RuntimeEvent::Slashing(SE::SlashExecuted { id, taken, .. }) => {
				let (captured, fraction) =
					seen.captured.get(&id).ok_or(format!("slash {id} executed unrequested"))?;
				for (vault, _) in taken.iter() {
					if !captured.iter().any(|(v, ..)| v == vault) {
						return Err(format!("slash {id} took from vault {vault}, not captured"));
					}
				}
				// Governance's global cap applies at execution too.
				let fraction =
					(*fraction).min(pallet_slashing::GlobalMaxFraction::<Runtime>::get());
				for (vault, stake, touched_then) in captured.iter().copied() {
					let amount = taken.iter().find(|(v, _)| *v == vault).map_or(0, |(_, a)| *a);
					let due = fraction.mul_ceil(stake);
					if amount > due {
						return Err(format!(
							"slash {id} took {amount} from vault {vault}: above {fraction:?} of the {stake} captured"
						));
					}
					// Untouched since the request except by this slash's own take: nothing can
					// have lowered the stake, so the take is exactly the fraction of the capture.
					let own = u64::from(amount > 0);
					let touched_now = seen.touched.get(&vault).copied().unwrap_or(0);
					if touched_now == touched_then + own {
						if amount != due {
							return Err(format!(
								"slash {id} took {amount} from untouched vault {vault}: {fraction:?} of the {stake} captured is {due}"
							));
						}
						seen.exact_takes += 1;
					} else if amount.saturating_add(2) < due {
						seen.bounded_takes += 1;
					}
				}
			},
			RuntimeEvent::Vaults(VE::EscrowReturned { vault, amount }) => {
				seen.flows.entry(vault).or_default().slashed -= amount
			},
			RuntimeEvent::Vaults(VE::Deposited { vault, assets, .. }) => {
				seen.flows.entry(vault).or_default().deposited += assets
			},
			RuntimeEvent::Vaults(VE::RewardsAdded { vault, assets, .. }) => {
				seen.flows.entry(vault).or_default().rewarded += assets
			},
			RuntimeEvent::Vaults(VE::WithdrawalsClaimed { vault, assets, .. }) => {
				*seen.touched.entry(vault).or_default() += 1;
				seen.flows.entry(vault).or_default().withdrawn += assets
			},
			RuntimeEvent::Vaults(VE::VaultSlashed { vault, from_active, from_queued }) => {
				*seen.touched.entry(vault).or_default() += 1;
				seen.flows.entry(vault).or_default().slashed += from_active + from_queued
			},
			RuntimeEvent::Balances(pallet_balances::Event::Burned { amount, .. }) => {
				*seen.burned.entry(None).or_default() += amount
			},
			// An account its owner emptied below the existential deposit (a deposit or a
			// funding may take a whole balance): `pallet-balances` burns the remainder.
			RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
				*seen.dust_lost.entry(None).or_default() += amount
			},
			RuntimeEvent::Balances(pallet_balances::Event::Minted { amount, .. }) => {
				*seen.minted.entry(None).or_default() += amount
			},
			RuntimeEvent::Assets(pallet_assets::Event::Burned { asset_id, balance, .. })
				if asset_id < LRT_ASSET_ID_OFFSET =>
			{
				*seen.burned.entry(Some(asset_id)).or_default() += balance
			},
			RuntimeEvent::Assets(pallet_assets::Event::Issued { asset_id, amount, .. })
				if asset_id < LRT_ASSET_ID_OFFSET =>
			{
				*seen.minted.entry(Some(asset_id)).or_default() += amount
			},
			_ => {},
		}
	}
	System::reset_events();
	Ok(())
}
