//! An AVS's profile: its weighted stake and how concentrated it is across operators, its
//! policy now and scheduled, its streams and bounties, and its slash record.
//!
//! Reads the AVS, its operators (`MaxOperatorsPerAvs`) and each pair's vaults
//! (`MaxVaultsPerPair`), its streams (`MaxStreamsPerAvs`), its pending requests
//! (`MaxPendingPerAvs`) and the retained slash history.

use super::common::{
	asset_id, now, opt_in_view, pair_stake, pending_views, policy_view, slash_summary,
};
use crate::{AccountId, Runtime};
use alloc::vec::Vec;
use restake_primitives::{
	views::{
		Amount, AvsOperatorView, AvsProfile, Page, ScheduledPolicy, StreamView, Text,
		MAX_PAGE_SCAN, MAX_PROFILE_PAGE,
	},
	AvsId,
};

/// Parts per billion in one.
const BILLION: u128 = 1_000_000_000;

/// The profile of `avs`, if registered.
pub fn avs_profile(avs: AvsId) -> Option<AvsProfile<AccountId>> {
	let info = pallet_operators::Avss::<Runtime>::get(avs)?;
	let (slasher, resolver) = crate::Operators::roles_in_force(avs, &info);
	let now = now();

	let mut operators = Vec::new();
	let mut total: u128 = 0;
	for (operator, status) in pallet_operators::OptIns::<Runtime>::iter_prefix(avs) {
		let (weighted, _) = pair_stake(&operator, avs, &info);
		total = total.saturating_add(weighted);
		let (status, until) = opt_in_view(&status);
		operators.push(AvsOperatorView {
			operator,
			status,
			until,
			weighted_stake: Amount(weighted),
			share_ppb: 0,
		});
	}
	let (mut largest, mut herfindahl) = (0u32, 0u128);
	for op in operators.iter_mut() {
		let share = super::common::mul_div(op.weighted_stake.0, BILLION, total);
		op.share_ppb = share as u32;
		largest = largest.max(op.share_ppb);
		herfindahl = herfindahl.saturating_add(share.saturating_mul(share) / BILLION);
	}
	operators.sort_by_key(|op| core::cmp::Reverse(op.weighted_stake));

	let streams = pallet_lrt2::ActiveStreams::<Runtime>::get(avs)
		.into_iter()
		.filter_map(|id| {
			let status = crate::Lrt2::stream_status(id)?;
			let s = status.stream;
			// Listed until an update prunes it; finished streams pay nothing.
			if s.due_at(now) >= s.amount {
				return None;
			}
			Some(StreamView {
				id,
				asset_id: asset_id(&s.asset),
				amount: Amount(s.amount),
				remaining: Amount(status.remaining),
				per_block: Amount(s.due_at(now.saturating_add(1)).saturating_sub(s.due_at(now))),
				start: s.start,
				end: s.end,
			})
		})
		.collect();

	Some(AvsProfile {
		avs,
		name: Text(info.name.into_inner()),
		uri: Text(info.uri.into_inner()),
		owner: info.owner,
		slasher,
		resolver,
		deregistered_at: info.deregistered_at,
		total_weighted_stake: Amount(total),
		operators,
		largest_share_ppb: largest,
		herfindahl_ppb: herfindahl.min(BILLION) as u32,
		policy: crate::Slashing::policy_in_force(avs).map(|p| policy_view(&p)),
		pending_policy: pallet_slashing::PendingPolicies::<Runtime>::get(avs)
			.filter(|p| p.applies_from > now)
			.map(|p| ScheduledPolicy { policy: policy_view(&p.policy), from: p.applies_from }),
		streams,
		open_bounties: pallet_lrt2::OpenBounties::<Runtime>::get(avs),
		pending_slashes: pending_views(pallet_slashing::AvsRequests::<Runtime>::get(avs)),
		slash_record: slash_summary(|r| r.avs == avs),
	})
}

/// AVS profiles from id `from` on (ids without an AVS skipped), at most `limit` (capped at
/// `MAX_PROFILE_PAGE`), passing over at most `MAX_PAGE_SCAN` ids; and the id the next page
/// starts from.
pub fn avs_profiles(from: AvsId, limit: u32) -> Page<AvsProfile<AccountId>, AvsId> {
	let limit = limit.clamp(1, MAX_PROFILE_PAGE) as usize;
	let next_id = pallet_operators::NextAvsId::<Runtime>::get();
	let end = next_id.min(from.saturating_add(MAX_PAGE_SCAN));
	let mut items = Vec::new();
	for id in from..end {
		if items.len() == limit {
			return Page { items, next: Some(id) };
		}
		items.extend(avs_profile(id));
	}
	Page { items, next: (end < next_id).then_some(end) }
}
