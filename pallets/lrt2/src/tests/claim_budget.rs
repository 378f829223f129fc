//! `claim` settles the caller's vaults within `ClaimSettleBudget` and resumes where it
//! stopped: what it reserves in a block stays small whatever vaults a holder is in, and no
//! vault is skipped for good.

use crate::{mock::*, ClaimVaultCursor, Error, Event, Source};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, weights::Weight};
use restake_primitives::VaultId;

/// `count` vaults, each with `ALICE` holding LRT and a vault reward of 400 USDC fully dripped.
fn rewarded_vaults(count: u32) -> Vec<VaultId> {
	let vaults: Vec<_> = (0..count).map(|_| create_vault(CURATOR)).collect();
	for vault in &vaults {
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), *vault, 1_000));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), *vault, usdc(), 400));
	}
	run_to_block(System::block_number() + DRIP_PERIOD + 1);
	vaults
}

/// The vaults whose reward a claim paid, and where it said it stopped.
fn claim_once(who: AccountId) -> (Vec<VaultId>, Option<VaultId>) {
	lrt2_events();
	assert_ok!(Lrt2::claim(RuntimeOrigin::signed(who)));
	let mut paid = Vec::new();
	let mut stopped = None;
	for event in lrt2_events() {
		match event {
			Event::Claimed { source: Source::Vault { vault, .. }, amount, .. } => {
				assert_eq!(amount, 400);
				paid.push(vault);
			},
			Event::ClaimResumesAfter { who: w, last } => {
				assert_eq!(w, who);
				stopped = Some(last);
			},
			_ => {},
		}
	}
	(paid, stopped)
}

#[test]
fn a_claim_stops_at_its_budget_and_the_next_resumes_after_the_last_vault_settled() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(3);
		// Below one vault's worst case: every claim settles exactly one vault.
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		assert_eq!(ClaimVaultCursor::<Test>::get(ALICE), Some(vaults[0]));
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], Some(vaults[1])));
		// The last vault: the round is complete, nothing is left for a next claim.
		assert_eq!(claim_once(ALICE), (vec![vaults[2]], None));
		assert_eq!(ClaimVaultCursor::<Test>::get(ALICE), None);
		// A new round starts from the first vault again (which only a visit can tell owes
		// nothing); a round within one claim that finds nothing is an error.
		assert_eq!(claim_once(ALICE), (vec![], Some(vaults[0])));
		ClaimSettleBudget::set(Lrt2::claim_vault_weight().saturating_mul(3));
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_budget_of_two_vaults_worst_case_settles_typical_vaults_in_one_claim() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(3);
		ClaimSettleBudget::set(Lrt2::claim_vault_weight().saturating_mul(2));
		lrt2_events();
		let used = Lrt2::claim(RuntimeOrigin::signed(ALICE)).unwrap().actual_weight.unwrap();
		let mut paid: Vec<_> = lrt2_events()
			.into_iter()
			.filter_map(|e| match e {
				Event::Claimed { source: Source::Vault { vault, .. }, .. } => Some(vault),
				Event::ClaimResumesAfter { .. } => panic!("typical vaults fit in one claim"),
				_ => None,
			})
			.collect();
		paid.sort();
		assert_eq!(paid, vaults);
		// Declared: the budget and the payouts; charged: the vaults it went through.
		let declared = crate::Pallet::<Test>::claim_weight();
		assert!(Lrt2::claim_settle_budget().ref_time() < declared.ref_time());
		assert!(used.ref_time() < Lrt2::claim_settle_budget().ref_time(), "{used:?}");
	});
}

#[test]
fn a_claim_that_settled_but_found_nothing_owed_yet_keeps_its_progress() {
	build_and_execute(|| {
		// Vault 0 owes ALICE nothing; vault 1 owes her its reward.
		let empty = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), empty, 1_000));
		let rewarded = rewarded_vaults(1)[0];
		ClaimSettleBudget::set(Weight::zero());
		// The first claim settles vault 0 only: nothing to pay, but no error either (an error
		// would undo the settlement and the cursor, and every claim would start over).
		assert_eq!(claim_once(ALICE), (vec![], Some(empty)));
		assert_eq!(claim_once(ALICE), (vec![rewarded], None));
	});
}

#[test]
fn vaults_entering_the_list_behind_the_cursor_wait_for_the_next_round() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(3);
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], Some(vaults[1])));
		// Vault 0 owes again and vault 1 leaves the list (ALICE withdraws all of it): the
		// cursor is a vault id, not a position, so nothing shifts under it.
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vaults[0], usdc(), 400));
		let shares =
			polkadot_sdk::pallet_assets::Pallet::<Test>::balance(LRT_OFFSET + vaults[1], ALICE);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(ALICE), vaults[1], shares));
		run_to_block(System::block_number() + DRIP_PERIOD + 1);
		assert_eq!(claim_once(ALICE), (vec![vaults[2]], None));
		// The next round: vault 0 again, then vault 1 is found empty and dropped.
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		assert!(crate::HolderVaults::<Test>::get(ALICE).contains(&vaults[1]));
		assert_eq!(claim_once(ALICE), (vec![], Some(vaults[1])));
		assert!(!crate::HolderVaults::<Test>::get(ALICE).contains(&vaults[1]));
	});
}

#[test]
fn an_operators_vaults_take_their_turn_in_the_same_round() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000_000));
		// The operator also holds LRT of a later vault with a reward.
		let later = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(OPERATOR), later, 1_000));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), later, usdc(), 400));
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 20);
		ClaimSettleBudget::set(Weight::zero());
		// First the vault backing its pair (synced: 10 % commission), then its own.
		lrt2_events();
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(OPERATOR)));
		let events = lrt2_events();
		assert!(events.contains(&Event::Claimed {
			who: OPERATOR,
			source: Source::Commission { avs, asset: usdc() },
			amount: 100
		}));
		assert!(events.contains(&Event::ClaimResumesAfter { who: OPERATOR, last: vault }));
		assert_eq!(claim_once(OPERATOR), (vec![later], None));
	});
}
