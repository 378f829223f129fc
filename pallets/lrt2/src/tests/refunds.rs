//! LRT-changing calls are charged what the ledger did (the benchmarked `sync_vault(p)`,
//! `reweigh_vault(p)` and `settle_holder(s)` for the vault's actual pairs and sources), not
//! the declared worst case.

use crate::{mock::*, weights::WeightInfo as _};
use pallet_vaults::WeightInfo as _;
use polkadot_sdk::frame_support::{dispatch::GetDispatchInfo, traits::Get, weights::Weight};

type LedgerWeights = <Test as crate::Config>::WeightInfo;
type VaultWeights = <Test as pallet_vaults::Config>::WeightInfo;

/// What one `before_shares_change` hook on `vault` is charged when it syncs `pairs` pairs
/// (`None`: the vault was already synced in this block).
fn hook(vault: u32, pairs: Option<u32>) -> Weight {
	let db: polkadot_sdk::frame_support::weights::RuntimeDbWeight =
		<Test as polkadot_sdk::frame_system::Config>::DbWeight::get();
	let sources = crate::VaultSources::<Test>::get(vault).len() as u32;
	pairs
		.map_or(db.reads(1), LedgerWeights::sync_vault)
		.saturating_add(LedgerWeights::settle_holder(sources))
		// The retired sources and the holder's count (none crossed here).
		.saturating_add(db.reads(2))
		.saturating_add(db.reads_writes(1, 1))
}

#[test]
fn a_deposit_is_charged_for_the_pairs_it_synced() {
	build_and_execute(|| {
		let (vault, _) = scene();
		run_to_block(System::block_number() + 1);
		assert_eq!(crate::VaultPairs::<Test>::get(vault).len(), 1);

		let declared =
			pallet_vaults::Call::<Test>::deposit { vault, assets: 1_000 }.get_dispatch_info();
		let first = Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000).unwrap();
		// Syncs the vault's one pair for the holder, settles, then re-weighs it after the
		// deposit (nothing accrued since the sync: no second sync).
		let expected = VaultWeights::deposit()
			.saturating_add(hook(vault, Some(1)))
			.saturating_add(LedgerWeights::reweigh_vault(1));
		assert_eq!(first.actual_weight, Some(expected));
		assert!(expected.ref_time() < declared.call_weight.ref_time());
		assert!(expected.all_lte(declared.call_weight));

		// In the same block the holder hook finds the vault synced.
		let second = Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000).unwrap();
		let expected = VaultWeights::deposit()
			.saturating_add(hook(vault, None))
			.saturating_add(LedgerWeights::reweigh_vault(1));
		assert_eq!(second.actual_weight, Some(expected));
	});
}

#[test]
fn a_transfer_and_a_withdrawal_request_are_charged_for_what_they_did() {
	build_and_execute(|| {
		let (vault, _) = scene();
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		run_to_block(System::block_number() + 1);

		let transfer =
			Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), vault, BOB, 1_000).unwrap();
		// The sender's hook syncs the vault; the receiver's finds it synced.
		let expected = VaultWeights::transfer_shares()
			.saturating_add(hook(vault, Some(1)))
			.saturating_add(hook(vault, None));
		assert_eq!(transfer.actual_weight, Some(expected));

		let request = Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), vault, 1_000).unwrap();
		let expected = VaultWeights::request_withdrawal()
			.saturating_add(hook(vault, None))
			.saturating_add(LedgerWeights::reweigh_vault(1));
		assert_eq!(request.actual_weight, Some(expected));
	});
}

#[test]
fn a_vault_without_allocations_costs_no_pair_syncs() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		run_to_block(System::block_number() + 1);
		let post = Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000).unwrap();
		let expected = VaultWeights::deposit()
			.saturating_add(hook(vault, Some(0)))
			.saturating_add(LedgerWeights::reweigh_vault(0));
		assert_eq!(post.actual_weight, Some(expected));
	});
}

#[test]
fn a_claim_is_charged_for_the_vaults_it_settled() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_ok(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 5);

		let declared = crate::Call::<Test>::claim {}.get_dispatch_info().call_weight;
		let post = Lrt2::claim(RuntimeOrigin::signed(ALICE)).unwrap();
		// The sync may add the vault's first source before the holder is settled.
		let sources = crate::VaultSources::<Test>::get(vault).len() as u32;
		// One vault synced (one pair) and settled, one entry paid.
		let expected = LedgerWeights::claim(1)
			.saturating_add(LedgerWeights::sync_vault(1))
			.saturating_add(LedgerWeights::settle_holder(sources))
			.saturating_add(
				<<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<
					polkadot_sdk::frame_support::weights::RuntimeDbWeight,
				>>::get()
				.reads(2),
			);
		assert_eq!(post.actual_weight, Some(expected));
		assert!(expected.ref_time() < declared.ref_time());
		assert!(expected.all_lte(declared));
	});
}

#[test]
fn a_stake_change_after_a_sync_in_the_same_block_only_reweighs() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		run_to_block(System::block_number() + 1);
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000_000));
		let weight = crate::AvsWeights::<Test>::get(avs);
		// A second deposit in the block moves the AVS weight by its stake without a sync.
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), vault, 3_000_000));
		assert_eq!(crate::AvsWeights::<Test>::get(avs), weight * 5 / 2);
		assert_eq!(
			crate::VaultPairs::<Test>::get(vault)[0].weight,
			crate::AvsWeights::<Test>::get(avs)
		);
	});
}

fn assert_ok<T, E: core::fmt::Debug>(result: Result<T, E>) {
	result.expect("call succeeds");
}

#[test]
fn a_claim_from_one_vault_is_charged_for_that_vault_only() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_ok(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 5);

		let call = crate::Call::<Test>::claim_from { vaults: vec![vault].try_into().unwrap() };
		let declared = call.get_dispatch_info().call_weight;
		let post = Lrt2::claim_from(RuntimeOrigin::signed(ALICE), vec![vault].try_into().unwrap())
			.unwrap();
		let sources = crate::VaultSources::<Test>::get(vault).len() as u32;
		let db = <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<
			polkadot_sdk::frame_support::weights::RuntimeDbWeight,
		>>::get();
		// The vault synced (one pair, not yet synced this block) and the holder settled, after
		// reading its LRT (the vault and its account); one entry paid.
		let expected = LedgerWeights::claim(1)
			.saturating_add(LedgerWeights::sync_vault(1))
			.saturating_add(LedgerWeights::settle_holder(sources))
			.saturating_add(db.reads(2))
			.saturating_add(db.reads(2));
		assert_eq!(post.actual_weight, Some(expected));
		assert!(expected.all_lte(declared));
	});
}
