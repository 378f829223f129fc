//! Unit tests of the slashing pallet, by topic.

mod history;
mod lifecycle;
mod policy;
mod requests;

use crate::{mock::*, Error, Event, PolicyStatus, SlashPolicy};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_core::H256,
	sp_runtime::Perbill,
};
use restake_primitives::{AvsId, SlashDestination};

pub(crate) fn veto_policy() -> SlashPolicy<AccountId, u64> {
	SlashPolicy {
		veto_window: Some(10),
		max_fraction_per_incident: Perbill::from_percent(50),
		max_fraction_per_epoch: Perbill::from_percent(60),
		cooldown: 5,
		destination: SlashDestination::Burn,
		status: PolicyStatus::Enabled,
	}
}

pub(crate) fn instant_policy() -> SlashPolicy<AccountId, u64> {
	SlashPolicy { veto_window: None, ..veto_policy() }
}

/// Sets `policy` for `avs` and waits until it applies.
pub(crate) fn set_and_apply(avs: AvsId, policy: SlashPolicy<AccountId, u64>) {
	assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), avs, policy));
	System::set_block_number(System::block_number() + POLICY_DELAY);
	assert_ok!(Slashing::apply_policy(RuntimeOrigin::signed(STRANGER), avs));
	slashing_events();
}

pub(crate) fn request(avs: AvsId, percent: u32) -> polkadot_sdk::sp_runtime::DispatchResult {
	Slashing::request_slash(
		RuntimeOrigin::signed(SLASHER),
		avs,
		OPERATOR,
		Perbill::from_percent(percent),
		H256::repeat_byte(7),
		b"double signing".to_vec().try_into().unwrap(),
	)
	.map(|_| ())
	.map_err(|e| e.error)
}
