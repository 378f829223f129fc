use super::*;

#[test]
fn rewards_compound_into_the_rate_and_the_fee_is_minted_by_dilution() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 10_000));
		let bob_shares = lrt_of(id, BOB);
		let bob_value_before = Vaults::preview_withdraw(id, bob_shares).unwrap();
		vault_events();
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 1_000));
		let fee_shares = lrt_of(id, ALICE);
		assert!(fee_shares > 0);
		assert_eq!(
			vault_events(),
			vec![Event::RewardsAdded { vault: id, from: DAVE, assets: 1_000, fee_shares }]
		);
		// Bob's balance is untouched; its value grew by the reward minus the 10 % fee.
		assert_eq!(lrt_of(id, BOB), bob_shares);
		let bob_value_after = Vaults::preview_withdraw(id, bob_shares).unwrap();
		assert!((899..=900).contains(&(bob_value_after - bob_value_before)), "{bob_value_after}");
		// The curator's shares are worth its 10 % fee (rounded down by at most 1).
		assert!((99..=100).contains(&Vaults::preview_withdraw(id, fee_shares).unwrap()));
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!(vault.total_assets, 11_000);
		assert_eq!(vault.total_shares, bob_shares + fee_shares);
	});
}

#[test]
fn rewards_without_holders_or_of_nothing_are_refused() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_noop!(
			Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 10),
			Error::<Test>::VaultHasNoHolders
		);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 100));
		assert_noop!(
			Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Vaults::add_rewards(RuntimeOrigin::signed(DAVE), 3, 10),
			Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn queued_withdrawals_earn_no_rewards() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, lrt_of(id, BOB)));
		assert_ok!(Vaults::add_rewards(RuntimeOrigin::signed(DAVE), id, 1_000));
		run_to_block(1 + MIN_DELAY);
		let before = steth_of(BOB);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert_eq!(steth_of(BOB) - before, 1_000);
	});
}
