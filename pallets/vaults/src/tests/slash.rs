use super::*;
use restake_primitives::{traits::VaultSlash, SlashDestination};

/// Books a slash of `amount` and releases it at once to `to`; returns what was taken.
fn slash(vault: VaultId, amount: u128, to: SlashDestination<AccountId>) -> u128 {
	let taken =
		<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(vault, amount).unwrap();
	<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(vault, taken, &to)
		.unwrap();
	taken
}

#[test]
fn slash_lowers_the_rate_for_every_holder_pro_rata() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 3_000);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		let issuance = <Assets as Inspect<_>>::total_issuance(STETH);
		vault_events();
		assert_eq!(slash(id, 400, SlashDestination::Burn), 400);
		assert_eq!(<Assets as Inspect<_>>::total_issuance(STETH), issuance - 400);
		assert_eq!(
			vault_events(),
			vec![
				Event::VaultSlashed { vault: id, from_active: 400, from_queued: 0 },
				Event::EscrowReleased { vault: id, amount: 400, paid: false },
			]
		);
		// Both lost 10 %; their LRT balances did not change.
		assert_eq!(Vaults::preview_withdraw(id, lrt_of(id, BOB)), Ok(2_700));
		assert_eq!(Vaults::preview_withdraw(id, lrt_of(id, CHARLIE)), Ok(900));
	});
}

#[test]
fn slash_to_an_account_moves_the_funds_there() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		let before = steth_of(DAVE);
		assert_eq!(slash(id, 250, SlashDestination::Account(DAVE)), 250);
		assert_eq!(steth_of(DAVE), before + 250);
	});
}

#[test]
fn slash_is_capped_by_what_the_vault_holds() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
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
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(4, 1),
			Err(Error::<Test>::VaultNotFound.into())
		);
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
				4,
				1,
				&SlashDestination::Burn
			),
			Err(Error::<Test>::VaultNotFound.into())
		);
	});
}

#[test]
fn a_booked_slash_stays_in_the_vault_account_as_escrow_until_released() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		let account = Vaults::vault_account(id);
		let held = steth_of(account);
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(id, 300),
			Ok(300)
		);
		// Holders already bear the loss; the funds have not moved.
		assert_eq!(Vaults::preview_withdraw(id, lrt_of(id, BOB)), Ok(700));
		assert_eq!(steth_of(account), held);
		assert_eq!(crate::Escrowed::<Test>::get(id), 300);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		// Released in two parts; more than is escrowed releases only what is there.
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
				id,
				100,
				&SlashDestination::Account(DAVE)
			),
			Ok(true)
		);
		assert_eq!(crate::Escrowed::<Test>::get(id), 200);
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
				id,
				1_000,
				&SlashDestination::Burn
			),
			Ok(false)
		);
		assert_eq!(steth_of(account), held - 300);
		assert!(!crate::Escrowed::<Test>::contains_key(id));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn a_returned_escrow_goes_back_to_the_holders_pro_rata() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), id, 1_000));
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 1_000_000));
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(id, 200),
			Ok(200)
		);
		vault_events();
		<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::return_escrow(id, 200);
		assert_eq!(vault_events(), vec![Event::EscrowReturned { vault: id, amount: 200 }]);
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!((vault.total_assets, vault.queued_assets), (1_000, 1_000));
		assert_eq!(vault.flows.slashed, 0);
		assert!(!crate::Escrowed::<Test>::contains_key(id));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn an_escrow_for_a_destination_that_cannot_receive_is_burnt() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		let issuance = <Assets as Inspect<_>>::total_issuance(STETH);
		assert_eq!(<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(id, 3), Ok(3));
		// 3 is below stETH's minimum balance (5): a fresh account cannot be created with it.
		const NOBODY: AccountId = 999;
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
				id,
				3,
				&SlashDestination::Account(NOBODY)
			),
			Ok(false)
		);
		assert_eq!(steth_of(NOBODY), 0);
		assert_eq!(<Assets as Inspect<_>>::total_issuance(STETH), issuance - 3);
		assert!(!crate::Escrowed::<Test>::contains_key(id));
	});
}

#[test]
fn an_escrow_of_a_frozen_asset_waits_and_nothing_else_changes() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::slash_vault(id, 100),
			Ok(100)
		);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(ALICE), STETH));
		assert!(<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
			id,
			100,
			&SlashDestination::Burn
		)
		.is_err());
		assert!(<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
			id,
			100,
			&SlashDestination::Account(DAVE)
		)
		.is_err());
		assert_eq!(crate::Escrowed::<Test>::get(id), 100);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(ALICE), STETH));
		// Everyone leaves; a vault with escrow still cannot be destroyed out from under it.
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, lrt_of(id, BOB)));
		run_to_block(1 + MIN_DELAY);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(BOB), id, BOB));
		assert_noop!(
			Vaults::destroy_vault(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::EscrowPending
		);
		assert_eq!(
			<crate::Pallet<Test> as VaultSlash<AccountId, u128>>::release_escrow(
				id,
				100,
				&SlashDestination::Burn
			),
			Ok(false)
		);
		assert!(!crate::Escrowed::<Test>::contains_key(id));
		assert_ok!(Vaults::destroy_vault(RuntimeOrigin::signed(ALICE), id));
	});
}
