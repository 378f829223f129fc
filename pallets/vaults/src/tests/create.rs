use super::*;
use crate::{NextVaultId, PauseState, VaultParams};
use polkadot_sdk::{
	frame_support::traits::{
		fungible::{InspectHold as _, NativeOrWithId},
		fungibles::metadata::Inspect as MetadataInspect,
	},
	sp_runtime::Perbill,
};

#[test]
fn create_vault_registers_vault_lrt_and_holds_deposit() {
	build_and_execute(|| {
		let id = create_steth_vault();
		assert_eq!(id, 0);
		let vault = crate::Vaults::<Test>::get(id).unwrap();
		assert_eq!(vault.curator, ALICE);
		assert_eq!(vault.asset, steth());
		assert_eq!(vault.lrt, LRT_OFFSET);
		assert_eq!((vault.total_assets, vault.total_shares), (0, 0));
		assert_eq!(vault.pause, PauseState::Active);
		assert_eq!(vault.seed, 5, "the LST's minimum balance seeds the vault account");
		assert_eq!(NextVaultId::<Test>::get(), 1);

		// The LRT exists, owned by the vault account, with the curator's metadata.
		assert!(<Assets as Inspect<_>>::asset_exists(LRT_OFFSET));
		assert_eq!(<Assets as MetadataInspect<_>>::symbol(LRT_OFFSET), b"rstETH".to_vec());
		assert_eq!(<Assets as MetadataInspect<_>>::decimals(LRT_OFFSET), 21);
		let lrt = pallet_assets::Asset::<Test>::get(LRT_OFFSET).unwrap();
		assert_eq!(lrt.owner, Vaults::vault_account(id));
		// Sufficient, with minimum balance 1: holding LRT needs no consumer reference, so dust
		// cannot exhaust a holder's references (docs/design.md, known limits).
		assert!(lrt.is_sufficient);
		assert_eq!(lrt.min_balance, 1);

		// Deposit held; seed moved.
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Vaults(crate::HoldReason::VaultCreation),
				&ALICE
			),
			VAULT_DEPOSIT
		);
		assert_eq!(steth_of(Vaults::vault_account(id)), 5);
		assert_eq!(
			vault_events(),
			vec![Event::VaultCreated { vault: 0, curator: ALICE, asset: steth(), lrt: LRT_OFFSET }]
		);
	});
}

#[test]
fn native_vault_can_be_created() {
	build_and_execute(|| {
		assert_ok!(Vaults::create_vault(
			RuntimeOrigin::signed(BOB),
			NativeOrWithId::Native,
			params(),
			name("Restaked native"),
			name("rNAT"),
			15,
		));
		let vault = crate::Vaults::<Test>::get(0).unwrap();
		assert_eq!(vault.seed, ED);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), 0, 1_000));
		assert_eq!(lrt_of(0, CHARLIE), 1_000 * VIRTUAL_SHARES);
	});
}

#[test]
fn create_vault_rejects_bad_parameters() {
	build_and_execute(|| {
		let bad = |p: VaultParams<u64>| {
			Vaults::create_vault(RuntimeOrigin::signed(ALICE), steth(), p, name("a"), name("b"), 1)
		};
		assert_noop!(
			bad(VaultParams { withdrawal_delay: MIN_DELAY - 1, ..params() }),
			Error::<Test>::WithdrawalDelayTooShort
		);
		assert_noop!(
			bad(VaultParams { curator_fee: Perbill::from_percent(21), ..params() }),
			Error::<Test>::CuratorFeeTooHigh
		);
		assert_noop!(
			bad(VaultParams { deposit_cap: 10, min_deposit: 11, ..params() }),
			Error::<Test>::MinimumAboveCap
		);
		assert_noop!(
			Vaults::create_vault(
				RuntimeOrigin::signed(ALICE),
				NativeOrWithId::WithId(99),
				params(),
				name("a"),
				name("b"),
				1
			),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			Vaults::create_vault(RuntimeOrigin::none(), steth(), params(), name("a"), name("b"), 1),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn create_vault_fails_when_the_lrt_id_is_taken() {
	build_and_execute(|| {
		use polkadot_sdk::frame_support::traits::fungibles::Create;
		assert_ok!(<Assets as Create<_>>::create(LRT_OFFSET, BOB, true, 1));
		assert_noop!(
			Vaults::create_vault(
				RuntimeOrigin::signed(ALICE),
				steth(),
				params(),
				name("a"),
				name("b"),
				1
			),
			Error::<Test>::LrtAssetIdTaken
		);
	});
}

/// Regression (found by the runtime's random-operation test): a vault over another vault's
/// LRT moved that LRT with plain asset transfers, around the settlement of its rewards.
#[test]
fn create_vault_refuses_an_lrt_as_the_underlying_asset() {
	build_and_execute(|| {
		let first = create_steth_vault();
		let lrt = NativeOrWithId::WithId(crate::Vaults::<Test>::get(first).unwrap().lrt);
		assert_noop!(
			Vaults::create_vault(
				RuntimeOrigin::signed(BOB),
				lrt,
				params(),
				name("a"),
				name("b"),
				1
			),
			Error::<Test>::LrtNotAccepted
		);
	});
}

#[test]
fn create_vault_fails_without_funds_for_the_deposit() {
	build_and_execute(|| {
		const POOR: AccountId = 99;
		assert_noop!(
			Vaults::create_vault(
				RuntimeOrigin::signed(POOR),
				steth(),
				params(),
				name("a"),
				name("b"),
				1
			),
			polkadot_sdk::sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn destroy_vault_returns_everything_to_the_curator() {
	build_and_execute(|| {
		let native_before = Balances::free_balance(ALICE);
		let steth_before = steth_of(ALICE);
		let id = create_steth_vault();
		assert_ok!(Vaults::destroy_vault(RuntimeOrigin::signed(ALICE), id));
		assert!(crate::Vaults::<Test>::get(id).is_none());
		assert!(!<Assets as Inspect<_>>::asset_exists(LRT_OFFSET));
		assert_eq!(Balances::free_balance(ALICE), native_before);
		assert_eq!(steth_of(ALICE), steth_before);
		assert_eq!(vault_events().last(), Some(&Event::VaultDestroyed { vault: id }));
	});
}

#[test]
fn destroy_vault_refuses_a_vault_with_holders_or_another_caller() {
	build_and_execute(|| {
		let id = vault_with_deposit(BOB, 100);
		assert_noop!(
			Vaults::destroy_vault(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Vaults::destroy_vault(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::VaultNotEmpty
		);
		assert_noop!(
			Vaults::destroy_vault(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::VaultNotFound
		);
	});
}
