//! Cancelling a queued withdrawal (issue 17): LRT back at the current rate for what the request
//! would pay now, the assets at stake again, nothing escaping a slash.

use super::*;
use restake_primitives::traits::VaultSlash;

fn vault() -> crate::VaultOf<Test> {
	crate::Vaults::<Test>::get(0).unwrap()
}

#[test]
fn cancelling_a_withdrawal_mints_lrt_back_at_the_current_rate() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 400_000));
		run_to_block(3);
		vault_events();
		let post =
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, 1 + MIN_DELAY).unwrap();
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::cancel_withdrawal()));
		// 400 × (600_000 + 1_000) / (600 + 1) = 400_000.
		assert_eq!(lrt_of(id, BOB), 1_000_000);
		let v = vault();
		assert_eq!((v.total_assets, v.total_shares), (1_000, 1_000_000));
		assert_eq!((v.queued_assets, v.queued_units), (0, 0));
		assert!(crate::Withdrawals::<Test>::get(id, BOB).is_empty());
		assert!(!crate::Withdrawals::<Test>::contains_key(id, BOB), "empty list removed");
		assert_eq!(
			vault_events(),
			vec![Event::WithdrawalCancelled {
				vault: id,
				who: BOB,
				assets: 400,
				shares: 400_000,
				unlock_at: 1 + MIN_DELAY
			}]
		);
	});
}

#[test]
fn a_cancelled_withdrawal_bears_the_slash_that_reached_the_queue() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		// Slash 10 % of everything: 100 from the queue, 100 from active.
		assert_eq!(<crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(id, 200), Ok(200));
		let charlie_before = Vaults::preview_withdraw(id, lrt_of(id, CHARLIE)).unwrap();
		assert_ok!(Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, 1 + MIN_DELAY));
		let v = vault();
		assert_eq!((v.total_assets, v.queued_assets, v.queued_units), (1_800, 0, 0));
		// Bob gets LRT for the 900 a claim would pay, not the 1 000 he queued.
		assert!(Vaults::preview_withdraw(id, lrt_of(id, BOB)).unwrap() <= 900);
		assert!(Vaults::preview_withdraw(id, lrt_of(id, CHARLIE)).unwrap() >= charlie_before);
	});
}

#[test]
fn cancel_withdrawal_errors_change_nothing() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 400_000));
		let unlock = 1 + MIN_DELAY;
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), 5, 0, unlock),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 1, unlock),
			Error::<Test>::WithdrawalNotFound
		);
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, unlock + 1),
			Error::<Test>::WithdrawalNotFound
		);
		// Only the holder's own requests.
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(CHARLIE), id, 0, unlock),
			Error::<Test>::WithdrawalNotFound
		);
		// A request slashed to nothing is worth no share.
		let v = vault();
		let all = v.total_assets + v.queued_assets;
		assert_eq!(<crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(id, all), Ok(all));
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, unlock),
			Error::<Test>::CancellationTooSmall
		);
	});
}

/// A cancel is not a new deposit: the assets were in the vault, and slashable, all along.
#[test]
fn a_cancel_ignores_pauses_caps_and_minimums_and_works_after_unlock_or_during_a_slash() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		for _ in 0..3 {
			assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 100_000));
		}
		let unlock = 1 + MIN_DELAY;
		assert_ok!(Vaults::set_paused(RuntimeOrigin::root(), id, true));
		assert_ok!(Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 700, 500));
		assert_ok!(Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 2, unlock));
		assert_eq!(vault().total_assets, 800, "above the cap of 700");
		run_to_block(unlock);
		PENDING_SLASH.with(|p| p.borrow_mut().push(id));
		// The claim waits; the cancel keeps the stake in the vault, slashable as before.
		assert_noop!(
			Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::SlashPending
		);
		let at_stake = vault().total_assets + vault().queued_assets;
		assert_ok!(Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, unlock));
		assert_eq!(vault().total_assets + vault().queued_assets, at_stake);
		assert_eq!(crate::Withdrawals::<Test>::get(id, BOB).len(), 1);
	});
}

/// Anyone may claim a holder's matured requests, which moves the later ones forward: the
/// unlock block a cancel names keeps it from hitting another request.
#[test]
fn a_claim_that_moves_the_list_cannot_make_a_cancel_hit_another_request() {
	build_and_execute(|| {
		let id = two_requests_the_first_due();
		// A keeper claims the first one just before Bob cancels the second (index 1).
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(DAVE), id, BOB));
		assert_noop!(
			Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 1, 5 + MIN_DELAY),
			Error::<Test>::WithdrawalNotFound
		);
		assert_ok!(Vaults::cancel_withdrawal(RuntimeOrigin::signed(BOB), id, 0, 5 + MIN_DELAY));
		assert_eq!(lrt_of(id, BOB), 900_000);
	});
}
