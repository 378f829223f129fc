//! Withdrawing an allocation increase before it takes effect (`cancel_allocation_increase`):
//! the stake was never slashable for the pair, so it leaves at once, never freeing stake a
//! pending slash captured.

use super::*;
use crate::{OperatorExitDelay, PairVaults, VaultMagnitudes};
use restake_primitives::traits::{AllocationSlash, StakeInspect};

#[test]
fn a_curator_withdraws_an_increase_before_it_takes_effect() {
	build_and_execute(|| {
		let avs = setup_pair();
		// A new allocation: withdrawing it frees the slot and the capacity at once.
		assert_ok!(allocate(avs, 40));
		assert_noop!(cancel_increase(STRANGER, 0, avs), Error::<Test>::NotCurator);
		assert_ok!(cancel_increase(CURATOR, 0, avs));
		assert!(PairVaults::<Test>::get(OPERATOR, avs).is_empty());
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, 0);
		assert_eq!(VaultMagnitudes::<Test>::get(0).allocations, 0);
		assert_noop!(cancel_increase(CURATOR, 0, avs), Error::<Test>::AllocationNotFound);
		// An increase of an allocation in force: back to what is in force.
		allocate_and_wait(avs, 40);
		assert_ok!(allocate(avs, 70));
		assert_ok!(cancel_increase(CURATOR, 0, avs));
		let forty = Perbill::from_percent(40).mul_floor(MAGNITUDE_ONE);
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, forty);
		let allocation = crate::Allocations::<Test>::get((0, OPERATOR, avs)).unwrap();
		assert_eq!((allocation.current, allocation.pending), (forty, None));
		// A decrease is not withdrawn (the stake stays slashable for its window).
		assert_ok!(allocate(avs, 20));
		assert_noop!(cancel_increase(CURATOR, 0, avs), Error::<Test>::NoPendingIncrease);
	});
}

#[test]
fn an_increase_in_force_cannot_be_withdrawn() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 40);
		assert_noop!(cancel_increase(CURATOR, 0, avs), Error::<Test>::NoPendingIncrease);
	});
}

/// Held up: cancelling an increase while a slash request holds the pair does not free
/// captured stake, keeps capacity accounting and execution of the capture exact.
#[test]
fn cancelling_an_increase_under_a_pending_capture_frees_no_captured_stake() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 30);
		assert_ok!(allocate(avs, 60));
		let now = System::block_number();
		HOLDS.with(|h| h.borrow_mut().push((OPERATOR, avs, now, now + 100)));
		let captured = <Operators as AllocationSlash<_, _>>::capture(&OPERATOR, avs);
		assert_eq!(captured, vec![(0, 300_000)]);
		assert_ok!(cancel_increase(CURATOR, 0, avs));
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE * 30 / 100);
		assert_eq!(Operators::slashable_allocation(0, &OPERATOR, avs), 300_000);
		let taken = <Operators as AllocationSlash<_, _>>::slash_captured(
			&OPERATOR,
			avs,
			&captured,
			Perbill::from_percent(50),
		)
		.unwrap();
		assert_eq!(taken, vec![(0, 150_000)]);
		// Second cancel: nothing pending.
		assert_noop!(cancel_increase(CURATOR, 0, avs), Error::<Test>::NoPendingIncrease);
	});
}

/// Held up: a new allocation cancelled while its operator is leaving / has an increase
/// replaced by the opt-out's wind-down; every refusal is a no-op with its own error.
#[test]
fn cancel_increase_refusals_are_no_ops_with_their_own_errors() {
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(allocate(avs, 40));
		// Wrong origin, unknown vault, unknown allocation.
		assert_noop!(cancel_increase(STRANGER, 0, avs), Error::<Test>::NotCurator);
		assert_noop!(cancel_increase(CURATOR, 9, avs), Error::<Test>::VaultNotFound);
		assert_noop!(
			Operators::cancel_allocation_increase(
				RuntimeOrigin::signed(CURATOR),
				0,
				OPERATOR_2,
				avs
			),
			Error::<Test>::AllocationNotFound
		);
		// The operator opts out: its wind-down replaces the increase; nothing to cancel.
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		assert_noop!(cancel_increase(CURATOR, 0, avs), Error::<Test>::NoPendingIncrease);
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		assert!(PairVaults::<Test>::get(OPERATOR, avs).is_empty());
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, 0);
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert!(!OperatorExitDelay::<Test>::contains_key(OPERATOR));
	});
}
