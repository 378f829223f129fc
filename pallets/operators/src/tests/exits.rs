//! Complete lifecycles (issue 17): operators and AVSs leave and get their deposits back, AVS
//! roles rotate (owner in two steps, slasher and resolver after a delay), curators withdraw
//! an increase that has not taken effect, operators rename themselves.

use super::*;
use crate::{
	AvsExitDelay, Avss, HoldReason, OperatorExitDelay, PairVaults, PendingAvsOwners,
	PendingAvsRoles, VaultAllowlists, VaultMagnitudes,
};
use polkadot_sdk::frame_support::traits::fungible::{InspectHold, Mutate};
use restake_primitives::traits::StakeInspect;

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Opts `OPERATOR` out of `avs` and waits until the opt-out can complete.
fn leave(avs: AvsId) {
	assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
	System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
	assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
}

#[test]
fn an_operator_leaves_only_after_every_opt_out_completed_and_gets_its_deposit_back() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		assert_ok!(Operators::set_vault_allowlist(
			RuntimeOrigin::signed(OPERATOR),
			Some(vec![0].try_into().unwrap())
		));
		assert_eq!(held(HoldReason::OperatorBond, OPERATOR), OPERATOR_DEPOSIT);
		// Opted in: refused, nothing changes.
		assert_noop!(
			Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::StillOptedIn
		);
		// Leaving but still slashable: refused too.
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		assert_noop!(
			Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::StillOptedIn
		);
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		assert_noop!(
			Operators::deregister_operator(RuntimeOrigin::signed(STRANGER)),
			Error::<Test>::NotOperator
		);
		System::reset_events();
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(held(HoldReason::OperatorBond, OPERATOR), 0);
		assert!(crate::Operators::<Test>::get(OPERATOR).is_none());
		assert!(!VaultAllowlists::<Test>::contains_key(OPERATOR));
		assert!(!OperatorExitDelay::<Test>::contains_key(OPERATOR));
		assert_eq!(
			operator_events(),
			vec![Event::OperatorDeregistered { operator: OPERATOR, released: OPERATOR_DEPOSIT }]
		);
		// It is gone from every role: it cannot opt in, and can register again.
		assert_noop!(
			Operators::opt_in(RuntimeOrigin::signed(OPERATOR), avs),
			Error::<Test>::NotOperator
		);
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			s("again"),
			Perbill::zero()
		));
	});
}

#[test]
fn a_pending_opt_in_also_keeps_an_operator_registered() {
	build_and_execute(|| {
		assert_ok!(Operators::register_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			s("a"),
			s("a"),
			true,
			SLASHER,
			None
		));
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR),
			s("o"),
			Perbill::zero()
		));
		assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR), 0));
		assert_noop!(
			Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)),
			Error::<Test>::StillOptedIn
		);
		assert_ok!(Operators::reject_operator(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR));
		assert_ok!(Operators::deregister_operator(RuntimeOrigin::signed(OPERATOR)));
	});
}

#[test]
fn an_avs_deposit_comes_back_once_nothing_is_slashable_and_no_operator_is_left() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), AVS_DEPOSIT);
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::AvsNotDeregistered
		);
		assert_ok!(Operators::deregister_avs(RuntimeOrigin::signed(AVS_OWNER), avs));
		let at = System::block_number();
		// Its stake stays slashable for the deallocation delay.
		assert!(Operators::avs_can_slash(avs));
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::StillSlashable
		);
		System::set_block_number(at + DEALLOCATION_DELAY);
		assert!(!Operators::avs_can_slash(avs));
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::AvsHasOperators
		);
		// The owner ejects the operator; its opt-out completes after the window.
		assert_ok!(Operators::eject_operator(RuntimeOrigin::signed(AVS_OWNER), avs, OPERATOR));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		System::reset_events();
		// Anyone may complete it; the deposit goes to the owner.
		assert_ok!(Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs));
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), 0);
		assert_eq!(
			operator_events(),
			vec![Event::AvsDeregistrationCompleted {
				avs,
				owner: AVS_OWNER,
				released: AVS_DEPOSIT
			}]
		);
		// The record stays (ids are never reused); a second release is refused.
		assert_eq!(Avss::<Test>::get(avs).map(|a| a.deposit), Some(0));
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::DepositAlreadyReleased
		);
		assert_noop!(
			Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), 9),
			Error::<Test>::AvsNotFound
		);
	});
}

#[test]
fn avs_ownership_moves_in_two_steps_with_its_deposit() {
	build_and_execute(|| {
		let avs = setup_pair();
		assert_noop!(
			Operators::transfer_avs_ownership(RuntimeOrigin::signed(STRANGER), avs, Some(CURATOR)),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::transfer_avs_ownership(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				Some(AVS_OWNER)
			),
			Error::<Test>::AlreadyAvsOwner
		);
		assert_noop!(
			Operators::transfer_avs_ownership(RuntimeOrigin::signed(AVS_OWNER), avs, None),
			Error::<Test>::NoOwnershipOffer
		);
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			Some(CURATOR)
		));
		// Nothing changes until the new owner accepts; only it may.
		assert_eq!(Operators::avs_roles(avs).map(|r| r.owner), Some(AVS_OWNER));
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::NotPendingOwner
		);
		assert_ok!(Operators::accept_avs_ownership(RuntimeOrigin::signed(CURATOR), avs));
		assert_eq!(Operators::avs_roles(avs).map(|r| r.owner), Some(CURATOR));
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), 0);
		assert_eq!(held(HoldReason::AvsRegistration, CURATOR), AVS_DEPOSIT);
		assert!(!PendingAvsOwners::<Test>::contains_key(avs));
		// The old owner has no say any more; the offer cannot be accepted twice.
		assert_noop!(
			Operators::update_avs(RuntimeOrigin::signed(AVS_OWNER), avs, s("x"), s("x"), false),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(CURATOR), avs),
			Error::<Test>::NotPendingOwner
		);
		// An offer can be withdrawn.
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(CURATOR),
			avs,
			Some(STRANGER)
		));
		assert_ok!(Operators::transfer_avs_ownership(RuntimeOrigin::signed(CURATOR), avs, None));
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::NotPendingOwner
		);
	});
}

#[test]
fn an_owner_who_cannot_hold_the_deposit_cannot_accept() {
	build_and_execute(|| {
		let avs = setup_pair();
		Balances::set_balance(&STRANGER, 1);
		assert_ok!(Operators::transfer_avs_ownership(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			Some(STRANGER)
		));
		assert!(Operators::accept_avs_ownership(RuntimeOrigin::signed(STRANGER), avs).is_err());
		assert_eq!(Operators::avs_roles(avs).map(|r| r.owner), Some(AVS_OWNER));
		assert_eq!(held(HoldReason::AvsRegistration, AVS_OWNER), AVS_DEPOSIT);
	});
}

#[test]
fn a_slasher_change_waits_for_every_exit_it_affects() {
	build_and_execute(|| {
		let avs = setup_pair();
		// A vault with a 40-block withdrawal delay has backed the AVS.
		AvsExitDelay::<Test>::insert(avs, 40);
		assert_noop!(
			Operators::set_avs_roles(RuntimeOrigin::signed(STRANGER), avs, STRANGER, None),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::set_avs_roles(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				SLASHER,
				Some(RESOLVER)
			),
			Error::<Test>::AvsRolesUnchanged
		);
		let now = System::block_number();
		assert_noop!(
			Operators::set_avs_roles(RuntimeOrigin::signed(AVS_OWNER), avs, STRANGER, None),
			Error::<Test>::ResolverRequired
		);
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			STRANGER,
			Some(CURATOR)
		));
		let effective_at = now + 41;
		assert_eq!(PendingAvsRoles::<Test>::get(avs).map(|p| p.effective_at), Some(effective_at));
		// The old roles stay in force until then, for requests and vetoes alike.
		System::set_block_number(effective_at - 1);
		let roles = Operators::avs_roles(avs).unwrap();
		assert_eq!((roles.slasher, roles.resolver), (SLASHER, Some(RESOLVER)));
		System::set_block_number(effective_at);
		let roles = Operators::avs_roles(avs).unwrap();
		assert_eq!((roles.slasher, roles.resolver), (STRANGER, Some(CURATOR)));
		// Naming the roles in force now is no change.
		assert_noop!(
			Operators::set_avs_roles(
				RuntimeOrigin::signed(AVS_OWNER),
				avs,
				STRANGER,
				Some(CURATOR)
			),
			Error::<Test>::AvsRolesUnchanged
		);
	});
}

#[test]
fn a_scheduled_role_change_can_be_withdrawn_or_replaced() {
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			STRANGER,
			Some(RESOLVER)
		));
		// Naming the roles in force withdraws it.
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			SLASHER,
			Some(RESOLVER)
		));
		assert!(!PendingAvsRoles::<Test>::contains_key(avs));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY + 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(SLASHER));
		// A new change restarts the wait.
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			STRANGER,
			Some(RESOLVER)
		));
		System::set_block_number(System::block_number() + 5);
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			CURATOR,
			Some(RESOLVER)
		));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY - 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(SLASHER));
		System::set_block_number(System::block_number() + 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(CURATOR));
	});
}

#[test]
fn a_curator_withdraws_an_increase_before_it_takes_effect() {
	build_and_execute(|| {
		let avs = setup_pair();
		// A new allocation: withdrawing it frees the slot and the capacity at once.
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs,
			Perbill::from_percent(40)
		));
		assert_noop!(
			Operators::cancel_allocation_increase(
				RuntimeOrigin::signed(STRANGER),
				0,
				OPERATOR,
				avs
			),
			Error::<Test>::NotCurator
		);
		assert_ok!(Operators::cancel_allocation_increase(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs
		));
		assert!(PairVaults::<Test>::get(OPERATOR, avs).is_empty());
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, 0);
		assert_eq!(VaultMagnitudes::<Test>::get(0).allocations, 0);
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs),
			Error::<Test>::AllocationNotFound
		);
		// An increase of an allocation in force: back to what is in force.
		allocate_and_wait(avs, 40);
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs,
			Perbill::from_percent(70)
		));
		assert_ok!(Operators::cancel_allocation_increase(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs
		));
		let forty = Perbill::from_percent(40).mul_floor(MAGNITUDE_ONE);
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, forty);
		let allocation = crate::Allocations::<Test>::get((0, OPERATOR, avs)).unwrap();
		assert_eq!((allocation.current, allocation.pending), (forty, None));
		// A decrease is not withdrawn (the stake stays slashable for its window).
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			0,
			OPERATOR,
			avs,
			Perbill::from_percent(20)
		));
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs),
			Error::<Test>::NoPendingIncrease
		);
	});
}

#[test]
fn an_increase_in_force_cannot_be_withdrawn() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 40);
		assert_noop!(
			Operators::cancel_allocation_increase(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs),
			Error::<Test>::NoPendingIncrease
		);
	});
}

#[test]
fn an_operator_renames_itself() {
	build_and_execute(|| {
		setup_pair();
		assert_ok!(Operators::update_operator(RuntimeOrigin::signed(OPERATOR), s("renamed")));
		assert_eq!(crate::Operators::<Test>::get(OPERATOR).map(|o| o.name), Some(s("renamed")));
		assert_noop!(
			Operators::update_operator(RuntimeOrigin::signed(STRANGER), s("x")),
			Error::<Test>::NotOperator
		);
	});
}

#[test]
fn the_v3_migration_folds_the_self_bond_into_the_deposit() {
	use crate::migrations::v3::{MigrateV2ToV3, OperatorV2};
	use codec::Encode;
	use polkadot_sdk::frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	build_and_execute(|| {
		setup_pair();
		let old = OperatorV2::<u64, ConstU32<16>> {
			name: s("op"),
			commission: Perbill::from_percent(10),
			pending_commission: None,
			self_bond: 300,
			deposit: OPERATOR_DEPOSIT,
			avs_count: 1,
		};
		unhashed::put_raw(&crate::Operators::<Test>::hashed_key_for(OPERATOR), &old.encode());
		StorageVersion::new(2).put::<Operators>();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Operators::on_chain_storage_version(), 3);
		let op = crate::Operators::<Test>::get(OPERATOR).unwrap();
		assert_eq!((op.deposit, op.avs_count), (OPERATOR_DEPOSIT + 300, 1));
	});
}

#[test]
fn completing_a_deregistration_keeps_the_roles_in_force() {
	// Review finding: the record was written back with the roles a due change replaced.
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			STRANGER,
			Some(CURATOR)
		));
		assert_ok!(Operators::deregister_avs(RuntimeOrigin::signed(AVS_OWNER), avs));
		assert_ok!(Operators::eject_operator(RuntimeOrigin::signed(AVS_OWNER), avs, OPERATOR));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY);
		assert_ok!(Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPERATOR, avs));
		let roles = Operators::avs_roles(avs).unwrap();
		assert_eq!((roles.slasher, roles.resolver), (STRANGER, Some(CURATOR)));
		assert_ok!(Operators::complete_avs_deregistration(RuntimeOrigin::signed(STRANGER), avs));
		let roles = Operators::avs_roles(avs).unwrap();
		assert_eq!((roles.slasher, roles.resolver), (STRANGER, Some(CURATOR)));
		let stored = Avss::<Test>::get(avs).unwrap();
		assert_eq!((stored.slasher, stored.resolver), (STRANGER, Some(CURATOR)));
		assert!(!PendingAvsRoles::<Test>::contains_key(avs));
	});
}

#[test]
fn a_resolver_can_be_replaced_but_never_removed() {
	// Review finding: removing the resolver under a veto policy left a veto window nobody
	// could use.
	build_and_execute(|| {
		let avs = setup_pair();
		assert_noop!(
			Operators::set_avs_roles(RuntimeOrigin::signed(AVS_OWNER), avs, SLASHER, None),
			Error::<Test>::ResolverRequired
		);
		// An AVS without a resolver may name one.
		assert_ok!(Operators::register_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			s("b"),
			s("b"),
			false,
			SLASHER,
			None
		));
		assert_ok!(Operators::set_avs_roles(
			RuntimeOrigin::signed(AVS_OWNER),
			1,
			SLASHER,
			Some(RESOLVER)
		));
	});
}

#[test]
fn leaving_roles_is_refused_to_everyone_else() {
	build_and_execute(|| {
		let avs = setup_pair();
		leave(avs);
		assert_noop!(
			Operators::deregister_avs(RuntimeOrigin::signed(STRANGER), avs),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Operators::accept_avs_ownership(RuntimeOrigin::signed(AVS_OWNER), avs),
			Error::<Test>::NotPendingOwner
		);
		assert!(!Operators::is_slashable_operator(&OPERATOR, avs));
	});
}
