//! The checks: after every step (nothing bricked, holds bounded, retired LRT² sources exact,
//! every pallet's `try_state`, the LRT² ledger balanced) and at the end of a sequence (each
//! vault's flows and holdings, the issuance of every underlying asset, LRT² dust bounded).

use super::{
	draw::{account, balance_of, Asset, Rng, ACTORS},
	model::Observed,
	stats::Stats,
};
use crate::{
	configs::restaking::NativeAndAssets, tests::fixtures::create_vault, AccountId,
	AllPalletsWithSystem, Runtime, RuntimeOrigin, System,
};
use pallet_lrt2::Source;
use pallet_vaults::VaultFlows;
use polkadot_sdk::{
	frame_support::traits::{
		fungible::NativeOrWithId, fungibles::Inspect, TryState, TryStateSelect,
	},
	pallet_assets,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::DispatchError,
};
use restake_primitives::VaultId;
use std::collections::BTreeMap;

/// Most rounding dust the LRT² ledger may leave per asset at the end of a sequence.
const MAX_DUST: u128 = 1_000;

/// What an attacker must never achieve, checked after every step: LRT supply drifting from
/// the vault's shares, vault creation blocked, or a holder's claim failing with anything but
/// `NothingToClaim` (one actor per step, rolled back; every actor at the end).
pub(super) fn check_nothing_bricked(rng: &mut Rng) -> Result<(), String> {
	for (id, vault) in pallet_vaults::Vaults::<Runtime>::iter() {
		let supply = pallet_assets::Pallet::<Runtime>::total_issuance(vault.lrt);
		if supply != vault.total_shares {
			return Err(format!(
				"vault {id}: LRT supply {supply} ≠ total shares {}",
				vault.total_shares
			));
		}
	}
	let outcome = polkadot_sdk::frame_support::storage::with_storage_layer(
		|| -> Result<(), DispatchError> {
			let creation = create_vault(K::Alice, NativeOrWithId::Native, 20, b"probe", b"p", 12);
			let claimer = account(rng.pick(&ACTORS));
			let claim = pallet_lrt2::Pallet::<Runtime>::claim(RuntimeOrigin::signed(claimer));
			// Always roll back: the probes must not change the sequence.
			Err(DispatchError::Other(match (creation, claim) {
				(Err(e), _) => Box::leak(format!("vault creation blocked: {e:?}").into_boxed_str()),
				(_, Err(e)) if e.error != pallet_lrt2::Error::<Runtime>::NothingToClaim.into() => {
					Box::leak(format!("a claim failed: {:?}", e.error).into_boxed_str())
				},
				_ => "ok",
			}))
		},
	);
	match outcome {
		Err(DispatchError::Other("ok")) => Ok(()),
		Err(DispatchError::Other(e)) => Err(e.to_string()),
		other => Err(format!("probe: {other:?}")),
	}
}

/// No claim or exit waits longer than a veto window plus the execution deadline for a
/// request: a hold older than that is over, whether or not anyone cleaned it up.
pub(super) fn check_holds_are_bounded() -> Result<(), String> {
	use polkadot_sdk::frame_support::traits::Get;
	use restake_primitives::traits::SlashHolds;
	let bound = <crate::configs::restaking::MaxVetoWindow as Get<u32>>::get()
		+ <crate::configs::restaking::SlashExecutionDeadline as Get<u32>>::get();
	let now = System::block_number();
	for vault in pallet_vaults::Vaults::<Runtime>::iter_keys() {
		if let Some(since) = <crate::Slashing as SlashHolds<_, _>>::vault_held_since(vault) {
			if since + bound <= now {
				return Err(format!("vault {vault} still held by a request of block {since}"));
			}
		}
	}
	Ok(())
}

/// A retired LRT² source waits for exactly the LRT that held it when it retired and has not
/// been settled since: the balances of the holders last settled before it (iterating the
/// holders here is what the ledger avoids with its O(1) count).
pub(super) fn check_retired_sources() -> Result<u64, String> {
	let mut checked = 0;
	for (vault, retired) in pallet_lrt2::Retired::<Runtime>::iter() {
		let Some(lrt) = pallet_vaults::Vaults::<Runtime>::get(vault).map(|v| v.lrt) else {
			return Err(format!("vault {vault} is gone but has retired sources"));
		};
		for entry in &retired.entries {
			let waiting: u128 = pallet_assets::Account::<Runtime>::iter_prefix(lrt)
				.filter(|(who, _)| {
					pallet_lrt2::HolderEpochs::<Runtime>::get(vault, who) < entry.epoch
				})
				.map(|(_, account)| account.balance)
				.sum();
			if waiting != entry.unsettled {
				return Err(format!(
					"vault {vault}: {:?} waits for {} LRT, holders not settled since hold {waiting}",
					entry.source, entry.unsettled
				));
			}
			checked += 1;
		}
	}
	Ok(checked)
}

/// The underlying assets of the dev chain: native and the three LSTs.
pub(super) fn underlying_assets() -> [Asset; 4] {
	[
		NativeOrWithId::Native,
		NativeOrWithId::WithId(1),
		NativeOrWithId::WithId(2),
		NativeOrWithId::WithId(3),
	]
}

/// The total issuance of `asset`.
pub(super) fn total_issuance(asset: &Asset) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::total_issuance(asset.clone())
}

/// Every pallet's `try_state`, named, so a failure says whose invariant broke.
pub(super) fn try_state() -> Result<(), String> {
	fn check<P: TryState<u32>>(name: &str) -> Result<(), String> {
		P::try_state(System::block_number(), TryStateSelect::All)
			.map_err(|e| format!("{name} try_state: {e:?}"))
	}
	check::<crate::System>("System")?;
	check::<crate::Balances>("Balances")?;
	check::<crate::Assets>("Assets")?;
	check::<crate::Vaults>("Vaults")?;
	check::<crate::Operators>("Operators")?;
	check::<crate::Slashing>("Slashing")?;
	check::<crate::Lrt2>("Lrt2")?;
	// And the rest, through the runtime's own list.
	AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
		.map_err(|e| format!("try_state: {e:?}"))
}

/// Assets in = out + held + slashed, per vault, from the events and the vault accounts.
pub(super) fn check_vaults(
	at_start: &BTreeMap<VaultId, VaultFlows>,
	seen: &Observed,
	stats: &mut Stats,
) -> Result<(), String> {
	for (id, vault) in pallet_vaults::Vaults::<Runtime>::iter() {
		let start = at_start.get(&id).copied().unwrap_or_default();
		let events = seen.flows.get(&id).copied().unwrap_or_default();
		let moved = VaultFlows {
			deposited: vault.flows.deposited - start.deposited,
			rewarded: vault.flows.rewarded - start.rewarded,
			withdrawn: vault.flows.withdrawn - start.withdrawn,
			slashed: vault.flows.slashed - start.slashed,
		};
		if moved != events {
			return Err(format!("vault {id}: flows moved by {moved:?}, events say {events:?}"));
		}
		let held =
			balance_of(vault.asset.clone(), &pallet_vaults::Pallet::<Runtime>::vault_account(id));
		// Slashed funds not yet burnt or paid stay in the vault's account as escrow.
		let escrowed = pallet_vaults::Escrowed::<Runtime>::get(id);
		// Rewards not yet released into the exchange rate are in the account too.
		let unreleased =
			pallet_vaults::CompoundDrips::<Runtime>::get(id).map_or(0, |d| d.remaining);
		let accounted =
			vault.seed + vault.total_assets + vault.queued_assets + escrowed + unreleased;
		if held != accounted {
			return Err(format!("vault {id}: account holds {held}, accounts for {accounted}"));
		}
		stats.invariant_checks += 2;
	}
	Ok(())
}

/// No underlying asset was minted, and the supply fell by exactly what was burned, which
/// slashes alone burn.
pub(super) fn check_issuance(
	at_start: &[u128],
	seen: &Observed,
	stats: &mut Stats,
) -> Result<(), String> {
	let slashed: u128 = seen.flows.values().map(|f| f.slashed).sum();
	let burned: u128 = seen.burned.values().sum();
	if burned > slashed {
		return Err(format!("burned {burned} but slashed only {slashed}"));
	}
	for (asset, start) in underlying_assets().iter().zip(at_start) {
		let key = match asset {
			NativeOrWithId::Native => None,
			NativeOrWithId::WithId(id) => Some(*id),
		};
		if seen.minted.get(&key).copied().unwrap_or_default() != 0 {
			return Err(format!("{asset:?} was minted"));
		}
		let now = total_issuance(asset);
		let expected = start
			- seen.burned.get(&key).copied().unwrap_or_default()
			- seen.dust_lost.get(&key).copied().unwrap_or_default();
		if now != expected {
			return Err(format!("{asset:?}: issuance {now}, expected {expected}"));
		}
		stats.invariant_checks += 2;
	}
	stats.invariant_checks += 1;
	Ok(())
}

/// Per reward asset: funded = paid out + claimable + remaining + unallocated + open bounties
/// + still dripping + what the pools record (credited to nobody yet, or rounding dust), and
/// the ledger account holds exactly funded − paid out. Once everything is `settled`, what the
/// pools record is rounding dust only, and bounded.
pub(super) fn check_rewards(stats: &mut Stats, settled: bool) -> Result<(), String> {
	let ledger = pallet_lrt2::Pallet::<Runtime>::account_id();
	for (asset, totals) in pallet_lrt2::Totals::<Runtime>::iter() {
		let of = |a: &Asset| a == &asset;
		let claimable: u128 = pallet_lrt2::Earned::<Runtime>::iter()
			.filter(|(_, source, _)| source_asset(source).is_some_and(of))
			.map(|(_, _, amount)| amount)
			.sum();
		let (mut remaining, mut unallocated) = (0u128, 0u128);
		for stream in pallet_lrt2::Streams::<Runtime>::iter_values().filter(|s| of(&s.asset)) {
			remaining += stream.remaining();
			unallocated += stream.unallocated - stream.refunded;
		}
		let bounties: u128 = pallet_lrt2::Bounties::<Runtime>::iter_values()
			.filter(|b| of(&b.asset))
			.map(|b| b.amount)
			.sum();
		// Vault rewards still being released to holders.
		let dripping: u128 = pallet_lrt2::VaultDrips::<Runtime>::iter()
			.filter(|(_, a, _)| of(a))
			.map(|(_, _, d)| d.remaining)
			.sum();
		let avs_dust: u128 = pallet_lrt2::AvsPools::<Runtime>::iter()
			.filter(|(_, a, _)| of(a))
			.map(|(_, _, p)| p.distributed - p.credited)
			.sum();
		// Retired pools too: owed to LRT not settled from them yet, then rounding dust.
		let vault_dust: u128 = pallet_lrt2::VaultPools::<Runtime>::iter()
			.filter(|(_, source, _)| source_asset(source).is_some_and(of))
			.map(|(_, _, p)| p.credited - p.settled)
			.sum::<u128>()
			+ pallet_lrt2::Pallet::<Runtime>::retired_unsettled(&asset);
		let accounted = totals.paid_out + claimable + remaining + unallocated + bounties + dripping;
		// Never more out than in; what is left over is rounding dust, every unit of it
		// recorded by a pool (seed 1795551141714772464 once found 52 units that were not: a
		// vault without shares could not take its pairs' rewards).
		if accounted > totals.funded {
			return Err(format!(
				"{asset:?}: funded {} < paid {} + claimable {claimable} + remaining {remaining} + unallocated {unallocated} + bounties {bounties} + dripping {dripping}",
				totals.funded, totals.paid_out
			));
		}
		let dust = totals.funded - accounted;
		if dust != avs_dust + vault_dust {
			return Err(format!(
				"{asset:?}: {dust} left over, the pools record {avs_dust} + {vault_dust} as dust"
			));
		}
		if std::env::var("RESTAKE_RANDOM_DUST").is_ok() {
			for (avs, a, p) in pallet_lrt2::AvsPools::<Runtime>::iter().filter(|(_, a, _)| of(a)) {
				println!(
					"AVS pool {avs} {a:?}: distributed {} credited {}",
					p.distributed, p.credited
				);
			}
			for (id, v) in pallet_vaults::Vaults::<Runtime>::iter() {
				println!(
					"vault {id}: assets {} shares {} queued {}",
					v.total_assets, v.total_shares, v.queued_assets
				);
			}
			for (v, source, p) in pallet_lrt2::VaultPools::<Runtime>::iter() {
				println!(
					"vault pool {v} {source:?}: credited {} settled {}",
					p.credited, p.settled
				);
			}
		}
		if settled {
			if dust > MAX_DUST {
				return Err(format!("{asset:?}: {dust} left as dust, above {MAX_DUST}"));
			}
			stats.max_lrt2_dust = stats.max_lrt2_dust.max(dust);
		}
		let held = balance_of(asset.clone(), &ledger);
		// The ledger's permanent seed: the asset's minimum balance.
		let floor = <NativeAndAssets as Inspect<AccountId>>::minimum_balance(asset.clone());
		if held != totals.funded - totals.paid_out + floor {
			return Err(format!(
				"{asset:?}: the ledger holds {held}, owes {}",
				totals.funded - totals.paid_out
			));
		}
		stats.invariant_checks += 2;
	}
	Ok(())
}

/// The asset a reward source pays in (`None`: points).
fn source_asset(source: &Source<Asset>) -> Option<&Asset> {
	match source {
		Source::Avs { asset, .. }
		| Source::Commission { asset, .. }
		| Source::Vault { asset, .. }
		| Source::Bounty { asset, .. } => Some(asset),
		Source::Points { .. } => None,
	}
}
