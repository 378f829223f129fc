use super::*;
use restake_primitives::{traits::VaultSlash, SlashDestination};

fn slash(vault: VaultId, amount: u128, to: SlashDestination<AccountId>) -> u128 {
	<crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(vault, amount, &to).unwrap()
}

#[test]
fn slash_lowers_the_rate_for_every_holder_pro_rata() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 3_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		let issuance = <Assets as Inspect<_>>::total_issuance(STETH);
		vault_events();
		assert_eq!(slash(id, 400, SlashDestination::Burn), 400);
		assert_eq!(<Assets as Inspect<_>>::total_issuance(STETH), issuance - 400);
		assert_eq!(
			vault_events(),
			vec![Event::VaultSlashed { vault: id, from_active: 400, from_queued: 0 }]
		);
		// Both lost 10 %; their LRT balances did not change.
		assert_eq!(Vaults::preview_withdraw(id, lrt_of(id, BOB)), Ok(2_700));
		assert_eq!(Vaults::preview_withdraw(id, lrt_of(id, CHARLIE)), Ok(900));
	});
}

#[test]
fn slash_to_an_account_moves_the_funds_there() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		let before = steth_of(DAVE);
		assert_eq!(slash(id, 250, SlashDestination::Account(DAVE)), 250);
		assert_eq!(steth_of(DAVE), before + 250);
	});
}

#[test]
fn slash_is_capped_by_what_the_vault_holds() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), id, 1_000));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 500_000));
		assert_eq!(slash(id, 10_000, SlashDestination::Burn), 1_000);
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.total_assets, vault.queued_assets), (0, 0));
		assert_eq!(slash(id, 10, SlashDestination::Burn), 0);
		// The seed was never touched: the vault account still exists.
		assert_eq!(steth_of(Vaults::vault_account(id)), vault.seed);
		// A fully slashed request pays nothing but is cleared.
		run_to_block(1 + MIN_DELAY);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert!(crate::Withdrawals::<Test>::get(id, BOB).is_empty());
	});
}

#[test]
fn slash_of_unknown_vault_fails() {
	build_and_execute(|| {
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(4, 1, &SlashDestination::Burn),
			Err(Error::<Test>::VaultNotFound.into())
		);
	});
}
