//! `claim` settles the caller's vaults within `ClaimSettleBudget` and resumes where it
//! stopped: what it reserves in a block stays small whatever vaults a holder is in, and no
//! vault is skipped for good.

use crate::{mock::*, ClaimRound, ClaimVaultCursor, Error, Event, Source};
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

/// `ALICE` withdraws all her LRT of `vault`.
fn leave(vault: VaultId) {
	let shares = polkadot_sdk::pallet_assets::Pallet::<Test>::balance(LRT_OFFSET + vault, ALICE);
	assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(ALICE), vault, shares));
}

/// Another 400 USDC reward of `vault`, fully dripped.
fn reward_again(vault: VaultId) {
	assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault, usdc(), 400));
	run_to_block(System::block_number() + DRIP_PERIOD + 1);
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
			Event::ClaimResumesAfter { who: w, last, end } => {
				assert_eq!(w, who);
				assert_eq!(
					crate::ClaimVaultCursor::<Test>::get(who),
					Some(ClaimRound { last, end })
				);
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
		let round = ClaimRound { last: vaults[0], end: vaults[2] };
		assert_eq!(ClaimVaultCursor::<Test>::get(ALICE), Some(round));
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], Some(vaults[1])));
		// The round's last vault; the next claim starts a new round from the lowest id.
		assert_eq!(claim_once(ALICE), (vec![vaults[2]], Some(vaults[2])));
		assert_eq!(claim_once(ALICE), (vec![], Some(vaults[0])));
		// Nothing owed is an error only when one claim went through every vault and had
		// nothing to tidy (here the first such claim still ends the round: no cursor left).
		ClaimSettleBudget::set(Lrt2::claim_vault_weight().saturating_mul(3));
		assert_eq!(claim_once(ALICE), (vec![], None));
		assert_eq!(ClaimVaultCursor::<Test>::get(ALICE), None);
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
		// A claim that went through every vault leaves no cursor.
		reward_again(vaults[1]);
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], None));
		assert_eq!(ClaimVaultCursor::<Test>::get(ALICE), None);
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
		assert_eq!(claim_once(ALICE), (vec![rewarded], Some(rewarded)));
	});
}

/// The review's finding: a resumed claim whose rest of the round owed nothing failed with
/// `NothingToClaim`, which undid its own cursor, so no later claim ever reached the vaults
/// below the cursor again (a stranger could set it up with LRT dust).
#[test]
fn a_resumed_claim_whose_round_owes_nothing_goes_on_to_the_next_round() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(2);
		// A quiet vault at the top of ALICE's list.
		let quiet = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), quiet, 1_000));
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], Some(vaults[1])));
		assert_eq!(claim_once(ALICE), (vec![], Some(quiet)));
		// Vault 0 owes again: the next round reaches it.
		reward_again(vaults[0]);
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		// With a budget for two vaults, a resumed claim goes through the rest of the round
		// and on into the next, so vault 0 is reached again within the same claim.
		reward_again(vaults[0]);
		ClaimSettleBudget::set(Lrt2::claim_vault_weight().saturating_mul(3));
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], None));
	});
}

#[test]
fn a_vault_joining_above_the_rounds_end_waits_for_the_next_round() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(2);
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		// Mid-round, BOB sends ALICE LRT of a newer vault: the round still ends with vault 1
		// (so nobody can keep a round open by adding vaults above it).
		let newer = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), newer, 1_000));
		assert_ok!(Vaults::transfer_shares(RuntimeOrigin::signed(BOB), newer, ALICE, 10));
		assert_eq!(claim_once(ALICE), (vec![vaults[1]], Some(vaults[1])));
		assert_eq!(
			ClaimVaultCursor::<Test>::get(ALICE),
			Some(ClaimRound { last: vaults[1], end: vaults[1] })
		);
		// The next round from the lowest id, up to the newer vault.
		reward_again(vaults[0]);
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		assert_eq!(
			ClaimVaultCursor::<Test>::get(ALICE),
			Some(ClaimRound { last: vaults[0], end: newer })
		);
	});
}

#[test]
fn a_vault_the_holder_left_is_dropped_when_its_turn_comes() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(3);
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		// ALICE withdraws all of vault 1: its turn pays what she earned there and drops it.
		leave(vaults[1]);
		let paid_at_request = claim_once(ALICE);
		assert_eq!(paid_at_request, (vec![vaults[1]], Some(vaults[1])));
		assert!(!crate::HolderVaults::<Test>::get(ALICE).contains(&vaults[1]));
		assert_eq!(claim_once(ALICE), (vec![vaults[2]], Some(vaults[2])));
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
		assert!(events.iter().any(
			|e| matches!(e, Event::ClaimResumesAfter { who: OPERATOR, last, .. } if *last == vault)
		));
		assert_eq!(claim_once(OPERATOR), (vec![later], Some(later)));
	});
}

/// The review's finding (older than the budget): a claim that only dropped a vault the holder
/// had left failed with `NothingToClaim`, which undid the drop, so the place stayed taken and a
/// new vault of a holder with a full list was never tracked for `claim`.
#[test]
fn a_claim_that_only_tidies_the_lists_keeps_what_it_tidied() {
	build_and_execute(|| {
		let left = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), left, 1_000));
		leave(left);
		assert!(crate::HolderVaults::<Test>::get(ALICE).contains(&left));
		// Nothing owed, but the vault she left is dropped and that stands.
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(ALICE)));
		assert!(!crate::HolderVaults::<Test>::contains_key(ALICE));
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_cursor_does_not_outlive_the_accounts_vaults() {
	build_and_execute(|| {
		let vaults = rewarded_vaults(2);
		ClaimSettleBudget::set(Weight::zero());
		assert_eq!(claim_once(ALICE), (vec![vaults[0]], Some(vaults[0])));
		// She leaves both vaults; the next claims drop them, and the last clears the cursor.
		for vault in &vaults {
			leave(*vault);
		}
		while ClaimVaultCursor::<Test>::contains_key(ALICE)
			|| crate::HolderVaults::<Test>::contains_key(ALICE)
		{
			assert_ok!(Lrt2::claim(RuntimeOrigin::signed(ALICE)));
		}
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
	});
}
