use super::*;
use crate::VaultParams;

#[test]
fn first_deposit_mints_virtual_offset_shares() {
	build_and_execute(|| {
		let id = create_steth_vault();
		vault_events();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		assert_eq!(lrt_of(id, BOB), 1_000 * VIRTUAL_SHARES);
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.total_assets, vault.total_shares), (1_000, 1_000 * VIRTUAL_SHARES));
		assert_eq!(steth_of(BOB), INITIAL_LST - 1_000);
		assert_eq!(steth_of(Vaults::vault_account(id)), 1_000 + vault.seed);
		assert_eq!(
			vault_events(),
			vec![Event::Deposited { vault: id, who: BOB, assets: 1_000, shares: 1_000_000 }]
		);
	});
}

#[test]
fn deposit_mints_shares_at_current_rate_rounded_down() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 500));
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		let (a, s) = (vault.total_assets, vault.total_shares);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 333));
		let expected = 333 * (s + VIRTUAL_SHARES) / (a + 1);
		assert_eq!(lrt_of(id, CHARLIE), expected);
		assert_eq!(
			Vaults::preview_deposit(id, 333),
			Ok(333 * (s + expected + VIRTUAL_SHARES) / (a + 333 + 1))
		);
	});
}

#[test]
fn deposit_errors_leave_storage_untouched() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_noop!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(BOB), 7, 10),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(99), id, 10),
			polkadot_sdk::sp_runtime::TokenError::FundsUnavailable
		);
		assert_ok!(Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 1_000, 10));
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(BOB), id, 9),
			Error::<Test>::BelowMinimumDeposit
		);
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_001),
			Error::<Test>::DepositCapExceeded
		);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(BOB), id, 10),
			Error::<Test>::DepositCapExceeded
		);
	});
}

#[test]
fn deposit_is_refused_while_paused() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::set_paused(RuntimeOrigin::signed(ALICE), id, true));
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(BOB), id, 10),
			Error::<Test>::DepositsPaused
		);
		assert_ok!(Vaults::set_paused(RuntimeOrigin::signed(ALICE), id, false));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 10));
	});
}

#[test]
fn deposit_too_small_for_one_share_is_refused() {
	build_and_execute(|| {
		assert_ok!(Vaults::create_vault(
			RuntimeOrigin::signed(ALICE),
			steth(),
			VaultParams { min_deposit: 1, ..params() },
			name("x"),
			name("x"),
			21
		));
		// An attacker deposits 1 and donates a lot through rewards: the exchange rate is
		// now huge, so a tiny deposit would mint zero shares.
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), 0, 1));
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(BOB), 0, 10_000_000));
		run_to_block(System::block_number() + RELEASE_PERIOD);
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(CHARLIE), 0, 1),
			Error::<Test>::DepositTooSmall
		);
	});
}

#[test]
fn inflation_attack_costs_the_attacker_more_than_the_victim_loses() {
	build_and_execute(|| {
		let id = create_steth_vault();
		let attacker_start = steth_of(BOB);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1));
		// Donation straight to the vault account is not accounted: it moves no rate.
		use polkadot_sdk::frame_support::traits::{fungibles::Mutate, tokens::Preservation};
		assert_ok!(<Assets as Mutate<_>>::transfer(
			STETH,
			&BOB,
			&Vaults::vault_account(id),
			1_000_000,
			Preservation::Expendable
		));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000_000));
		assert_eq!(lrt_of(id, CHARLIE), 1_000_000 * (VIRTUAL_SHARES + VIRTUAL_SHARES) / 2);
		// The attacker redeems its 1 unit and nothing of the donation; the victim's shares
		// are worth its deposit (rounded down by at most one unit).
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, lrt_of(id, BOB)));
		run_to_block(1 + MIN_DELAY);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert_eq!(attacker_start - steth_of(BOB), 1_000_000, "the donation is lost");
		assert!(Vaults::preview_withdraw(id, lrt_of(id, CHARLIE)).unwrap() >= 999_999);
	});
}

/// `preview_deposit` runs the deposit's own checks and maths (`plan_deposit`): what it
/// promises is what the deposit mints, mid-release of rewards too, and its errors are the
/// deposit's.
#[test]
fn preview_deposit_is_what_the_deposit_mints() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 500));
		run_to_block(1 + RELEASE_PERIOD / 3);
		for assets in [1u128, 7, 333, 10_000] {
			let preview = Vaults::preview_deposit(id, assets);
			let before = lrt_of(id, CHARLIE);
			assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, assets));
			assert_eq!(preview, Ok(lrt_of(id, CHARLIE) - before));
		}
		assert_ok!(Vaults::set_limits(RuntimeOrigin::signed(ALICE), id, 20_000, 10));
		for (assets, error) in [
			(0, Error::<Test>::ZeroAmount),
			(9, Error::<Test>::BelowMinimumDeposit),
			(20_000, Error::<Test>::DepositCapExceeded),
		] {
			let error: polkadot_sdk::sp_runtime::DispatchError = error.into();
			assert_eq!(Vaults::preview_deposit(id, assets), Err(error));
			assert_noop!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, assets), error);
		}
		assert_ok!(Vaults::set_paused(RuntimeOrigin::signed(ALICE), id, true));
		assert_eq!(Vaults::preview_deposit(id, 100), Err(Error::<Test>::DepositsPaused.into()));
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 100),
			Error::<Test>::DepositsPaused
		);
	});
}
