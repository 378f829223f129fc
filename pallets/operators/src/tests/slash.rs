use super::*;
use crate::{Allocations, VaultMagnitudes};
use restake_primitives::traits::AllocationSlash;

fn slash(avs: AvsId, percent: u32) -> Vec<(u32, u128)> {
	<Operators as AllocationSlash<_, _>>::slash_allocations(
		&OPERATOR,
		avs,
		Perbill::from_percent(percent),
	)
	.unwrap()
}

/// Two AVSs, each with 30 % of vault 0 allocated to `OPERATOR`.
fn two_avs() {
	setup_pair();
	second_avs_opted_in();
	assert_ok!(allocate(1, 30));
	allocate_and_wait(0, 30);
}

#[test]
fn slash_takes_only_from_the_slashing_avs_allocation() {
	build_and_execute(|| {
		two_avs();
		assert_eq!(Operators::allocated_stake(0, &OPERATOR, 1), 300_000);
		assert_eq!(slash(0, 50), vec![(0, 150_000)]);
		with_vault(0, |v| assert_eq!(v.active, 850_000));
		// AVS 0's allocation halved; AVS 1's stake is exactly what it was.
		assert_eq!(Operators::allocated_stake(0, &OPERATOR, 0), 150_000);
		assert_eq!(Operators::allocated_stake(0, &OPERATOR, 1), 300_000);
		assert_eq!(
			operator_events().last(),
			Some(&Event::AllocationSlashed {
				vault: 0,
				operator: OPERATOR,
				avs: 0,
				magnitude: MAGNITUDE_ONE * 15 / 100,
				amount: 150_000
			})
		);
	});
}

#[test]
fn full_slash_empties_exactly_the_allocation() {
	build_and_execute(|| {
		two_avs();
		assert_eq!(slash(0, 100), vec![(0, 300_000)]);
		assert_eq!(Operators::allocated_stake(0, &OPERATOR, 0), 0);
		assert!(Allocations::<Test>::get((0, OPERATOR, 0)).is_none());
		assert_eq!(Operators::allocated_stake(0, &OPERATOR, 1), 300_000);
		assert_eq!(VaultMagnitudes::<Test>::get(0).max, MAGNITUDE_ONE * 7 / 10);
		// Nothing left to take.
		assert_eq!(slash(0, 100), vec![]);
	});
}

#[test]
fn slash_is_rounded_up_never_to_zero() {
	build_and_execute(|| {
		setup_pair();
		with_vault(0, |v| v.active = 10);
		allocate_and_wait(0, 10);
		// 1 % of an allocation worth 1 unit rounds up to 1 unit.
		assert_eq!(slash(0, 1), vec![(0, 1)]);
	});
}

#[test]
fn slash_reaches_queued_withdrawals_pro_rata() {
	build_and_execute(|| {
		setup_pair();
		allocate_and_wait(0, 100);
		with_vault(0, |v| {
			v.active = 600_000;
			v.queued = 400_000;
		});
		assert_eq!(slash(0, 10), vec![(0, 100_000)]);
		with_vault(0, |v| assert_eq!((v.active, v.queued), (540_000, 360_000)));
	});
}

#[test]
fn pending_increase_is_not_slashable_but_pending_decrease_is() {
	build_and_execute(|| {
		setup_pair();
		assert_ok!(allocate(0, 50));
		assert_eq!(slash(0, 100), vec![]);
		System::set_block_number(1 + ALLOCATION_DELAY);
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			0,
			Perbill::zero()
		));
		assert_eq!(slash(0, 10), vec![(0, 50_000)]);
	});
}
