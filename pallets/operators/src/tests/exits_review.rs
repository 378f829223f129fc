//! Attacks from the outside review of issue 17's lifecycle calls that held up: deposits
//! under shared holds, exits under a pending slash, withdrawn increases under a capture, the
//! v3 migration's hold. (The review's two findings have their tests in `exits.rs`.)

use super::*;
use crate::{
	Allocations, HoldReason, OperatorExitDelay, PairVaults, PendingAvsOwners, VaultMagnitudes,
};
use polkadot_sdk::frame_support::traits::fungible::{Inspect, InspectHold};
use restake_primitives::traits::{AllocationSlash, StakeInspect};

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}
fn total(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

#[test]
fn audit_ownership_and_release_with_shared_hold_reason() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		for (who, name) in [(AVS_OWNER, "a"), (AVS_OWNER, "b"), (CURATOR, "c")] {
			assert_ok!(Operators::register_avs(
				RuntimeOrigin::signed(who),
				s(name),
				s(name),
				false,
				SLASHER,
				Some(RESOLVER)
			));
		}
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), 2 * AVS_DEPOSIT);
		// Offer AVS 0 to CURATOR (already owner of AVS 2), then change mind and offer to
		// STRANGER: CURATOR can no longer accept.
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(AVS_OWNER),
			0,
			Some(CURATOR)
		));
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(AVS_OWNER),
			0,
			Some(STRANGER)
		));
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(CURATOR), 0),
			Error::<Test>::NotPendingOwner
		);
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(AVS_OWNER),
			0,
			Some(CURATOR)
		));
		assert_ok!(Operators::accept_avs_ownership(RuntimeOrigin::signed(CURATOR), 0));
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(CURATOR), 0),
			Error::<Test>::NotPendingOwner
		);
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), AVS_DEPOSIT);
		assert_eq!(held(HoldReason::AvsRegistration, CURATOR), 2 * AVS_DEPOSIT);
		// Old owner cannot act any more.
		assert_noop!(
			Operators::deregister_avs(RuntimeOrigin::signed(AVS_OWNER), 0),
			Error::<Test>::NotAvsOwner
		);
		// CURATOR deregisters AVS 0 and offers it back to AVS_OWNER before completion.
		assert_ok!(Operators::deregister_avs(RuntimeOrigin::signed(CURATOR), 0));
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(CURATOR),
			0,
			Some(AVS_OWNER)
		));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), 0));
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::DepositAlreadyReleased
		);
		assert_eq!(held(HoldReason::AvsRegistration, CURATOR), AVS_DEPOSIT);
		// The completed exit dropped the offer: nothing to accept, nothing held or released.
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(AVS_OWNER), 0),
			Error::<Test>::NotPendingOwner
		);
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), AVS_DEPOSIT);
		assert_eq!(held(HoldReason::AvsRegistration, CURATOR), AVS_DEPOSIT);
		assert_eq!(total(AVS_OWNER) + total(CURATOR), 20_000);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(!PendingAvsOwners::<Test>::contains_key(0));
	});
}

/// Held up: cancelling an increase while a slash request holds the pair does not free
/// captured stake, keeps capacity accounting and execution of the capture exact.
#[test]
fn audit_cancel_increase_under_a_pending_capture() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 30);
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs,
			Perbill::from_percent(60)
		));
		let now = System::block_number();
		HOLDS.with(|h| h.borrow_mut().push((OPERATOR, avs, now, now + 100)));
		let captured = <Operators as AllocationSlash<_, _>>::capture(&OPERATOR, avs);
		assert_eq!(captured, vec![(0, 300_000)]);
		assert_ok!(Operators::cancel_allocation_increase(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs
		));
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
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs),
			Error::<Test>::NoPendingIncrease
		);
	});
}

/// Held up: a new allocation cancelled while its operator is leaving / has an increase
/// replaced by the opt-out's wind-down; every refusal is a no-op with its own error.
#[test]
fn audit_cancel_increase_edges() {
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs,
			Perbill::from_percent(40)
		));
		// Wrong origin, unknown vault, unknown allocation.
		assert_noop!(
			Operators::cancel_allocation_increase(
				RuntimeOrigin::signed(STRANGER),
				0,
				OPERATOR,
				avs
			),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 9, OPERATOR, avs),
			Error::<Test>::VaultNotFound
		);
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
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs),
			Error::<Test>::NoPendingIncrease
		);
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		assert!(PairVaults::<Test>::get(OPERATOR, avs).is_empty());
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, 0);
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert!(!OperatorExitDelay::<Test>::contains_key(OPERATOR));
	});
}

/// Held up: a pending slash request keeps the operator (and the AVS deposit) in place: it
/// cannot complete its opt-out, hence cannot deregister; the AVS cannot complete either.
#[test]
fn audit_no_exit_under_a_pending_slash() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		assert_ok!(Operators::deregister_avs(RuntimeOrigin::signed(AVS_OWNER), avs));
		let now = System::block_number();
		// Request at the last slashable block of the opt-out.
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		System::set_block_number(now + DEALLOCATION_DELAY - 1);
		assert!(Operators::is_slashable_operator(&OPERATOR, avs));
		HOLDS
			.with(|h| h.borrow_mut().push((OPERATOR, avs, now + DEALLOCATION_DELAY - 1, now + 40)));
		System::set_block_number(now + DEALLOCATION_DELAY);
		assert_noop!(
			Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs),
			Error::<Test>::StakeCaptured
		);
		assert_noop!(
			Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::StillOptedIn
		);
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::AvsHasOperators
		);
		System::set_block_number(now + 40);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert_ok!(Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs));
		assert!(Allocations::<Test>::iter().next().is_none());
	});
}

/// Held up: role changes cannot be brought forward by replacing / cancelling; refusals are
/// no-ops; a due change is folded in before a new one is compared.
#[test]
fn audit_v3_migration_returns_the_whole_old_hold() {
	use crate::migrations::v3::MigrateV2ToV3;
	use codec::Encode;
	use polkadot_sdk::frame_support::{
		storage::unhashed,
		traits::{fungible::MutateHold, OnRuntimeUpgrade, StorageVersion},
	};
	/// The exact v2 layout from e5c055e's `types.rs`.
	#[derive(Encode)]
	struct OldOperatorInfo {
		name: BoundedVec<u8, ConstU32<16>>,
		commission: Perbill,
		pending_commission: Option<(Perbill, u64)>,
		self_bond: u128,
		deposit: u128,
		avs_count: u32,
	}
	build_and_execute(|| {
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			s("op"),
			Perbill::zero()
		));
		// v2 held deposit + self-bond.
		assert_ok!(<Balances as MutateHold<_>>::hold(
			&HoldReason::OperatorBond.into(),
			&OPERATOR,
			300
		));
		let old = OldOperatorInfo {
			name: s("op"),
			commission: Perbill::from_percent(7),
			pending_commission: Some((Perbill::from_percent(9), 77)),
			self_bond: 300,
			deposit: OPERATOR_DEPOSIT,
			avs_count: 0,
		};
		unhashed::put_raw(&crate::Operators::<Test>::hashed_key_for(OPERATOR), &old.encode());
		StorageVersion::new(2).put::<Operators>();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		let op = crate::Operators::<Test>::get(OPERATOR).unwrap();
		assert_eq!(op.pending_commission, Some((Perbill::from_percent(9), 77)));
		assert_eq!(op.commission, Perbill::from_percent(7));
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(held(HoldReason::OperatorBond, OPERATOR), 0);
		assert_eq!(Balances::free_balance(OPERATOR), 10_000);
	});
}
