use super::*;
use crate::PauseState;
use polkadot_sdk::{
	frame_support::traits::fungible::InspectHold as _,
	sp_runtime::{DispatchError, Perbill},
};
use restake_primitives::traits::VaultInspect;

fn hold_of(who: AccountId) -> u128 {
	Balances::balance_on_hold(&RuntimeHoldReason::Vaults(crate::HoldReason::VaultCreation), &who)
}

#[test]
fn curator_calls_refuse_other_accounts() {
	build_and_execute(|| {
		let id = create_steth_vault();
		let bob = || RuntimeOrigin::signed(BOB);
		assert_noop!(Vaults::set_limits(bob(), id, 10, 1), Error::<Test>::NotCurator);
		assert_noop!(
			Vaults::set_curator_fee(bob(), id, Perbill::from_percent(1)),
			Error::<Test>::NotCurator
		);
		assert_noop!(Vaults::set_paused(bob(), id, true), Error::<Test>::NotCuratorOrAdmin);
		assert_noop!(Vaults::allow_avs(bob(), id, 1), Error::<Test>::NotCurator);
		assert_noop!(Vaults::disallow_avs(bob(), id, 1), Error::<Test>::NotCurator);
		assert_noop!(Vaults::propose_curator(bob(), id, BOB), Error::<Test>::NotCurator);
		assert_noop!(Vaults::accept_curatorship(bob(), id), Error::<Test>::NotProposedCurator);
		assert_noop!(
			Vaults::set_limits(RuntimeOrigin::root(), id, 10, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_limits_updates_cap_and_minimum() {
	build_and_execute(|| {
		let id = create_steth_vault();
		vault_events();
		assert_ok!(Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 500, 5));
		let p = crate::Vaults::<Test>::get(id).unwrap().params;
		assert_eq!((p.deposit_cap, p.min_deposit), (500, 5));
		assert_eq!(
			vault_events(),
			vec![Event::LimitsUpdated { vault: id, deposit_cap: 500, min_deposit: 5 }]
		);
		assert_noop!(
			Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 5, 6),
			Error::<Test>::MinimumAboveCap
		);
	});
}

#[test]
fn fee_decrease_is_immediate_and_increase_waits_longer_than_a_withdrawal() {
	build_and_execute(|| {
		let id = create_steth_vault();
		vault_events();
		assert_ok!(Vaults::set_curator_fee(
			RuntimeOrigin::signed(ALICE),
			id,
			Perbill::from_percent(5)
		));
		assert_eq!(
			crate::Vaults::<Test>::get(id).unwrap().params.curator_fee,
			Perbill::from_percent(5)
		);
		assert_ok!(Vaults::set_curator_fee(
			RuntimeOrigin::signed(ALICE),
			id,
			Perbill::from_percent(15)
		));
		let effective_at = 1 + MIN_DELAY + EXTRA_DELAY;
		assert_eq!(
			vault_events(),
			vec![
				Event::CuratorFeeUpdated { vault: id, fee: Perbill::from_percent(5) },
				Event::CuratorFeeIncreaseScheduled {
					vault: id,
					fee: Perbill::from_percent(15),
					effective_at
				},
			]
		);
		assert!(effective_at > 1 + MIN_DELAY, "a withdrawal requested now unlocks first");
		assert_noop!(
			Vaults::set_curator_fee(RuntimeOrigin::signed(ALICE), id, Perbill::from_percent(21)),
			Error::<Test>::CuratorFeeTooHigh
		);

		// Before the increase applies, rewards pay the old 5 %.
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		run_to_block(effective_at - 1);
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 1_000));
		let fee_shares_before = lrt_of(id, ALICE);
		// Once the reward is in, the fee's LRT is worth 5 % of it (a view: it writes nothing,
		// so the clock can look ahead and come back).
		run_to_block(effective_at - 1 + RELEASE_PERIOD);
		assert_eq!(Vaults::preview_withdraw(id, fee_shares_before), Ok(49));
		run_to_block(effective_at);
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 1_000));
		assert_eq!(
			crate::Vaults::<Test>::get(id).unwrap().params.curator_fee,
			Perbill::from_percent(15)
		);
	});
}

#[test]
fn governance_pause_can_only_be_lifted_by_governance() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_noop!(
			Vaults::set_paused(RuntimeOrigin::signed(ALICE), id, false),
			Error::<Test>::NotPaused
		);
		assert_ok!(Vaults::set_paused(RuntimeOrigin::root(), id, true));
		assert_eq!(crate::Vaults::<Test>::get(id).unwrap().pause, PauseState::PausedByGovernance);
		assert_noop!(
			Vaults::set_paused(RuntimeOrigin::signed(ALICE), id, false),
			Error::<Test>::PausedByGovernance
		);
		assert_ok!(Vaults::set_paused(RuntimeOrigin::root(), id, false));
		assert_eq!(crate::Vaults::<Test>::get(id).unwrap().pause, PauseState::Active);
		assert_eq!(
			vault_events()[1..],
			[
				Event::VaultPaused { vault: id, by_governance: true },
				Event::VaultResumed { vault: id }
			]
		);
	});
}

#[test]
fn allow_avs_refuses_an_avs_that_does_not_exist() {
	build_and_execute(|| {
		let id = create_steth_vault();
		// Not even the curator can start a future AVS's risk delay before it is registered.
		assert_noop!(
			Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, UNKNOWN_AVS),
			Error::<Test>::AvsNotFound
		);
		// The curator check comes first.
		assert_noop!(
			Vaults::allow_avs(RuntimeOrigin::signed(BOB), id, UNKNOWN_AVS),
			Error::<Test>::NotCurator
		);
		assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, UNKNOWN_AVS - 1));
	});
}

#[test]
fn disallow_avs_winds_the_vaults_allocations_to_that_avs_down_and_refunds_the_rest() {
	use polkadot_sdk::frame_support::{dispatch::GetDispatchInfo, weights::Weight};
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, 7));
		assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, 8));
		// Refused calls wind nothing down.
		assert_noop!(
			Vaults::disallow_avs(RuntimeOrigin::signed(BOB), id, 7),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Vaults::disallow_avs(RuntimeOrigin::signed(ALICE), id, 9),
			Error::<Test>::AvsNotAllowed
		);
		assert!(WOUND_DOWN.with(|w| w.borrow().is_empty()));

		let call = crate::Call::<Test>::disallow_avs { vault: id, avs: 7 };
		let declared = call.get_dispatch_info().call_weight;
		let base = <() as crate::WeightInfo>::disallow_avs();
		assert_eq!(declared, base + Weight::from_parts(WIND_DOWN_DECLARED, 0));
		let post = Vaults::disallow_avs(RuntimeOrigin::signed(ALICE), id, 7).unwrap();
		assert_eq!(post.actual_weight, Some(base + Weight::from_parts(WIND_DOWN_USED, 0)));
		assert_eq!(WOUND_DOWN.with(|w| w.borrow().clone()), vec![(id, 7)]);
		assert!(vault_events().contains(&Event::AvsDisallowed { vault: id, avs: 7 }));
	});
}

#[test]
fn allowlist_additions_wait_and_removals_are_immediate() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, 7));
		assert!(!<crate::Pallet<Test> as VaultInspect<_, _>>::allows_avs(id, 7));
		run_to_block(1 + MIN_DELAY + EXTRA_DELAY);
		assert!(<crate::Pallet<Test> as VaultInspect<_, _>>::allows_avs(id, 7));
		assert_noop!(
			Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, 7),
			Error::<Test>::AvsAlreadyAllowed
		);
		for avs in 8..(7 + MAX_AVS) {
			assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, avs));
		}
		assert_noop!(
			Vaults::allow_avs(RuntimeOrigin::signed(ALICE), id, 100),
			Error::<Test>::TooManyAllowedAvs
		);
		assert_ok!(Vaults::disallow_avs(RuntimeOrigin::signed(ALICE), id, 7));
		assert!(!<crate::Pallet<Test> as VaultInspect<_, _>>::allows_avs(id, 7));
		assert_noop!(
			Vaults::disallow_avs(RuntimeOrigin::signed(ALICE), id, 7),
			Error::<Test>::AvsNotAllowed
		);
	});
}

#[test]
fn curatorship_moves_in_two_steps_with_the_deposit() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::propose_curator(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Vaults::accept_curatorship(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::NotProposedCurator
		);
		assert_ok!(Vaults::accept_curatorship(RuntimeOrigin::signed(BOB), id));
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.curator, vault.pending_curator), (BOB, None));
		assert_eq!((hold_of(ALICE), hold_of(BOB)), (0, VAULT_DEPOSIT));
		assert_eq!(
			vault_events().last(),
			Some(&Event::CuratorChanged { vault: id, old: ALICE, new: BOB })
		);
		assert_noop!(
			Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 1, 1),
			Error::<Test>::NotCurator
		);
	});
}
