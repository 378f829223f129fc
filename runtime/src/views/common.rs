//! What the profiles share: policies, slash requests and records, rates per LRT.

use crate::{AccountId, AssetId, BlockNumber, Runtime, System, DAYS};
use alloc::vec::Vec;
use frame_support::traits::fungible::NativeOrWithId;
use pallet_slashing::{PolicyOf, PolicyStatus, RecordOf, RequestOf, SlashOutcome};
use polkadot_sdk::*;
use restake_primitives::{
	views::{
		Amount, OptInView, PendingSlashView, PolicyStatusView, PolicyView, SlashOutcomeView,
		SlashRecordSummary, SlashRecordView, VaultAmount, MAX_SLASHES_LISTED, SLASH_RECORD_SPAN,
	},
	SlashDestination, VaultId,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, Perbill, Rounding, Saturating,
};

/// Blocks in a year of 365 days.
pub(super) const YEAR: BlockNumber = 365 * DAYS;

/// The current block.
pub(super) fn now() -> BlockNumber {
	System::block_number()
}

/// An asset as the views show it: `None` native.
pub(super) fn asset_id(asset: &NativeOrWithId<AssetId>) -> Option<u32> {
	match asset {
		NativeOrWithId::Native => None,
		NativeOrWithId::WithId(id) => Some(*id),
	}
}

/// `amount × numerator / denominator`, rounded down; 0 if the denominator is 0, saturating.
pub(super) fn mul_div(amount: u128, numerator: u128, denominator: u128) -> u128 {
	if denominator == 0 {
		return 0;
	}
	multiply_by_rational_with_rounding(amount, numerator, denominator, Rounding::Down)
		.unwrap_or(u128::MAX)
}

/// What `per_block` to all of a vault's `shares` comes to per whole LRT (`10^decimals`
/// shares) over `blocks`.
pub(super) fn per_lrt(per_block: u128, blocks: BlockNumber, decimals: u8, shares: u128) -> Amount {
	// As the exchange rate does: 10^38 is the largest power of ten in a u128.
	let one_lrt = 10u128.pow(u32::from(decimals.min(38)));
	Amount(mul_div(per_block.saturating_mul(blocks.into()), one_lrt, shares))
}

/// `per_block` over a year, as parts per billion of `assets` (a string in JSON: a generous
/// rate on a small vault passes 2^53).
pub(super) fn apr_ppb(per_block: u128, assets: u128) -> Amount {
	Amount(mul_div(per_block.saturating_mul(YEAR.into()), 1_000_000_000, assets))
}

/// A policy as the views show it: the per-incident cap after governance's ceiling.
pub(super) fn policy_view(policy: &PolicyOf<Runtime>) -> PolicyView<AccountId> {
	let ceiling = pallet_slashing::GlobalMaxFraction::<Runtime>::get();
	PolicyView {
		veto_window: policy.veto_window,
		max_per_incident_ppb: policy.max_fraction_per_incident.min(ceiling).deconstruct(),
		max_per_epoch_ppb: policy.max_fraction_per_epoch.deconstruct(),
		epoch_blocks: <Runtime as pallet_slashing::Config>::EpochLength::get(),
		cooldown: policy.cooldown,
		destination: match &policy.destination {
			SlashDestination::Burn => None,
			SlashDestination::Account(who) => Some(who.clone()),
		},
		status: match policy.status {
			PolicyStatus::Enabled => PolicyStatusView::Enabled,
			PolicyStatus::LogOnly => PolicyStatusView::LogOnly,
			PolicyStatus::Disabled => PolicyStatusView::Disabled,
		},
	}
}

/// The most `slashable` could lose under `policy` in one incident and in one epoch: nothing
/// unless slashing is enabled; an incident never more than the epoch allows. Rounded up, as
/// execution rounds what it takes.
pub(super) fn worst_losses(
	policy: Option<&PolicyView<AccountId>>,
	slashable: u128,
) -> (u128, u128) {
	match policy {
		Some(p) if p.status == PolicyStatusView::Enabled => {
			let incident = p.max_per_incident_ppb.min(p.max_per_epoch_ppb);
			(
				Perbill::from_parts(incident).mul_ceil(slashable),
				Perbill::from_parts(p.max_per_epoch_ppb).mul_ceil(slashable),
			)
		},
		_ => (0, 0),
	}
}

/// A pending request as the views show it: the fraction it would take now (governance's
/// ceiling applies at execution).
pub(super) fn pending_view(id: u32, r: RequestOf<Runtime>) -> PendingSlashView<AccountId> {
	let ceiling = pallet_slashing::GlobalMaxFraction::<Runtime>::get();
	PendingSlashView {
		id,
		avs: r.avs,
		operator: r.operator,
		fraction_ppb: r.fraction.min(ceiling).deconstruct(),
		requested_at: r.requested_at,
		executable_at: r.executable_at,
		expires_at: r.expires_at,
		vaults: VaultAmount::list(r.captured),
	}
}

/// The pending requests with these ids that can still execute, in id order.
pub(super) fn pending_views(
	ids: impl IntoIterator<Item = u32>,
) -> Vec<PendingSlashView<AccountId>> {
	let now = now();
	let mut ids: Vec<u32> = ids.into_iter().collect();
	ids.sort_unstable();
	ids.dedup();
	ids.into_iter()
		.filter_map(|id| pallet_slashing::PendingSlashes::<Runtime>::get(id).map(|r| (id, r)))
		.filter(|(_, r)| r.expires_at > now)
		.map(|(id, r)| pending_view(id, r))
		.collect()
}

/// A settled slash's outcome as the views show it.
pub(super) fn outcome_view(outcome: &SlashOutcome) -> SlashOutcomeView {
	match outcome {
		SlashOutcome::Executed => SlashOutcomeView::Executed,
		SlashOutcome::Vetoed => SlashOutcomeView::Vetoed,
		SlashOutcome::Cancelled => SlashOutcomeView::Cancelled,
		SlashOutcome::Logged => SlashOutcomeView::Logged,
		SlashOutcome::Expired => SlashOutcomeView::Expired,
		SlashOutcome::Voided => SlashOutcomeView::Voided,
	}
}

/// A settled slash as the views show it.
pub(super) fn record_view(id: u32, r: RecordOf<Runtime>) -> SlashRecordView<AccountId> {
	SlashRecordView {
		id,
		avs: r.avs,
		operator: r.operator,
		outcome: outcome_view(&r.outcome),
		fraction_ppb: r.fraction.deconstruct(),
		settled_at: r.settled_at,
		taken: VaultAmount::list(r.taken),
	}
}

/// The settled slashes that `concerns` among the latest [`SLASH_RECORD_SPAN`] slash ids (as
/// the history retains them): counts, and the latest [`MAX_SLASHES_LISTED`]. Reads at most
/// that many records, however long the history.
pub(super) fn slash_summary(
	concerns: impl Fn(&RecordOf<Runtime>) -> bool,
) -> SlashRecordSummary<AccountId> {
	let mut summary = SlashRecordSummary::default();
	let mut records: Vec<(u32, RecordOf<Runtime>)> = Vec::new();
	let next = pallet_slashing::NextSlashId::<Runtime>::get();
	let latest = (next.saturating_sub(SLASH_RECORD_SPAN)..next).rev();
	for (id, record) in
		latest.filter_map(|id| pallet_slashing::SlashHistory::<Runtime>::get(id).map(|r| (id, r)))
	{
		if !concerns(&record) {
			continue;
		}
		summary.settled.saturating_inc();
		match record.outcome {
			SlashOutcome::Executed => {
				summary.executed.saturating_inc();
				summary.executed_fraction_ppb = summary
					.executed_fraction_ppb
					.saturating_add(record.fraction.deconstruct().into());
			},
			SlashOutcome::Vetoed | SlashOutcome::Cancelled => summary.vetoed.saturating_inc(),
			_ => summary.other.saturating_inc(),
		}
		records.push((id, record));
	}
	summary.latest = records
		.into_iter()
		.take(MAX_SLASHES_LISTED as usize)
		.map(|(id, r)| record_view(id, r))
		.collect();
	summary
}

/// An opt-in status as the views show it, with the block a leaving operator is free.
pub(super) fn opt_in_view(
	status: &pallet_operators::OptInStatus<BlockNumber>,
) -> (OptInView, Option<u32>) {
	match status {
		pallet_operators::OptInStatus::Active => (OptInView::Active, None),
		pallet_operators::OptInStatus::Pending => (OptInView::Pending, None),
		pallet_operators::OptInStatus::OptingOut { until } => (OptInView::OptingOut, Some(*until)),
	}
}

/// An operator's stake for `avs` per vault, weighted by the AVS's weight for each vault's
/// asset: `(weighted total, [(vault, asset, stake, slashable)])`. Reads the pair's vaults
/// (bounded by `MaxVaultsPerPair`).
pub(super) fn pair_stake(
	operator: &AccountId,
	avs: restake_primitives::AvsId,
	info: &pallet_operators::AvsOf<Runtime>,
) -> (u128, Vec<(VaultId, Option<NativeOrWithId<AssetId>>, u128, u128)>) {
	use restake_primitives::traits::{StakeInspect, VaultInspect};
	let mut weighted: u128 = 0;
	let mut vaults = Vec::new();
	for vault in pallet_operators::PairVaults::<Runtime>::get(operator, avs) {
		let asset = <crate::Vaults as VaultInspect<AccountId, u128>>::vault_asset(vault);
		let stake = crate::Operators::allocated_stake(vault, operator, avs);
		let weight = asset
			.as_ref()
			.and_then(|a| info.accepted_assets.get(a).copied())
			.unwrap_or_default();
		weighted = weighted.saturating_add(weight.mul_floor(stake));
		let slashable = <crate::Operators as StakeInspect<AccountId, u128>>::slashable_allocation(
			vault, operator, avs,
		);
		vaults.push((vault, asset, stake, slashable));
	}
	(weighted, vaults)
}
