use super::*;
use crate::{Avss, Operators as OperatorsStorage, OptIns};
use polkadot_sdk::{
	frame_support::traits::fungible::{InspectHold as _, Mutate as _},
	sp_runtime::DispatchError,
};

#[test]
fn register_avs_holds_the_deposit_and_records_roles() {
	build_and_execute(|| {
		assert_ok!(Operators::register_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			s("da-layer"),
			s("https://da"),
			true,
			SLASHER,
			None
		));
		let avs = Avss::<Test>::get(0).unwrap();
		assert_eq!((avs.owner, avs.slasher, avs.resolver), (AVS_OWNER, SLASHER, None));
		assert!(avs.requires_approval);
		assert_eq!(
			Balances::balance_on_hold(&crate::HoldReason::AvsRegistration.into(), &AVS_OWNER),
			AVS_DEPOSIT
		);
		assert_eq!(operator_events(), vec![Event::AvsRegistered { avs: 0, owner: AVS_OWNER }]);
	});
}

#[test]
fn register_avs_without_funds_fails() {
	build_and_execute(|| {
		assert_noop!(
			Operators::register_avs(
				RuntimeOrigin::signed(99),
				s("x"),
				s("x"),
				false,
				SLASHER,
				None
			),
			polkadot_sdk::sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn only_the_owner_manages_an_avs() {
	build_and_execute(|| {
		setup_pair();
		let stranger = || RuntimeOrigin::signed(STRANGER);
		assert_noop!(
			Operators::update_avs(stranger(), 0, s("x"), s("y"), true),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::set_accepted_asset(stranger(), 0, 1, Some(Perbill::one())),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(Operators::deregister_avs(stranger(), 0), Error::<Test>::NotAvsOwner);
		assert_noop!(
			Operators::approve_operator(stranger(), 0, OPERATOR),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::update_avs(stranger(), 9, s("x"), s("y"), true),
			Error::<Test>::AvsNotFound
		);
		assert_noop!(
			Operators::update_avs(RuntimeOrigin::root(), 0, s("x"), s("y"), true),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn accepted_assets_are_bounded_and_removable() {
	build_and_execute(|| {
		setup_pair();
		let owner = || RuntimeOrigin::signed(AVS_OWNER);
		assert_ok!(Operators::set_accepted_asset(owner(), 0, 1, Some(Perbill::from_percent(100))));
		assert_ok!(Operators::set_accepted_asset(owner(), 0, 2, Some(Perbill::from_percent(50))));
		assert_noop!(
			Operators::set_accepted_asset(owner(), 0, 3, Some(Perbill::one())),
			Error::<Test>::TooManyAcceptedAssets
		);
		assert_ok!(Operators::set_accepted_asset(owner(), 0, 2, None));
		assert_noop!(
			Operators::set_accepted_asset(owner(), 0, 2, None),
			Error::<Test>::AssetNotAccepted
		);
		assert_eq!(Avss::<Test>::get(0).unwrap().accepted_assets.len(), 1);
	});
}

#[test]
fn operator_registration_holds_the_deposit() {
	build_and_execute(|| {
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			s("op"),
			Perbill::from_percent(5)
		));
		assert_eq!(
			Balances::balance_on_hold(&crate::HoldReason::OperatorBond.into(), &OPERATOR),
			OPERATOR_DEPOSIT
		);
		assert_noop!(
			Operators::register_operator(RuntimeOrigin::signed(OPERATOR), s("op"), Perbill::zero()),
			Error::<Test>::AlreadyOperator
		);
		assert_noop!(
			Operators::register_operator(
				RuntimeOrigin::signed(OPERATOR_2),
				s("op"),
				Perbill::from_percent(51)
			),
			Error::<Test>::CommissionTooHigh
		);
	});
}

#[test]
fn commission_increases_wait_and_decreases_apply_at_once() {
	build_and_execute(|| {
		setup_pair();
		assert_ok!(Operators::set_commission(
			RuntimeOrigin::signed(OPERATOR),
			Perbill::from_percent(5)
		));
		assert_eq!(Operators::commission_of(&OPERATOR), Some(Perbill::from_percent(5)));
		assert_ok!(Operators::set_commission(
			RuntimeOrigin::signed(OPERATOR),
			Perbill::from_percent(20)
		));
		assert_eq!(Operators::commission_of(&OPERATOR), Some(Perbill::from_percent(5)));
		System::set_block_number(1 + COMMISSION_DELAY);
		assert_eq!(Operators::commission_of(&OPERATOR), Some(Perbill::from_percent(20)));
		assert_noop!(
			Operators::set_commission(RuntimeOrigin::signed(STRANGER), Perbill::zero()),
			Error::<Test>::NotOperator
		);
	});
}

#[test]
fn opt_in_with_approval_waits_for_the_owner() {
	build_and_execute(|| {
		assert_ok!(Operators::register_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			s("bridge"),
			s("b"),
			true,
			SLASHER,
			None
		));
		for op in [OPERATOR, OPERATOR_2] {
			assert_ok!(Operators::register_operator(
				RuntimeOrigin::signed(op),
				s("o"),
				Perbill::zero()
			));
			assert_ok!(Operators::opt_in(RuntimeOrigin::signed(op), 0));
			assert_eq!(OptIns::<Test>::get(0, op), Some(OptInStatus::Pending));
		}
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR), 0),
			Error::<Test>::AlreadyOptedIn
		);
		assert_ok!(Operators::approve_operator(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR));
		assert_ok!(Operators::reject_operator(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR_2));
		assert_eq!(OptIns::<Test>::get(0, OPERATOR), Some(OptInStatus::Active));
		assert_eq!(OptIns::<Test>::get(0, OPERATOR_2), None);
		assert_eq!(Avss::<Test>::get(0).unwrap().operator_count, 1);
		assert_eq!(OperatorsStorage::<Test>::get(OPERATOR_2).unwrap().avs_count, 0);
		assert_noop!(
			Operators::approve_operator(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR_2),
			Error::<Test>::NoPendingOptIn
		);
	});
}

#[test]
fn opt_in_is_bounded_and_needs_a_live_avs_and_a_registered_operator() {
	build_and_execute(|| {
		setup_pair();
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR), 7),
			Error::<Test>::AvsNotFound
		);
		for i in 1..=MAX_AVS_PER_OPERATOR {
			assert_ok!(Operators::register_avs(
				RuntimeOrigin::signed(AVS_OWNER),
				s("a"),
				s("a"),
				false,
				SLASHER,
				None
			));
			if i < MAX_AVS_PER_OPERATOR {
				assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR), i));
			}
		}
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR), MAX_AVS_PER_OPERATOR),
			Error::<Test>::TooManyAvs
		);
		assert_ok!(Operators::deregister_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			MAX_AVS_PER_OPERATOR
		));
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR_2),
			s("o"),
			Perbill::zero()
		));
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR_2), MAX_AVS_PER_OPERATOR),
			Error::<Test>::AvsDeregistered
		);
	});
}

#[test]
fn operators_per_avs_are_bounded() {
	build_and_execute(|| {
		setup_pair();
		for op in 10..(10 + MAX_OPERATORS_PER_AVS as u64 - 1) {
			Balances::set_balance(&op, 1_000);
			assert_ok!(Operators::register_operator(
				RuntimeOrigin::signed(op),
				s("o"),
				Perbill::zero()
			));
			assert_ok!(Operators::opt_in(RuntimeOrigin::signed(op), 0));
		}
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR_2),
			s("o"),
			Perbill::zero()
		));
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR_2), 0),
			Error::<Test>::TooManyOperators
		);
	});
}

#[test]
fn opt_out_keeps_the_operator_slashable_until_the_delay_passes() {
	use restake_primitives::traits::StakeInspect;
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 40);
		let now = System::block_number();
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		assert_noop!(
			Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs),
			Error::<Test>::AlreadyOptingOut
		);
		assert!(<Operators as StakeInspect<_, _>>::is_slashable_operator(&OPERATOR, avs));
		assert_eq!(
			<Operators as StakeInspect<_, _>>::slashable_allocation(0, &OPERATOR, avs),
			400_000
		);
		assert_noop!(
			Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs),
			Error::<Test>::StillSlashable
		);
		System::set_block_number(now + DEALLOCATION_DELAY);
		assert!(!<Operators as StakeInspect<_, _>>::is_slashable_operator(&OPERATOR, avs));
		assert_eq!(<Operators as StakeInspect<_, _>>::slashable_allocation(0, &OPERATOR, avs), 0);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		assert_eq!(OptIns::<Test>::get(avs, OPERATOR), None);
		assert_eq!(crate::VaultMagnitudes::<Test>::get(0).encumbered, 0);
		assert_eq!(
			operator_events().last(),
			Some(&Event::OperatorOptedOut { operator: OPERATOR, avs })
		);
	});
}
