//! Slash records carry the slasher's deposit and can be pruned once old (issue 16,
//! finding 8: the history grew for free).

use super::*;
use crate::{HoldReason, SlashHistory};
use polkadot_sdk::frame_support::traits::fungible::InspectHold;

fn held(who: AccountId) -> u128 {
	<Balances as InspectHold<_>>::balance_on_hold(&HoldReason::SlashRecord.into(), &who)
}

#[test]
fn a_slash_record_holds_a_deposit_until_it_is_pruned() {
	build_and_execute(|| {
		set_and_apply(INSTANT_AVS, instant_policy());
		assert_ok!(request(INSTANT_AVS, 10));
		let settled_at = System::block_number();
		assert!(SlashHistory::<Test>::get(0).is_some());
		assert_eq!(held(SLASHER), SLASH_DEPOSIT);
		// Escrow-free (a burn destination): the record is kept for the retention period.
		assert_noop!(
			Slashing::prune_slash_record(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::RecordTooRecent
		);
		System::set_block_number(settled_at + HISTORY_RETENTION);
		assert_ok!(Slashing::prune_slash_record(RuntimeOrigin::signed(STRANGER), 0));
		assert!(SlashHistory::<Test>::get(0).is_none());
		assert_eq!(held(SLASHER), 0);
		assert!(slashing_events().contains(&Event::SlashRecordPruned { id: 0 }));
		assert_noop!(
			Slashing::prune_slash_record(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::RecordNotFound
		);
	});
}

#[test]
fn a_pending_slash_cannot_be_pruned_and_its_deposit_stays_held() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 10));
		assert_eq!(held(SLASHER), SLASH_DEPOSIT);
		System::set_block_number(System::block_number() + HISTORY_RETENTION);
		assert_noop!(
			Slashing::prune_slash_record(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::RecordNotFound
		);
	});
}

#[test]
fn a_slasher_without_the_deposit_cannot_request() {
	build_and_execute(|| {
		set_and_apply(INSTANT_AVS, instant_policy());
		let free = <Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::balance(
			&SLASHER,
		);
		assert_ok!(
			<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<_>>::burn_from(
				&SLASHER,
				free,
				polkadot_sdk::frame_support::traits::tokens::Preservation::Expendable,
				polkadot_sdk::frame_support::traits::tokens::Precision::Exact,
				polkadot_sdk::frame_support::traits::tokens::Fortitude::Force,
			)
		);
		assert!(request(INSTANT_AVS, 10).is_err());
		assert!(SlashHistory::<Test>::get(0).is_none());
	});
}
