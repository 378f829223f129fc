use super::*;
use crate::{PendingSlashes, SlashHistory, SlashOutcome, VaultHolds};
use restake_primitives::traits::SlashHolds as _;

fn slashes_taken() -> usize {
	STAKE.with(|s| s.borrow().slashes.len())
}

#[test]
fn instant_slash_executes_in_the_request() {
	build_and_execute(|| {
		set_and_apply(INSTANT_AVS, instant_policy());
		assert_ok!(request(INSTANT_AVS, 10));
		let events = slashing_events();
		assert_eq!(events.len(), 2);
		assert_eq!(
			events[1],
			Event::SlashExecuted {
				id: 0,
				avs: INSTANT_AVS,
				operator: OPERATOR,
				taken: vec![(0, 200)].try_into().unwrap()
			}
		);
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Executed);
		assert!(PendingSlashes::<Test>::get(0).is_none());
	});
}

#[test]
fn veto_slash_waits_and_the_resolver_can_veto() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let now = System::block_number();
		assert_ok!(request(VETO_AVS, 20));
		assert_eq!(PendingSlashes::<Test>::get(0).unwrap().executable_at, now + 10);
		// Its vaults' withdrawals now wait for the outcome.
		assert!(Slashing::vault_held_since(0).is_some() && Slashing::vault_held_since(1).is_some());
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::NotYetExecutable
		);
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(SLASHER), 0),
			Error::<Test>::NotResolver
		);
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 0));
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Vetoed);
		assert!(Slashing::vault_held_since(0).is_none());
		assert_eq!(slashes_taken(), 0);
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::SlashNotFound
		);
	});
}

#[test]
fn second_request_executes_after_the_window() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let now = System::block_number();
		assert_ok!(request(VETO_AVS, 20));
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 0));
		System::set_block_number(now + 5);
		assert_ok!(request(VETO_AVS, 20));
		System::set_block_number(now + 15);
		assert_noop!(
			Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 1),
			Error::<Test>::VetoWindowClosed
		);
		slashing_events();
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 1));
		assert_eq!(
			slashing_events(),
			vec![Event::SlashExecuted {
				id: 1,
				avs: VETO_AVS,
				operator: OPERATOR,
				taken: vec![(0, 200), (1, 100)].try_into().unwrap()
			}]
		);
		assert_eq!(VaultHolds::<Test>::iter().count(), 0);
	});
}

#[test]
fn governance_cancels_and_execution_checks_cancellation() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 20));
		assert_noop!(
			Slashing::cancel_slash(RuntimeOrigin::signed(OWNER), 0),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 0));
		System::set_block_number(100);
		assert_noop!(
			Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::SlashNotFound
		);
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Cancelled);
		assert_eq!(slashes_taken(), 0);
	});
}

#[test]
fn requests_are_checked_against_role_policy_and_operator() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let evidence = H256::zero();
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(STRANGER),
				VETO_AVS,
				OPERATOR,
				Perbill::from_percent(1),
				evidence,
				Default::default()
			),
			Error::<Test>::NotSlasher
		);
		assert_noop!(
			Slashing::request_slash(
				RuntimeOrigin::signed(SLASHER),
				VETO_AVS,
				STRANGER,
				Perbill::from_percent(1),
				evidence,
				Default::default()
			),
			Error::<Test>::OperatorNotSlashable
		);
		assert_noop!(request(VETO_AVS, 0), Error::<Test>::ZeroFraction);
		assert_noop!(request(VETO_AVS, 51), Error::<Test>::SlashExceedsPolicyCap);
		assert_ok!(request(VETO_AVS, 40));
		assert_noop!(request(VETO_AVS, 10), Error::<Test>::CooldownActive);
		System::set_block_number(System::block_number() + 5);
		assert_noop!(request(VETO_AVS, 30), Error::<Test>::SlashExceedsEpochCap);
		assert_ok!(request(VETO_AVS, 20));
		// A rolling epoch later the cap is free again, but two requests are still stored
		// (expired, not yet cleared): clearing them frees the AVS's slots.
		System::set_block_number(System::block_number() + EPOCH);
		assert_noop!(request(VETO_AVS, 1), Error::<Test>::TooManyPendingSlashes);
		assert_ok!(Slashing::expire_slash(RuntimeOrigin::signed(STRANGER), 0));
		assert_ok!(Slashing::expire_slash(RuntimeOrigin::signed(STRANGER), 1));
		assert_ok!(request(VETO_AVS, 1));
	});
}

#[test]
fn disabled_and_log_only_policies() {
	build_and_execute(|| {
		set_and_apply(
			INSTANT_AVS,
			SlashPolicy { status: PolicyStatus::LogOnly, ..instant_policy() },
		);
		assert_ok!(request(INSTANT_AVS, 10));
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().outcome, SlashOutcome::Logged);
		assert_eq!(slashes_taken(), 0);
		assert_ok!(Slashing::set_policy(
			RuntimeOrigin::signed(OWNER),
			INSTANT_AVS,
			SlashPolicy { status: PolicyStatus::Disabled, ..instant_policy() }
		));
		System::set_block_number(System::block_number() + 10);
		assert_noop!(request(INSTANT_AVS, 10), Error::<Test>::SlashingDisabled);
	});
}

#[test]
fn a_pending_request_keeps_the_destination_fixed_when_it_was_made() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 10));
		// The owner schedules a redistribution destination: riskier, so it waits 30 blocks,
		// longer than the 10-block window: the pending slash still burns.
		assert_ok!(Slashing::set_policy(
			RuntimeOrigin::signed(OWNER),
			VETO_AVS,
			SlashPolicy { destination: SlashDestination::Account(STRANGER), ..veto_policy() }
		));
		System::set_block_number(System::block_number() + 10);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0));
		STAKE.with(|s| assert_eq!(s.borrow().released[0].2, SlashDestination::Burn));
	});
}

#[test]
fn try_state_detects_a_captured_vault_without_its_hold() {
	new_test_ext().execute_with(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 10));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		VaultHolds::<Test>::remove(0);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

/// Regression (found by the runtime's random-operation test): lowering the global ceiling
/// while a slash was pending left a request above the ceiling; it now executes at the ceiling.
#[test]
fn a_lowered_ceiling_caps_pending_slashes_at_execution() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let now = System::block_number();
		assert_ok!(request(VETO_AVS, 20));
		assert_noop!(
			Slashing::set_global_max_fraction(RuntimeOrigin::signed(STRANGER), Perbill::zero()),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::set_global_max_fraction(
			RuntimeOrigin::root(),
			Perbill::from_percent(5)
		));
		System::set_block_number(now + 10);
		assert_ok!(Slashing::execute_slash(RuntimeOrigin::signed(STRANGER), 0));
		assert_eq!(SlashHistory::<Test>::get(0).unwrap().fraction, Perbill::from_percent(5));
		assert_eq!(STAKE.with(|s| s.borrow().slashes[0].2), Perbill::from_percent(5));
	});
}

/// `pending_slashes` filtered by an operator reads that operator's index only (issue 16,
/// finding 9: it scanned every pending request); the index follows requests as they resolve.
#[test]
fn pending_slashes_of_an_operator_come_from_its_own_index() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(request(VETO_AVS, 10));
		assert_eq!(crate::OperatorRequests::<Test>::get(OPERATOR, 0), Some(VETO_AVS));
		let ids = |who: AccountId| {
			Slashing::pending_slashes(None, Some(who))
				.into_iter()
				.map(|(id, _)| id)
				.collect::<Vec<_>>()
		};
		assert_eq!(ids(OPERATOR), vec![0]);
		assert!(ids(STRANGER).is_empty());
		// A request that is not in the operator's index is not found by the filter: the
		// filter reads the index, not every request.
		crate::OperatorRequests::<Test>::remove(OPERATOR, 0);
		assert!(ids(OPERATOR).is_empty());
		assert!(crate::Pallet::<Test>::do_try_state().is_err(), "try_state sees the gap");
		crate::OperatorRequests::<Test>::insert(OPERATOR, 0, VETO_AVS);
		assert_ok!(Slashing::veto_slash(RuntimeOrigin::signed(RESOLVER), 0));
		assert!(ids(OPERATOR).is_empty());
		assert_eq!(crate::OperatorRequests::<Test>::iter_prefix(OPERATOR).count(), 0);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}
