//! Unit and property tests of the operator pallet, by topic.

mod allocation;
mod cancel_increase;
mod consent;
mod exits;
mod invariants;
mod migrations;
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
	assert_ok!(allocate(avs, percent));
	System::set_block_number(System::block_number() + ALLOCATION_DELAY);
}

/// `CURATOR` allocates `percent` % of vault 0 to (`OPERATOR`, `avs`).
pub(crate) fn allocate(avs: AvsId, percent: u32) -> DispatchResult {
	Operators::allocate(
		RuntimeOrigin::signed(CURATOR),
		0,
		OPERATOR,
		avs,
		Perbill::from_percent(percent),
	)
}

/// `who` withdraws the pending increase of vault `vault`'s allocation to (`OPERATOR`, `avs`).
pub(crate) fn cancel_increase(
	who: AccountId,
	vault: VaultId,
	avs: AvsId,
) -> polkadot_sdk::frame_support::pallet_prelude::DispatchResultWithPostInfo {
	Operators::cancel_allocation_increase(RuntimeOrigin::signed(who), vault, OPERATOR, avs)
}

/// What `who` holds for `reason`.
pub(crate) fn held(reason: crate::HoldReason, who: AccountId) -> Balance {
	<Balances as polkadot_sdk::frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(
		&reason.into(),
		&who,
	)
}

/// `who`'s whole native balance, free and held.
pub(crate) fn total(who: AccountId) -> Balance {
	<Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::total_balance(&who)
}

/// A second AVS (id 1, no approval needed) with `OPERATOR` opted in; returns its id.
pub(crate) fn second_avs_opted_in() -> AvsId {
	assert_ok!(Operators::register_avs(
		RuntimeOrigin::signed(AVS_OWNER),
		s("second"),
		s("x"),
		false,
		SLASHER,
		None
	));
	assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR), 1));
	1
}

/// `OPERATOR_2` registered (10 % commission) and opted in to `avs`.
pub(crate) fn second_operator_opted_in(avs: AvsId) {
	assert_ok!(Operators::register_operator(
		RuntimeOrigin::signed(OPERATOR_2),
		s("op2"),
		Perbill::from_percent(10)
	));
	assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR_2), avs));
}

/// `who` names `slasher` and `resolver` as `avs`'s roles (`set_avs_roles`).
pub(crate) fn set_roles(
	who: AccountId,
	avs: AvsId,
	slasher: AccountId,
	resolver: Option<AccountId>,
) -> DispatchResult {
	Operators::set_avs_roles(RuntimeOrigin::signed(who), avs, slasher, resolver)
}
