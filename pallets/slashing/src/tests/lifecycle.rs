//! Capture, holds, expiry, escrow and the kill switch, against the in-memory stake.

use super::*;
use crate::{
	AvsRequests, Escrows, PairHolds, PendingSlashes, SlashHistory, SlashOutcome, VaultHolds,
};
use restake_primitives::traits::SlashHolds as _;

fn now() -> u64 {
	System::block_number()
}

#[test]
fn a_request_captures_the_stake_of_its_block_and_takes_its_fraction_of_it() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 20));
		let captured = PendingSlashes::<Test>::get(0).unwrap().captured.into_inner();
		assert_eq!(captured, vec![(0, 1_000), (1, 500)]);
		// Stake that arrives after the request is not charged for it.
		STAKE.with(|s| {
			s.borrow_mut()
				.allocations
				.insert((OPERATOR, VETO_AVS), vec![(0, 5_000), (1, 500)])
		});
		System::set_block_number(now() + 10);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0));
		assert_eq!(
			SlashHistory::<Test>::get(0).unwrap().taken.into_inner(),
			vec![(0, 200), (1, 100)]
		);
	});
}

#[test]
fn holds_cover_what_leaves_after_the_request_until_it_resolves_or_expires() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let requested_at = now();
		assert_ok!(request(VETO_AVS, 20));
		let expires_at = requested_at + 10 + DEADLINE;
		assert_eq!(PendingSlashes::<Test>::get(0).unwrap().expires_at, expires_at);
		// Withdrawals of vaults 0 and 1 maturing after the request wait; vault 2 is free.
		assert_eq!(Slashing::vault_held_since(0), Some(requested_at));
		assert_eq!(Slashing::vault_held_since(2), None);
		// Stake of the pair leaving after the request is held, not what left at or before it.
		assert!(Slashing::pair_held(&OPERATOR, VETO_AVS, requested_at + 1));
		assert!(!Slashing::pair_held(&OPERATOR, VETO_AVS, requested_at));
		assert!(!Slashing::pair_held(&OPERATOR, INSTANT_AVS, requested_at + 1));
		// The hold ends at the deadline by itself.
		System::set_block_number(expires_at - 1);
		assert!(Slashing::pair_held(&OPERATOR, VETO_AVS, requested_at + 1));
		System::set_block_number(expires_at);
		assert_eq!(Slashing::vault_held_since(0), None);
		assert!(!Slashing::pair_held(&OPERATOR, VETO_AVS, requested_at + 1));
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::SlashExpired
		);
		assert_ok!(Slashing::expire_slash(RuntimeOrigin::signed(STRANGER), 0));
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Expired);
		assert_eq!(VaultHolds::<Test>::iter().count(), 0);
		assert_eq!(PairHolds::<Test>::iter().count(), 0);
		assert_eq!(AvsRequests::<Test>::iter().count(), 0);
	});
}

#[test]
fn expiry_is_refused_before_the_deadline() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 20));
		System::set_block_number(now() + 10 + DEADLINE - 1);
		assert_noop!(
			Slashing::expire_slash(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::NotExpired
		);
		assert_noop!(
			Slashing::expire_slash(RuntimeOrigin::signed(STRANGER), 9),
			Error::<Test>::SlashNotFound
		);
	});
}

#[test]
fn dust_requests_and_requests_with_nothing_to_capture_are_refused() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				VETO_AVS,
				OPERATOR,
				Perbill::from_parts(999),
				H256::zero(),
				Default::default()
			),
			Error::<Test>::FractionBelowMinimum
		);
		STAKE.with(|s| s.borrow_mut().allocations.remove(&(OPERATOR, VETO_AVS)));
		assert_noop!(request(VETO_AVS, 10), Error::<Test>::NothingToSlash);
	});
}

#[test]
fn an_escrow_is_released_after_its_delay_paid_or_burnt_and_governance_can_cancel_it() {
	build_and_execute(|| {
		let to_account =
			|to| SlashPolicy { destination: SlashDestination::Account(to), ..instant_policy() };
		set_and_apply(INSTANT_AVS, to_account(STRANGER));
		assert_ok!(request(INSTANT_AVS, 10));
		let escrow = Escrows::<Test>::get(0).expect("escrowed");
		assert_eq!(escrow.held.into_inner(), vec![(0, 200)]);
		assert_eq!(escrow.release_at, now() + ESCROW_DELAY);
		assert_noop!(
			Slashing::release_escrow(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::EscrowNotDue
		);
		System::set_block_number(escrow.release_at);
		slashing_events();
		assert_ok!(Slashing::release_escrow(RuntimeOrigin::signed(OWNER), 0));
		assert_eq!(
			slashing_events(),
			vec![Event::EscrowReleased { id: 0, paid: 200, burnt: 0, remaining: 0 }]
		);
		assert_noop!(
			Slashing::release_escrow(RuntimeOrigin::signed(OWNER), 0),
			Error::<Test>::EscrowNotFound
		);

		// A destination that cannot receive: burnt.
		assert_ok!(Slashing::set_policy(
			RuntimeOrigin::signed(OWNER),
			INSTANT_AVS,
			to_account(UNPAYABLE)
		));
		System::set_block_number(now() + POLICY_DELAY);
		assert_ok!(Slashing::apply_policy(RuntimeOrigin::signed(STRANGER), INSTANT_AVS));
		assert_ok!(request(INSTANT_AVS, 10));
		System::set_block_number(now() + ESCROW_DELAY);
		slashing_events();
		assert_ok!(Slashing::release_escrow(RuntimeOrigin::signed(OWNER), 1));
		assert_eq!(
			slashing_events(),
			vec![Event::EscrowReleased { id: 1, paid: 0, burnt: 180, remaining: 0 }]
		);

		// Governance cancels a third one: the vault gets it back.
		System::set_block_number(now() + 10);
		assert_ok!(request(INSTANT_AVS, 10));
		assert_noop!(
			Slashing::cancel_escrow(RuntimeOrigin::signed(OWNER), 2),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::cancel_escrow(RuntimeOrigin::root(), 2));
		assert_eq!(STAKE.with(|s| s.borrow().returned.clone()), vec![(0, 162)]);
		assert!(Escrows::<Test>::get(2).is_none());
	});
}

#[test]
fn a_burn_that_cannot_happen_yet_waits_in_escrow_and_execution_still_succeeds() {
	build_and_execute(|| {
		set_and_apply(INSTANT_AVS, instant_policy());
		STAKE.with(|s| s.borrow_mut().frozen.push(0));
		assert_ok!(request(INSTANT_AVS, 10));
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Executed);
		assert_eq!(Escrows::<Test>::get(0).unwrap().held.into_inner(), vec![(0, 200)]);
		// Still frozen: nothing can move, the call fails and changes nothing.
		assert_noop!(
			Slashing::release_escrow(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::EscrowStuck
		);
		STAKE.with(|s| s.borrow_mut().frozen.clear());
		assert_ok!(Slashing::release_escrow(RuntimeOrigin::signed(STRANGER), 0));
		assert!(Escrows::<Test>::get(0).is_none());
		STAKE.with(|s| assert_eq!(s.borrow().released, vec![(0, 200, SlashDestination::Burn)]));
	});
}

#[test]
fn disabling_slashing_voids_every_pending_request_of_the_avs() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, SlashPolicy { cooldown: 0, ..veto_policy() });
		assert_ok!(request(VETO_AVS, 10));
		assert_ok!(request(VETO_AVS, 10));
		assert_ok!(Slashing::set_policy(
			RuntimeOrigin::signed(OWNER),
			VETO_AVS,
			SlashPolicy { status: PolicyStatus::Disabled, ..veto_policy() }
		));
		for id in [0, 1] {
			assert_eq!(SlashHistory::<Test>::get(id).unwrap().outcome, SlashOutcome::Voided);
		}
		assert_eq!(PendingSlashes::<Test>::iter().count(), 0);
		assert_eq!(Slashing::vault_held_since(0), None);
	});
}

#[test]
fn an_avs_past_its_exit_window_cannot_slash() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		STAKE.with(|s| s.borrow_mut().deregistered.push(VETO_AVS));
		assert_noop!(request(VETO_AVS, 10), Error::<Test>::AvsDeregistered);
	});
}

#[test]
fn the_epoch_cap_rolls_instead_of_resetting_at_the_boundary() {
	build_and_execute(|| {
		let policy = SlashPolicy {
			max_fraction_per_incident: Perbill::from_percent(40),
			max_fraction_per_epoch: Perbill::from_percent(40),
			cooldown: 0,
			..instant_policy()
		};
		set_and_apply(INSTANT_AVS, policy);
		let epoch_end = (now() / EPOCH + 1) * EPOCH;
		System::set_block_number(epoch_end - 1);
		assert_ok!(request(INSTANT_AVS, 40));
		System::set_block_number(epoch_end + 1);
		assert_noop!(request(INSTANT_AVS, 40), Error::<Test>::SlashExceedsEpochCap);
		System::set_block_number(epoch_end - 1 + EPOCH);
		assert_ok!(request(INSTANT_AVS, 40));
	});
}

#[test]
fn a_riskier_policy_waits_for_the_slowest_exit() {
	build_and_execute(|| {
		STAKE.with(|s| s.borrow_mut().longest_exit = 500);
		assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, veto_policy()));
		let at = crate::PendingPolicies::<Test>::get(VETO_AVS).unwrap().applies_from;
		assert_eq!(at, now() + 501);
	});
}
