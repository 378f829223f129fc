//! An operator's profile: its stake per AVS and per vault, its commission now and scheduled,
//! the AVSs it is leaving, and its slash record.
//!
//! Reads the operator, its opt-in for every AVS id (as `operator_state` does: off-chain use),
//! each pair's vaults (`MaxVaultsPerPair`), its pending requests (a bounded prefix) and the
//! retained slash history.

use super::common::{asset_id, now, opt_in_view, pair_stake, pending_views, slash_summary};
use crate::{AccountId, Runtime};
use alloc::vec::Vec;
use restake_primitives::views::{
	Amount, OperatorAvsView, OperatorProfile, OperatorVaultView, OptInView, Page, ScheduledRate,
	Text, MAX_PROFILE_PAGE,
};

/// The profile of operator `who`, if registered.
pub fn operator_profile(who: AccountId) -> Option<OperatorProfile<AccountId>> {
	let info = pallet_operators::Operators::<Runtime>::get(&who)?;
	let now = now();
	let mut avss = Vec::new();
	for avs in 0..pallet_operators::NextAvsId::<Runtime>::get() {
		let Some(status) = pallet_operators::OptIns::<Runtime>::get(avs, &who) else { continue };
		let Some(avs_info) = pallet_operators::Avss::<Runtime>::get(avs) else { continue };
		let (status, until) = opt_in_view(&status);
		let (weighted, vaults) = pair_stake(&who, avs, &avs_info);
		avss.push(OperatorAvsView {
			avs,
			status,
			until,
			weighted_stake: Amount(weighted),
			vaults: vaults
				.into_iter()
				.map(|(vault, asset, stake, slashable)| OperatorVaultView {
					vault,
					asset_id: asset.as_ref().and_then(asset_id),
					stake: Amount(stake),
					slashable: Amount(slashable),
				})
				.collect(),
		});
	}
	let leaving = avss
		.iter()
		.filter(|a| a.status == OptInView::OptingOut)
		.map(|a| a.avs)
		.collect();
	let pending = pending_views(
		pallet_slashing::OperatorRequests::<Runtime>::iter_prefix(&who).map(|(id, _)| id),
	);
	Some(OperatorProfile {
		name: Text(info.name.into_inner()),
		commission_ppb: crate::Operators::commission_of(&who)
			.unwrap_or(info.commission)
			.deconstruct(),
		pending_commission: info
			.pending_commission
			.filter(|(_, from)| *from > now)
			.map(|(rate, from)| ScheduledRate { ppb: rate.deconstruct(), from }),
		deposit: Amount(info.deposit),
		avss,
		leaving,
		pending_slashes: pending,
		slash_record: slash_summary(|r| r.operator == who),
		operator: who,
	})
}

/// Operator profiles in storage order, from `from` (included, if registered) or the first, at
/// most `limit` (capped at `MAX_PROFILE_PAGE`), and the operator the next page starts from.
pub fn operator_profiles(
	from: Option<AccountId>,
	limit: u32,
) -> Page<OperatorProfile<AccountId>, AccountId> {
	let limit = limit.clamp(1, MAX_PROFILE_PAGE) as usize;
	let keys: Vec<AccountId> = match from {
		Some(from) => {
			let start = pallet_operators::Operators::<Runtime>::hashed_key_for(&from);
			let first = pallet_operators::Operators::<Runtime>::contains_key(&from).then_some(from);
			first
				.into_iter()
				.chain(pallet_operators::Operators::<Runtime>::iter_keys_from(start))
				.take(limit.saturating_add(1))
				.collect()
		},
		None => pallet_operators::Operators::<Runtime>::iter_keys()
			.take(limit.saturating_add(1))
			.collect(),
	};
	let next = keys.get(limit).cloned();
	let items = keys.into_iter().take(limit).filter_map(operator_profile).collect();
	Page { items, next }
}
