//! Complete lifecycles (issue 17): operators and AVSs leave and get their deposits back (never
//! under a pending slash), AVS roles rotate (owner in two steps, slasher and resolver after a
//! delay), operators rename themselves.

use super::*;
use crate::{
	Allocations, AvsExitDelay, Avss, HoldReason, OperatorExitDelay, PendingAvsOwners,
	PendingAvsRoles, VaultAllowlists,
};
use polkadot_sdk::frame_support::traits::fungible::Mutate;
use restake_primitives::traits::StakeInspect;

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
		assert_noop!(set_roles(STRANGER, avs, STRANGER, None), Error::<Test>::NotAvsOwner);
		assert_noop!(
			set_roles(AVS_OWNER, avs, SLASHER, Some(RESOLVER)),
			Error::<Test>::AvsRolesUnchanged
		);
		let now = System::block_number();
		assert_noop!(set_roles(AVS_OWNER, avs, STRANGER, None), Error::<Test>::ResolverRequired);
		assert_ok!(set_roles(AVS_OWNER, avs, STRANGER, Some(CURATOR)));
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
			set_roles(AVS_OWNER, avs, STRANGER, Some(CURATOR)),
			Error::<Test>::AvsRolesUnchanged
		);
	});
}

#[test]
fn a_scheduled_role_change_can_be_withdrawn_or_replaced() {
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(set_roles(AVS_OWNER, avs, STRANGER, Some(RESOLVER)));
		// Naming the roles in force withdraws it.
		assert_ok!(set_roles(AVS_OWNER, avs, SLASHER, Some(RESOLVER)));
		assert!(!PendingAvsRoles::<Test>::contains_key(avs));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY + 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(SLASHER));
		// A new change restarts the wait.
		assert_ok!(set_roles(AVS_OWNER, avs, STRANGER, Some(RESOLVER)));
		System::set_block_number(System::block_number() + 5);
		assert_ok!(set_roles(AVS_OWNER, avs, CURATOR, Some(RESOLVER)));
		System::set_block_number(System::block_number() + DEALLOCATION_DELAY - 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(SLASHER));
		System::set_block_number(System::block_number() + 1);
		assert_eq!(Operators::avs_roles(avs).map(|r| r.slasher), Some(CURATOR));
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
fn completing_a_deregistration_keeps_the_roles_in_force() {
	// Review finding: the record was written back with the roles a due change replaced.
	build_and_execute(|| {
		let avs = setup_pair();
		assert_ok!(set_roles(AVS_OWNER, avs, STRANGER, Some(CURATOR)));
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
		assert_noop!(set_roles(AVS_OWNER, avs, SLASHER, None), Error::<Test>::ResolverRequired);
		// An AVS without a resolver may name one.
		assert_ok!(Operators::register_avs(
			RuntimeOrigin::signed(AVS_OWNER),
			s("b"),
			s("b"),
			false,
			SLASHER,
			None
		));
		assert_ok!(set_roles(AVS_OWNER, 1, SLASHER, Some(RESOLVER)));
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

#[test]
fn avs_ownership_and_deposits_move_exactly_under_one_shared_hold_reason() {
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

/// Held up: a pending slash request keeps the operator (and the AVS deposit) in place: it
/// cannot complete its opt-out, hence cannot deregister; the AVS cannot complete either.
#[test]
fn no_exit_completes_under_a_pending_slash() {
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
