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
		Amount, ExposureView, Page, PointsRateView, RewardKind, RewardRateView, ScheduledPolicy,
		ScheduledRate, ScheduledStake, Text, VaultProfile, MAX_PAGE_SCAN, MAX_PROFILE_PAGE,
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
	let mut worst = [0u128; 4];
	let max_magnitude = pallet_operators::VaultMagnitudes::<Runtime>::get(vault).max;
	for ((operator, avs), allocation) in
		pallet_operators::Allocations::<Runtime>::iter_prefix((vault,))
	{
		let stake = crate::Operators::allocated_stake(vault, &operator, avs);
		let slashable = <crate::Operators as StakeInspect<AccountId, u128>>::slashable_allocation(
			vault, &operator, avs,
		);
		let policy = crate::Slashing::policy_in_force(avs).map(|p| policy_view(&p));
		let pending_policy = pallet_slashing::PendingPolicies::<Runtime>::get(avs)
			.filter(|p| p.applies_from > now)
			.map(|p| ScheduledPolicy { policy: policy_view(&p.policy), from: p.applies_from });
		let pending = allocation.pending.filter(|p| p.effective_at > now).map(|p| ScheduledStake {
			stake: Amount(mul_div(rate.total_assets, p.target.min(max_magnitude), max_magnitude)),
			from: p.effective_at,
		});
		let (incident, epoch) = worst_losses(policy.as_ref(), slashable);
		// Once the scheduled changes apply, each when it does: the worst at every point where
		// one takes effect (a riskier policy may apply while a decrease is still slashable).
		let policy_at = |block: u32| match &pending_policy {
			Some(p) if p.from <= block => Some(&p.policy),
			_ => policy.as_ref(),
		};
		let stake_at = |block: u32| match pending {
			Some(p) if p.from <= block => p.stake.0,
			_ => slashable,
		};
		let scheduled = pending_policy
			.as_ref()
			.map(|p| p.from)
			.into_iter()
			.chain(pending.map(|p| p.from))
			.map(|block| worst_losses(policy_at(block), stake_at(block)))
			.fold((incident, epoch), |(i, e), (a, b)| (i.max(a), e.max(b)));
		for (total, loss) in worst.iter_mut().zip([incident, epoch, scheduled.0, scheduled.1]) {
			*total = total.saturating_add(loss);
		}
		let weight = ledger_pairs
			.iter()
			.find(|p| p.operator == operator && p.avs == avs)
			.map_or(0, |p| p.weight);
		let pending_commission = pallet_operators::Operators::<Runtime>::get(&operator)
			.and_then(|op| op.pending_commission)
			.filter(|(_, from)| *from > now)
			.map(|(rate, from)| ScheduledRate { ppb: rate.deconstruct(), from });
		exposures.push(ExposureView {
			commission_ppb: crate::Operators::commission_of(&operator)
				.unwrap_or_default()
				.deconstruct(),
			pending_commission,
			operator,
			avs,
			stake: Amount(stake),
			slashable: Amount(slashable),
			pending,
			weight: Amount(weight),
			policy,
			pending_policy,
			worst_loss_per_incident: Amount(incident),
			worst_loss_per_epoch: Amount(epoch),
			scheduled_worst_loss_per_incident: Amount(scheduled.0),
			scheduled_worst_loss_per_epoch: Amount(scheduled.1),
		});
	}
	// Unique stake: each pair's loss comes out of the same assets, at most all of them.
	let at_stake = rate.total_assets.saturating_add(info.queued_assets);

	let reward_rates = reward_rates(vault, &info.asset, rate.total_assets, shares, decimals);
	let points_rates = points_rates(vault, shares, decimals);

	// The fee in force: a scheduled change applies once due, whether or not it was stored.
	let (fee, pending_fee) = match info.pending_fee {
		Some((fee, from)) if from <= now => (fee, None),
		Some((fee, from)) => {
			(info.params.curator_fee, Some(ScheduledRate { ppb: fee.deconstruct(), from }))
		},
		None => (info.params.curator_fee, None),
	};
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
		curator_fee_ppb: fee.deconstruct(),
		pending_curator_fee: pending_fee,
		withdrawal_delay: info.params.withdrawal_delay,
		paused: info.pause.is_paused(),
		curator: info.curator,
		exposures,
		worst_loss_per_incident: Amount(worst[0].min(at_stake)),
		worst_loss_per_epoch: Amount(worst[1].min(at_stake)),
		scheduled_worst_loss_per_incident: Amount(worst[2].min(at_stake)),
		scheduled_worst_loss_per_epoch: Amount(worst[3].min(at_stake)),
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

/// A rate being built: per block, last block, what is left to pay.
#[derive(Default)]
struct Accrual {
	per_block: u128,
	until: u32,
	remaining: u128,
}

impl Accrual {
	fn add(&mut self, per_block: u128, until: u32, remaining: u128) {
		self.per_block = self.per_block.saturating_add(per_block);
		self.until = self.until.max(until);
		self.remaining = self.remaining.saturating_add(remaining);
	}
}

/// What each source pays the vault's holders per block now, until when, and what it has left
/// for them: each AVS's running streams at the vault's share of the AVS's ledger weight, after
/// the commission the pair accrues at; the vault rewards being released; the compounding
/// rewards being released into the exchange rate.
fn reward_rates(
	vault: VaultId,
	vault_asset: &AssetKind,
	total_assets: u128,
	shares: u128,
	decimals: u8,
) -> Vec<RewardRateView> {
	let now = now();
	let mut per_source: BTreeMap<(u8, Option<AvsId>, AssetKind), Accrual> = BTreeMap::new();
	for pair in pallet_lrt2::VaultPairs::<Runtime>::get(vault) {
		let total_weight = pallet_lrt2::AvsWeights::<Runtime>::get(pair.avs);
		if pair.weight == 0 || total_weight == 0 {
			continue;
		}
		let to_holders = |amount: u128| {
			let to_pair = mul_div(amount, pair.weight, total_weight);
			to_pair.saturating_sub(pair.commission.mul_floor(to_pair))
		};
		for id in pallet_lrt2::ActiveStreams::<Runtime>::get(pair.avs) {
			let Some(stream) = pallet_lrt2::Streams::<Runtime>::get(id) else { continue };
			let left = stream.amount.saturating_sub(stream.due_at(now));
			if left == 0 {
				continue;
			}
			per_source.entry((0, Some(pair.avs), stream.asset.clone())).or_default().add(
				to_holders(stream_step(&stream, now)),
				stream.end,
				to_holders(left),
			);
		}
	}
	let mut drip = |key, drip: restake_primitives::drip::Drip<u32>| {
		let from = now.max(drip.last);
		let step = drip.due_at(from.saturating_add(1)).saturating_sub(drip.due_at(from));
		let left = drip.remaining.saturating_sub(drip.due_at(from));
		if left > 0 {
			per_source.entry(key).or_default().add(step, drip.end, left);
		}
	};
	for (asset, d) in pallet_lrt2::VaultDrips::<Runtime>::iter_prefix(vault)
		.take(<<Runtime as pallet_lrt2::Config>::MaxRewardAssets as Get<u32>>::get() as usize)
	{
		drip((1, None, asset), d);
	}
	if let Some(d) = pallet_vaults::CompoundDrips::<Runtime>::get(vault) {
		drip((2, None, vault_asset.clone()), d);
	}
	per_source
		.into_iter()
		.filter(|(_, accrual)| accrual.per_block > 0)
		.map(|((kind, avs, asset), accrual)| RewardRateView {
			kind: match kind {
				0 => RewardKind::Avs,
				1 => RewardKind::Vault,
				_ => RewardKind::Compound,
			},
			avs,
			asset_id: asset_id(&asset),
			per_block: Amount(accrual.per_block),
			per_lrt_per_day: per_lrt(accrual.per_block, DAYS, decimals, shares),
			per_lrt_per_year: per_lrt(accrual.per_block, YEAR, decimals, shares),
			apr_ppb: (asset == *vault_asset).then(|| apr_ppb(accrual.per_block, total_assets)),
			until: accrual.until,
			remaining: Amount(accrual.remaining),
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
/// `MAX_PROFILE_PAGE`), passing over at most `MAX_PAGE_SCAN` ids; and the id the next page
/// starts from.
pub fn vault_profiles(from: VaultId, limit: u32) -> Page<VaultProfile<AccountId>, VaultId> {
	let limit = limit.clamp(1, MAX_PROFILE_PAGE) as usize;
	let end = pallet_vaults::NextVaultId::<Runtime>::get().min(from.saturating_add(MAX_PAGE_SCAN));
	let mut items = Vec::new();
	for id in from..end {
		if items.len() == limit {
			return Page { items, next: Some(id) };
		}
		items.extend(vault_profile(id));
	}
	let next = (end < pallet_vaults::NextVaultId::<Runtime>::get()).then_some(end);
	Page { items, next }
}
