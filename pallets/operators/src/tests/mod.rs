//! Unit and property tests of the operator pallet, by topic.

mod allocation;
mod consent;
mod exits;
mod exits_review;
mod invariants;
mod registry;
mod slash;

use crate::{mock::*, Error, Event, OptInStatus, MAGNITUDE_ONE};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok, pallet_prelude::DispatchResult, traits::ConstU32, BoundedVec,
	},
	sp_runtime::Perbill,
};
use restake_primitives::{AvsId, VaultId};

pub(crate) fn s(v: &str) -> BoundedVec<u8, polkadot_sdk::frame_support::traits::ConstU32<16>> {
	v.as_bytes().to_vec().try_into().unwrap()
}

/// AVS 0 (no approval needed) with `OPERATOR` opted in, and vault 0 (1 000 000 active,
/// curated by `CURATOR`) allowing it.
pub(crate) fn setup_pair() -> AvsId {
	assert_ok!(Operators::register_avs(
		RuntimeOrigin::signed(AVS_OWNER),
		s("oracle"),
		s("https://o"),
		false,
		SLASHER,
		Some(RESOLVER)
	));
	assert_ok!(Operators::register_operator(
		RuntimeOrigin::signed(OPERATOR),
		s("op"),
		Perbill::from_percent(10)
	));
	assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR), 0));
	add_vault(0, CURATOR, 1, 1_000_000, &[0, 1]);
	0
}

/// Curator allocates `percent` % of vault 0 to (OPERATOR, avs) and waits for it.
pub(crate) fn allocate_and_wait(avs: AvsId, percent: u32) {
	assert_ok!(Operators::allocate(
		RuntimeOrigin::signed(CURATOR),
		0,
		OPERATOR,
		avs,
		Perbill::from_percent(percent)
	));
	System::set_block_number(System::block_number() + ALLOCATION_DELAY);
}
