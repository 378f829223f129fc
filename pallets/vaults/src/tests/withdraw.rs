use super::*;
use restake_primitives::traits::VaultSlash;

#[test]
fn request_withdrawal_burns_lrt_and_queues_assets() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		vault_events();
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 400_000));
		assert_eq!(lrt_of(id, BOB), 600_000);
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		// 400_000 × 1_001 / 1_001_000 = 400, rounded down.
		assert_eq!((vault.total_assets, vault.total_shares), (600, 600_000));
		assert_eq!((vault.queued_assets, vault.queued_units), (400, 400));
		let requests = crate::Withdrawals::<Test>::get(id, BOB);
		assert_eq!(requests.len(), 1);
		assert_eq!(requests[0].unlock_at, 1 + MIN_DELAY);
		assert_eq!(
			vault_events(),
			vec![Event::WithdrawalRequested {
				vault: id,
				who: BOB,
				shares: 400_000,
				assets: 400,
				unlock_at: 1 + MIN_DELAY
			}]
		);
	});
}

#[test]
fn request_withdrawal_errors() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_001),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(CHARLIE), id, 1),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 999),
			Error::<Test>::WithdrawalTooSmall
		);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), 5, 1),
			Error::<Test>::VaultNotFound
		);
		for _ in 0..MAX_REQUESTS {
			assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000));
		}
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000),
			Error::<Test>::TooManyWithdrawalRequests
		);
	});
}

#[test]
fn claim_pays_after_the_delay_and_anyone_can_trigger_it() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		run_to_block(MIN_DELAY);
		assert_noop!(
			Vaults::claim_withdrawals(RuntimeOrigin::signed(CHARLIE), id, BOB),
			Error::<Test>::NothingToClaim
		);
		run_to_block(1 + MIN_DELAY);
		let before = steth_of(BOB);
		vault_events();
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(CHARLIE), id, BOB));
		assert_eq!(steth_of(BOB), before + 1_000);
		assert!(crate::Withdrawals::<Test>::get(id, BOB).is_empty());
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.queued_assets, vault.queued_units), (0, 0));
		assert_eq!(
			vault_events(),
			vec![Event::WithdrawalsClaimed { vault: id, who: BOB, assets: 1_000, requests: 1 }]
		);
		assert_noop!(
			Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn claim_settles_only_unlocked_requests() {
	build_and_execute(|| {
		let id = two_requests_the_first_due();
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		let left = crate::Withdrawals::<Test>::get(id, BOB);
		assert_eq!(left.len(), 1);
		assert_eq!(left[0].shares, 200_000);
		run_to_block(5 + MIN_DELAY);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert_eq!(steth_of(BOB), INITIAL_LST - 700);
	});
}

#[test]
fn queued_withdrawals_stay_slashable_and_pay_the_lower_value() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		// Slash 10 % of everything: 100 from the queue, 100 from active.
		assert_eq!(<crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(id, 200), Ok(200));
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.total_assets, vault.queued_assets), (900, 900));
		run_to_block(1 + MIN_DELAY);
		let before = steth_of(BOB);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert_eq!(steth_of(BOB) - before, 900, "pays the slashed value, not the requested one");
	});
}

#[test]
fn withdrawals_work_while_paused() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::set_paused(RuntimeOrigin::root(), id, true));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		run_to_block(1 + MIN_DELAY);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
	});
}

#[test]
fn lrt_is_transferable_and_the_receiver_can_withdraw() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		let lrt = crate::Vaults::<Test>::get(id).unwrap().lrt;
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), lrt, DAVE, 250_000));
		assert_eq!(lrt_of(id, DAVE), 250_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(DAVE), id, 250_000));
		run_to_block(1 + MIN_DELAY);
		let before = steth_of(DAVE);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, DAVE));
		assert_eq!(steth_of(DAVE) - before, 250);
	});
}

#[test]
fn only_the_vault_mints_lrt() {
	build_and_execute(|| {
		let id = create_steth_vault();
		let lrt = crate::Vaults::<Test>::get(id).unwrap().lrt;
		assert_noop!(
			Assets::mint(RuntimeOrigin::signed(ALICE), lrt, ALICE, 1_000),
			pallet_assets::Error::<Test>::NoPermission
		);
	});
}

#[test]
fn claims_wait_while_a_slash_is_pending_against_the_vault() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		run_to_block(1 + MIN_DELAY);
		PENDING_SLASH.with(|p| p.borrow_mut().push(id));
		assert_noop!(
			Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::SlashPending
		);
		PENDING_SLASH.with(|p| p.borrow_mut().clear());
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
	});
}

/// `preview_withdraw` runs the request's own checks and maths (`plan_withdrawal`): what it
/// promises is what the request queues, mid-release of rewards too, and its errors are the
/// request's.
#[test]
fn preview_withdraw_is_what_the_request_queues() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 500));
		run_to_block(1 + RELEASE_PERIOD / 3);
		for shares in [1_000u128, 7_777, 100_000] {
			let preview = Vaults::preview_withdraw(id, shares);
			assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, shares));
			let queued = crate::Withdrawals::<Test>::get(id, BOB).last().unwrap().assets_at_request;
			assert_eq!(preview, Ok(queued));
		}
		for (shares, error) in
			[(0, Error::<Test>::ZeroAmount), (100, Error::<Test>::WithdrawalTooSmall)]
		{
			let error: polkadot_sdk::sp_runtime::DispatchError = error.into();
			assert_eq!(Vaults::preview_withdraw(id, shares), Err(error));
			assert_noop!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, shares), error);
		}
		let supply = crate::Vaults::<Test>::get(id).unwrap().total_shares;
		assert_eq!(
			Vaults::preview_withdraw(id, supply + 1),
			Err(Error::<Test>::InsufficientShares.into())
		);
		assert_noop!(
			Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, supply + 1),
			Error::<Test>::InsufficientShares
		);
	});
}
