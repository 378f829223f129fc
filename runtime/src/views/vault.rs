//! A vault's profile: what it stands to lose to each (operator, AVS) pair it backs, what it
//! earns and from whom, and the slashes pending against it and settled against its operators.
//!
//! Reads the vault, its allocations (bounded by `MaxAllocationsPerVault`), its ledger pairs
//! (`MaxPairsPerVault`), the running streams and programmes of those AVSs (bounded per AVS),
//! its vault rewards (per listed reward asset), its holds (`MaxHoldsPerVault`) and the
//! retained slash history.

use super::common::{
	apr_ppb, asset_id, mul_div, now, pending_views, per_lrt, policy_view, slash_summary,
	worst_losses, YEAR,
};
use crate::{AccountId, AssetId, Runtime, DAYS};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::traits::{fungible::NativeOrWithId, Get};
use polkadot_sdk::*;
use restake_primitives::{
	traits::StakeInspect,
	views::{
		Amount, ExposureView, Page, PointsRateView, RewardKind, RewardRateView, ScheduledRate,
		ScheduledStake, Text, VaultProfile, MAX_PROFILE_PAGE,
	},
	AvsId, VaultId,
};

type AssetKind = NativeOrWithId<AssetId>;

/// The profile of `vault`, if it exists.
pub fn vault_profile(vault: VaultId) -> Option<VaultProfile<AccountId>> {
	use frame_support::traits::fungibles::metadata::Inspect as _;
	let info = pallet_vaults::Vaults::<Runtime>::get(vault)?;
	// With the rewards released up to now.
	let rate = crate::Vaults::exchange_rate(vault)?;
	let now = now();
	let decimals = crate::Assets::decimals(info.lrt);
	let shares = rate.total_shares;

	let ledger_pairs = pallet_lrt2::VaultPairs::<Runtime>::get(vault);
	let mut exposures = Vec::new();
	let (mut worst_incident, mut worst_epoch) = (0u128, 0u128);
	let max_magnitude = pallet_operators::VaultMagnitudes::<Runtime>::get(vault).max;
	for ((operator, avs), allocation) in
		pallet_operators::Allocations::<Runtime>::iter_prefix((vault,))
	{
		let stake = crate::Operators::allocated_stake(vault, &operator, avs);
		let slashable = <crate::Operators as StakeInspect<AccountId, u128>>::slashable_allocation(
			vault, &operator, avs,
		);
		let policy = crate::Slashing::policy_in_force(avs).map(|p| policy_view(&p));
		let (incident, epoch) = worst_losses(policy.as_ref(), slashable);
		worst_incident = worst_incident.saturating_add(incident);
		worst_epoch = worst_epoch.saturating_add(epoch);
		let weight = ledger_pairs
			.iter()
			.find(|p| p.operator == operator && p.avs == avs)
			.map_or(0, |p| p.weight);
		let pending = allocation.pending.filter(|p| p.effective_at > now).map(|p| ScheduledStake {
			stake: Amount(mul_div(rate.total_assets, p.target.min(max_magnitude), max_magnitude)),
			from: p.effective_at,
		});
		exposures.push(ExposureView {
			commission_ppb: crate::Operators::commission_of(&operator)
				.unwrap_or_default()
				.deconstruct(),
			operator,
			avs,
			stake: Amount(stake),
			slashable: Amount(slashable),
			pending,
			weight: Amount(weight),
			policy,
			worst_loss_per_incident: Amount(incident),
			worst_loss_per_epoch: Amount(epoch),
		});
	}
	// Unique stake: each pair's loss comes out of the same assets, at most all of them.
	let at_stake = rate.total_assets.saturating_add(info.queued_assets);

	let reward_rates = reward_rates(vault, &info.asset, rate.total_assets, shares, decimals);
	let points_rates = points_rates(vault, shares, decimals);

	let operators: Vec<AccountId> = exposures.iter().map(|e| e.operator.clone()).collect();
	let holds = pallet_slashing::VaultHolds::<Runtime>::get(vault);
	Some(VaultProfile {
		vault,
		asset_id: asset_id(&info.asset),
		lrt: info.lrt,
		lrt_decimals: decimals,
		total_assets: Amount(rate.total_assets),
		total_shares: Amount(shares),
		queued_assets: Amount(info.queued_assets),
		assets_per_lrt: Amount(rate.assets_per_lrt),
		curator_fee_ppb: info.params.curator_fee.deconstruct(),
		pending_curator_fee: info
			.pending_fee
			.filter(|(_, from)| *from > now)
			.map(|(fee, from)| ScheduledRate { ppb: fee.deconstruct(), from }),
		withdrawal_delay: info.params.withdrawal_delay,
		paused: info.pause.is_paused(),
		curator: info.curator,
		exposures,
		worst_loss_per_incident: Amount(worst_incident.min(at_stake)),
		worst_loss_per_epoch: Amount(worst_epoch.min(at_stake)),
		reward_rates,
		points_rates,
		pending_slashes: pending_views(holds.into_iter().map(|hold| hold.id)),
		operators_slash_record: slash_summary(|r| operators.contains(&r.operator)),
	})
}

/// What `stream` pays in the next block: the exact step of its linear schedule.
fn stream_step(stream: &pallet_lrt2::StreamOf<Runtime>, now: u32) -> u128 {
	stream.due_at(now.saturating_add(1)).saturating_sub(stream.due_at(now))
}

/// What each source pays the vault's holders per block now: each AVS's running streams at
/// the vault's share of the AVS's ledger weight, after the commission the pair accrues at;
/// the vault rewards being released; the compounding rewards being released into the
/// exchange rate.
fn reward_rates(
	vault: VaultId,
	vault_asset: &AssetKind,
	total_assets: u128,
	shares: u128,
	decimals: u8,
) -> Vec<RewardRateView> {
	let now = now();
	let mut per_source: BTreeMap<(u8, Option<AvsId>, AssetKind), u128> = BTreeMap::new();
	for pair in pallet_lrt2::VaultPairs::<Runtime>::get(vault) {
		let total_weight = pallet_lrt2::AvsWeights::<Runtime>::get(pair.avs);
		if pair.weight == 0 || total_weight == 0 {
			continue;
		}
		for id in pallet_lrt2::ActiveStreams::<Runtime>::get(pair.avs) {
			let Some(stream) = pallet_lrt2::Streams::<Runtime>::get(id) else { continue };
			let to_pair = mul_div(stream_step(&stream, now), pair.weight, total_weight);
			let to_holders = to_pair.saturating_sub(pair.commission.mul_floor(to_pair));
			let entry = per_source.entry((0, Some(pair.avs), stream.asset.clone())).or_default();
			*entry = entry.saturating_add(to_holders);
		}
	}
	let drip_step = |drip: &restake_primitives::drip::Drip<u32>| {
		drip.due_at(now.max(drip.last).saturating_add(1))
			.saturating_sub(drip.due_at(now.max(drip.last)))
	};
	for (asset, drip) in pallet_lrt2::VaultDrips::<Runtime>::iter_prefix(vault)
		.take(<<Runtime as pallet_lrt2::Config>::MaxRewardAssets as Get<u32>>::get() as usize)
	{
		per_source.insert((1, None, asset), drip_step(&drip));
	}
	if let Some(drip) = pallet_vaults::CompoundDrips::<Runtime>::get(vault) {
		per_source.insert((2, None, vault_asset.clone()), drip_step(&drip));
	}
	per_source
		.into_iter()
		.filter(|(_, per_block)| *per_block > 0)
		.map(|((kind, avs, asset), per_block)| RewardRateView {
			kind: match kind {
				0 => RewardKind::Avs,
				1 => RewardKind::Vault,
				_ => RewardKind::Compound,
			},
			avs,
			asset_id: asset_id(&asset),
			per_block: Amount(per_block),
			per_lrt_per_day: per_lrt(per_block, DAYS, decimals, shares),
			per_lrt_per_year: per_lrt(per_block, YEAR, decimals, shares),
			apr_ppb: (asset == *vault_asset).then(|| apr_ppb(per_block, total_assets)),
		})
		.collect()
}

/// Points each programme credits the vault's holders per block now: the vault's own
/// programmes on the stake they count, each AVS programme on the pair's ledger weight.
fn points_rates(vault: VaultId, shares: u128, decimals: u8) -> Vec<PointsRateView> {
	let now = now();
	let next = now.saturating_add(1);
	let mut per_programme: BTreeMap<u32, u128> = BTreeMap::new();
	let stake = pallet_lrt2::VaultPointsStake::<Runtime>::get(vault).unwrap_or_else(|| {
		<crate::Vaults as restake_primitives::traits::VaultInspect<AccountId, u128>>::active_assets(
			vault,
		)
	});
	for id in pallet_lrt2::VaultProgrammes::<Runtime>::get(vault) {
		if let Some(p) = pallet_lrt2::Programmes::<Runtime>::get(id) {
			*per_programme.entry(id).or_default() += p.points(stake, now, next);
		}
	}
	for pair in pallet_lrt2::VaultPairs::<Runtime>::get(vault) {
		for id in pallet_lrt2::AvsProgrammes::<Runtime>::get(pair.avs) {
			if let Some(p) = pallet_lrt2::Programmes::<Runtime>::get(id) {
				let entry = per_programme.entry(id).or_default();
				*entry = entry.saturating_add(p.points(pair.weight, now, next));
			}
		}
	}
	per_programme
		.into_iter()
		.filter(|(_, per_block)| *per_block > 0)
		.filter_map(|(id, per_block)| {
			let programme = pallet_lrt2::Programmes::<Runtime>::get(id)?;
			Some(PointsRateView {
				programme: id,
				name: Text(programme.name.into_inner()),
				per_block: Amount(per_block),
				per_lrt_per_day: per_lrt(per_block, DAYS, decimals, shares),
			})
		})
		.collect()
}

/// Vault profiles from id `from` on (ids without a vault skipped), at most `limit` (capped at
/// `MAX_PROFILE_PAGE`), and the id the next page starts from.
pub fn vault_profiles(from: VaultId, limit: u32) -> Page<VaultProfile<AccountId>, VaultId> {
	let limit = limit.clamp(1, MAX_PROFILE_PAGE) as usize;
	let end = pallet_vaults::NextVaultId::<Runtime>::get();
	let mut ids = (from..end).filter(|id| pallet_vaults::Vaults::<Runtime>::contains_key(id));
	let items: Vec<_> = ids.by_ref().take(limit).filter_map(vault_profile).collect();
	Page { items, next: ids.next() }
}
