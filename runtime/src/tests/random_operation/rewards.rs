//! The uniform draw's reward generators: an AVS owner's LRT² funding (streams, bounties,
//! programmes) and rewards paid straight into a vault. Split from `operations.rs`; the same
//! rule holds: the draws must stay in this order.

use super::{
	draw::{
		amount, asset, avs_id, avs_owner, balance_of, bytes, id, operator, role, vault_id, Rng,
	},
	operations::Drawn,
};
use crate::{AccountId, Runtime, RuntimeCall, System};
use polkadot_sdk::sp_runtime::FixedU128;

/// An AVS owner's LRT² funding: reward streams, bounties and points programmes, opened, awarded,
/// reclaimed or closed.
pub(super) fn lrt2_funding_call(rng: &mut Rng) -> Drawn {
	use pallet_lrt2::Call as L;
	let avs = avs_id(rng);
	let who = role(rng, avs_owner(avs));
	let asset = asset(rng);
	let hint = balance_of(asset.clone(), &who) / 100;
	let call = match rng.below(8) {
		0 | 1 => L::fund_stream {
			avs,
			asset,
			amount: amount(rng, hint),
			duration: rng.pick(&[0, 9, 10, 11, 50, 100]),
		},
		2 => L::post_bounty {
			avs,
			asset,
			amount: amount(rng, hint),
			expires_in: rng.pick(&[0, 1, 10, 100]),
		},
		3 => {
			let bounties: Vec<u32> = pallet_lrt2::Bounties::<Runtime>::iter_keys().collect();
			let bounty = id(rng, &bounties, pallet_lrt2::NextBountyId::<Runtime>::get());
			if rng.chance(60) {
				L::award_bounty { bounty, operator: operator(rng).into() }
			} else {
				L::cancel_bounty { bounty }
			}
		},
		4 => {
			let streams: Vec<u32> = pallet_lrt2::Streams::<Runtime>::iter_keys().collect();
			let stream = id(rng, &streams, pallet_lrt2::NextStreamId::<Runtime>::get());
			if rng.chance(50) {
				L::reclaim_unallocated { stream }
			} else {
				L::close_stream { stream }
			}
		},
		5 => {
			let programmes: Vec<u32> = pallet_lrt2::Programmes::<Runtime>::iter_keys().collect();
			let programme = id(rng, &programmes, pallet_lrt2::NextProgrammeId::<Runtime>::get());
			L::close_programme { programme }
		},
		_ => {
			let now = System::block_number();
			let scope = if rng.chance(50) {
				pallet_lrt2::ProgrammeScope::Avs(avs)
			} else {
				pallet_lrt2::ProgrammeScope::Vault(vault_id(rng))
			};
			let start = now + rng.pick(&[0, 1, 10]);
			L::create_programme {
				scope,
				name: bytes(rng),
				rate: FixedU128::from_inner(amount(rng, 1_000_000)),
				start: rng.pick(&[start, 0]),
				end: start + rng.pick(&[0, 1, 100]),
			}
		},
	};
	let label = match call {
		L::close_stream { .. } => "close_stream",
		L::close_programme { .. } => "close_programme",
		_ => "lrt2 stream/bounty/programme",
	};
	(label, who, RuntimeCall::Lrt2(call))
}

/// Anyone rewards a vault's holders in any asset.
pub(super) fn reward_vault_call(rng: &mut Rng, holder: AccountId) -> Drawn {
	use pallet_lrt2::Call as L;
	let vault = vault_id(rng);
	let asset = asset(rng);
	let hint = balance_of(asset.clone(), &holder) / 100;
	(
		"reward_vault",
		holder,
		RuntimeCall::Lrt2(L::reward_vault { vault, asset, amount: amount(rng, hint) }),
	)
}
