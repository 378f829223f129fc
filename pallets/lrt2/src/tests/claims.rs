//! Vault rewards and claiming everything in one call.

use crate::{mock::*, Earned, Error, Event, Source};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};

#[test]
fn one_claim_pays_every_vault_source_and_asset() {
	build_and_execute(|| {
		let (_, vault_b, avs) = two_vaults_scene();
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		assert_ok!(Lrt2::fund_stream(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			AssetKind::Native,
			2_000,
			10
		));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault_b, usdc(), 400));
		run_to_block(start + 10);

		let usdc_before = Assets::balance(USDC, ALICE);
		let native_before = Balances::balance(&ALICE);
		lrt2_events();
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(ALICE)));
		assert_eq!(Assets::balance(USDC, ALICE), usdc_before + 900 + 100);
		assert_eq!(Balances::balance(&ALICE), native_before + 1_800);
		let paid: Vec<_> = lrt2_events()
			.into_iter()
			.filter_map(|e| match e {
				Event::Claimed { source, amount, .. } => Some((source, amount)),
				_ => None,
			})
			.collect();
		assert_eq!(paid.len(), 3);
		assert!(paid.contains(&(Source::Avs { avs, asset: usdc() }, 900)));
		assert!(paid.contains(&(Source::Avs { avs, asset: AssetKind::Native }, 1_800)));
		assert!(paid.contains(&(Source::Vault { vault: vault_b, asset: usdc() }, 100)));
		assert!(Earned::<Test>::iter_prefix(ALICE).next().is_none());
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);

		// The operator claims its commission the same way.
		let op_before = Assets::balance(USDC, OPERATOR);
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(Assets::balance(USDC, OPERATOR), op_before + 100);
		assert_eq!(pending(BOB, Source::Vault { vault: vault_b, asset: usdc() }), 300);
	});
}

#[test]
fn vault_rewards_in_the_vault_asset_compound() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault, steth(), 500_000));
		assert_eq!(pallet_vaults::CompoundDrips::<Test>::get(vault).unwrap().remaining, 500_000);
		// Released into the rate over the vault pallet's period; a deposit moves it in.
		run_to_block(System::block_number() + 10);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		assert_eq!(pallet_vaults::Vaults::<Test>::get(vault).unwrap().total_assets, 1_501_000);
		assert!(crate::VaultSources::<Test>::get(vault).is_empty());
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn vault_rewards_check_their_arguments() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_noop!(
			Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault, usdc(), 100),
			Error::<Test>::VaultHasNoHolders
		);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		assert_noop!(
			Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault, usdc(), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), 5, usdc(), 10),
			Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn a_poke_weighs_an_allocation_that_became_effective() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_eq!(crate::AvsWeights::<Test>::get(avs), 1_000_000);
		// Halve the allocation: the leaving half stops earning at once (issue 16, finding 5).
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			vault,
			OPERATOR,
			avs,
			polkadot_sdk::sp_runtime::Perbill::from_percent(50)
		));
		assert_eq!(crate::AvsWeights::<Test>::get(avs), 500_000);
		run_to_block(System::block_number() + 10);
		// Grow it back: effective after the allocation delay, without a call; a poke weighs it.
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			vault,
			OPERATOR,
			avs,
			polkadot_sdk::sp_runtime::Perbill::one()
		));
		run_to_block(System::block_number() + 500);
		assert_eq!(crate::AvsWeights::<Test>::get(avs), 500_000);
		// Charged for the vault's one pair, not for the most pairs a vault may have.
		let used = Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault).unwrap().actual_weight;
		assert_eq!(used, Some(<() as crate::weights::WeightInfo>::sync_vault(1)));
		assert_eq!(crate::AvsWeights::<Test>::get(avs), 1_000_000);
		assert_noop!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), 9), Error::<Test>::VaultNotFound);
	});
}

#[test]
fn an_operator_claims_commission_without_anyone_touching_the_vault() {
	build_and_execute(|| {
		let (vault, _, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 10);
		assert_eq!(crate::OperatorVaults::<Test>::get(OPERATOR).into_inner(), vec![vault]);
		let before = Assets::balance(USDC, OPERATOR);
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(Assets::balance(USDC, OPERATOR), before + 100);
	});
}

/// Review of issue 16: entries that cannot be paid (dust below an asset's minimum balance in an
/// asset the holder has no account of, a frozen asset) filled `claim`'s window forever, so the
/// holder's real entries behind them were never paid. Each claim now starts where the last
/// one stopped: every entry is reached.
#[test]
fn unpayable_entries_cannot_starve_the_rest_of_a_claim() {
	use polkadot_sdk::frame_support::traits::{fungibles::Create, Get};
	build_and_execute(|| {
		// An asset whose minimum balance no dust entry reaches; BOB holds none of it.
		const BIG_MIN: AssetId = 55;
		assert_ok!(<Assets as Create<_>>::create(BIG_MIN, CURATOR, true, 1_000_000));
		let max: u32 = <Test as crate::Config>::MaxClaimEntries::get();
		let (vault, _) = scene();
		let real = Source::Vault { vault, asset: usdc() };
		let real_key = crate::Earned::<Test>::hashed_key_for(BOB, &real);
		// Twice a window of dust entries, all iterated before the real one (as an attacker
		// grinding vault ids would place them).
		let mut dust = 0;
		for id in 100.. {
			let source = Source::Vault { vault: id, asset: AssetKind::WithId(BIG_MIN) };
			if crate::Earned::<Test>::hashed_key_for(BOB, &source) < real_key {
				crate::Earned::<Test>::insert(BOB, source, 10);
				dust += 1;
				if dust == 2 * max {
					break;
				}
			}
		}
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(STRANGER), vault, usdc(), 500));
		run_to_block(System::block_number() + DRIP_PERIOD);
		let before = Assets::balance(USDC, BOB);
		let mut claims = 0;
		while Assets::balance(USDC, BOB) == before {
			claims += 1;
			assert!(claims <= 3, "the real entry was never reached");
			assert_ok!(Lrt2::claim(RuntimeOrigin::signed(BOB)));
		}
		assert_eq!(Assets::balance(USDC, BOB), before + 500);
		assert_eq!(crate::Earned::<Test>::get(BOB, real), 0);
		// The dust stays claimable: nothing was dropped.
		assert_eq!(crate::Earned::<Test>::iter_prefix(BOB).count() as u32, 2 * max);
	});
}

#[test]
fn claim_from_settles_only_the_vaults_listed_and_pays_every_settled_entry() {
	build_and_execute(|| {
		let (vault_a, vault_b, avs) = two_vaults_scene();
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(CURATOR), vault_b, usdc(), 400));
		run_to_block(start + 10);

		// Only vault A settled: its stream share is paid; vault B's reward waits.
		let before = Assets::balance(USDC, ALICE);
		assert_ok!(Lrt2::claim_from(
			RuntimeOrigin::signed(ALICE),
			vec![vault_a].try_into().unwrap()
		));
		assert_eq!(Assets::balance(USDC, ALICE), before + 900);
		assert!(Earned::<Test>::iter_prefix(ALICE).next().is_none(), "vault B not settled");
		// Nothing left to pay without settling B; settling B pays its part, nothing lost.
		assert_noop!(
			Lrt2::claim_from(RuntimeOrigin::signed(ALICE), Default::default()),
			Error::<Test>::NothingToClaim
		);
		assert_ok!(Lrt2::claim_from(
			RuntimeOrigin::signed(ALICE),
			vec![vault_b].try_into().unwrap()
		));
		assert_eq!(Assets::balance(USDC, ALICE), before + 1_000);
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);

		// An entry already settled (by an LRT transfer here) is paid with an empty list.
		run_to_block(start + 5 + 10);
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 10);
		assert_ok!(Lrt2::settle(RuntimeOrigin::signed(STRANGER), vault_a, ALICE));
		let before = Assets::balance(USDC, ALICE);
		assert_ok!(Lrt2::claim_from(RuntimeOrigin::signed(ALICE), Default::default()));
		assert_eq!(Assets::balance(USDC, ALICE), before + 900);
	});
}

#[test]
fn claim_from_refuses_a_vault_the_caller_holds_no_lrt_of_and_changes_nothing() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		let other = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), other, 1_000));
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 5);
		// Alice holds vault but not other (nor operates it); 9 does not exist.
		for list in [vec![vault, other], vec![9], vec![other]] {
			assert_noop!(
				Lrt2::claim_from(RuntimeOrigin::signed(ALICE), list.try_into().unwrap()),
				Error::<Test>::NotAHolder
			);
		}
		assert_noop!(
			Lrt2::claim_from(RuntimeOrigin::signed(STRANGER), vec![vault].try_into().unwrap()),
			Error::<Test>::NotAHolder
		);
	});
}

#[test]
fn claim_from_declares_a_fraction_of_claim_and_is_charged_for_what_it_did() {
	use polkadot_sdk::frame_support::dispatch::GetDispatchInfo;
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(System::block_number() + 5);
		let claim = crate::Call::<Test>::claim {}.get_dispatch_info().call_weight;
		let call = crate::Call::<Test>::claim_from { vaults: vec![vault].try_into().unwrap() };
		let declared = call.get_dispatch_info().call_weight;
		// One vault instead of every vault a holder and an operator may be in.
		assert_eq!(declared, Lrt2::claim_from_weight(1));
		assert!(declared.ref_time() * 3 < claim.ref_time(), "{declared:?} vs {claim:?}");
		let post = Lrt2::claim_from(RuntimeOrigin::signed(ALICE), vec![vault].try_into().unwrap())
			.unwrap();
		let used = post.actual_weight.expect("refunded to its work");
		assert!(used.all_lte(declared));
		assert!(used.ref_time() * 2 < declared.ref_time(), "{used:?} vs {declared:?}");
	});
}

/// Review of issue 18: an operator holds no LRT of the vaults backing its pairs; listing one
/// syncs it, which credits its commission, instead of failing with `NotAHolder`.
#[test]
fn an_operator_claims_commission_from_the_vaults_it_lists() {
	build_and_execute(|| {
		let (vault, _, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 10);
		let before = Assets::balance(USDC, OPERATOR);
		assert_ok!(Lrt2::claim_from(
			RuntimeOrigin::signed(OPERATOR),
			vec![vault].try_into().unwrap()
		));
		assert_eq!(Assets::balance(USDC, OPERATOR), before + 100);
		// Nothing is settled for it as a holder: it has no snapshot in the vault.
		assert!(crate::HolderSnapshots::<Test>::iter_keys().all(|(_, who, _)| who != OPERATOR));
	});
}
