//! AVS reward streams: funding, pro-rata split, commission, unallocated amounts.

use crate::{mock::*, Error, Source, Streams};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::Perbill,
};

#[test]
fn a_stream_pays_holders_after_operator_commission() {
	build_and_execute(|| {
		let (_, avs, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 4);
		// 4 of 10 blocks: 400 paid, 10 % commission.
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 360);
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: usdc() }), 40);
		run_to_block(start + 50);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: usdc() }), 100);
		let status = Lrt2::stream_status(0).unwrap();
		assert_eq!((status.paid, status.remaining, status.reclaimable), (1_000, 0, 0));
		assert!(crate::ActiveStreams::<Test>::get(avs).is_empty(), "finished stream retired");
	});
}

#[test]
fn stake_splits_a_stream_between_vaults_pro_rata() {
	build_and_execute(|| {
		let (vault_a, vault_b, avs) = two_vaults_backing_scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault_a, 1_000_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault_b, 3_000_000));
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 4_000, 10));
		run_to_block(start + 10);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_eq!(pending(BOB, Source::Avs { avs, asset: usdc() }), 2_700);
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: usdc() }), 400);
	});
}

#[test]
fn blocks_without_stake_are_returned_to_the_funder() {
	build_and_execute(|| {
		let avs = register_avs(AVS_OWNER);
		let before = Assets::balance(USDC, AVS_OWNER);
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(start + 3);
		assert_noop!(
			Lrt2::reclaim_unallocated(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::NotFunder
		);
		assert_ok!(Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 0));
		assert_eq!(Assets::balance(USDC, AVS_OWNER), before - 700 - ledger_seed(USDC));
		assert_noop!(
			Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 0),
			Error::<Test>::NothingToReclaim
		);
		run_to_block(start + 10);
		assert_ok!(Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 0));
		assert_eq!(Assets::balance(USDC, AVS_OWNER), before - ledger_seed(USDC));
		let stream = Streams::<Test>::get(0).unwrap();
		assert_eq!((stream.accrued, stream.unallocated, stream.refunded), (1_000, 1_000, 1_000));
		assert_noop!(
			Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 9),
			Error::<Test>::StreamNotFound
		);
	});
}

#[test]
fn funding_a_stream_checks_every_argument() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let fund = |who, avs, amount, duration| {
			Lrt2::fund_stream(RuntimeOrigin::signed(who), avs, usdc(), amount, duration)
		};
		assert_noop!(fund(STRANGER, avs, 100, 10), Error::<Test>::NotAvsOwner);
		assert_noop!(fund(AVS_OWNER, 9, 100, 10), Error::<Test>::AvsNotFound);
		assert_noop!(fund(AVS_OWNER, avs, 0, 10), Error::<Test>::ZeroAmount);
		assert_noop!(
			fund(AVS_OWNER, avs, 100, MIN_DURATION - 1),
			Error::<Test>::DurationOutOfRange
		);
		assert_noop!(fund(AVS_OWNER, avs, 100, 1_000_001), Error::<Test>::DurationOutOfRange);
		for _ in 0..MAX_STREAMS {
			assert_ok!(fund(AVS_OWNER, avs, 100, 10));
		}
		assert_noop!(fund(AVS_OWNER, avs, 100, 10), Error::<Test>::TooManyStreams);
		assert_noop!(
			Lrt2::fund_stream(RuntimeOrigin::signed(STRANGER), avs, usdc(), 100, 10),
			Error::<Test>::NotAvsOwner
		);
	});
}

#[test]
fn a_just_in_time_deposit_earns_only_its_blocks() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			usdc(),
			1_000_000,
			100
		));
		// Bob deposits 99 times Alice's stake just before the last block.
		run_to_block(start + 99);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 99_000_000));
		run_to_block(start + 200);
		let alice = pending(ALICE, Source::Avs { avs, asset: usdc() });
		let bob = pending(BOB, Source::Avs { avs, asset: usdc() });
		// Bob earns 99 % of one block of 100: 0.99 % of the holders' 900 000.
		assert_eq!(bob, 8_910);
		assert_eq!(alice, 900_000 - 8_910);
		assert!(bob * 100 < alice, "a just-in-time deposit earns a negligible share");
	});
}

#[test]
fn a_slash_lowers_the_vaults_weight_from_that_block() {
	build_and_execute(|| {
		let (_, avs, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 5);
		// Half the vault's stake is slashed: its weight halves, it still gets 100 % (only
		// vault), so the holder's total is unchanged; the AVS's weight tracks the stake.
		assert_ok!(
			<Operators as restake_primitives::traits::AllocationSlash<_, _>>::slash_allocations(
				&OPERATOR,
				avs,
				Perbill::from_percent(50),
			)
		);
		assert_eq!(crate::AvsWeights::<Test>::get(avs), 500_000);
		run_to_block(start + 10);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
	});
}

#[test]
fn the_ledger_keeps_a_seed_so_paying_out_never_reaps_it() {
	use polkadot_sdk::frame_support::traits::fungibles::{Create, Mutate};
	build_and_execute(|| {
		// An asset whose minimum balance is larger than the second stream.
		const BIG_MIN: AssetId = 77;
		assert_ok!(<Assets as Create<_>>::create(BIG_MIN, CURATOR, true, 1_000));
		assert_ok!(<Assets as Mutate<_>>::mint_into(BIG_MIN, &AVS_OWNER, 100_000));
		let asset = AssetKind::WithId(BIG_MIN);
		assert_ok!(Lrt2::list_reward_asset(RuntimeOrigin::root(), asset.clone()));
		let avs = register_avs(AVS_OWNER);
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			asset.clone(),
			10_000,
			10
		));
		assert_ok!(Lrt2::fund_stream(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			asset.clone(),
			500,
			10
		));
		let ledger = crate::Pallet::<Test>::account_id();
		assert_eq!(Assets::balance(BIG_MIN, ledger), 10_500 + 1_000, "seeded once");
		run_to_block(start + 10);
		// Nothing was allocated: both streams return to the funder. Paying the first back
		// must not reap the ledger and burn the 500 owed to the second.
		assert_ok!(Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 0));
		assert_eq!(Assets::balance(BIG_MIN, ledger), 500 + 1_000);
		assert_ok!(Lrt2::reclaim_unallocated(RuntimeOrigin::signed(AVS_OWNER), 1));
		assert_eq!(Assets::balance(BIG_MIN, ledger), 1_000, "only the seed is left");
		assert_eq!(Assets::balance(BIG_MIN, AVS_OWNER), 100_000 - 1_000);
		// The next funding finds the seed in place and takes only its amount.
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, asset, 2_000, 10));
		assert_eq!(Assets::balance(BIG_MIN, AVS_OWNER), 100_000 - 1_000 - 2_000);
	});
}

/// Regression (found by the runtime's random-operation test): LRT paid into the ledger as a
/// reward moved around the settlement of its own rewards, stranding what it had accrued.
#[test]
fn lrt_cannot_fund_rewards() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		let lrt = AssetKind::WithId(pallet_vaults::Vaults::<Test>::get(vault).unwrap().lrt);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		assert_noop!(
			Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, lrt.clone(), 10, 10),
			crate::Error::<Test>::LrtNotAccepted
		);
		assert_noop!(
			Lrt2::post_bounty(RuntimeOrigin::signed(AVS_OWNER), avs, lrt.clone(), 10, 10),
			crate::Error::<Test>::LrtNotAccepted
		);
		assert_noop!(
			Lrt2::reward_vault(RuntimeOrigin::signed(ALICE), vault, lrt, 10),
			crate::Error::<Test>::LrtNotAccepted
		);
	});
}

/// Issue 16, finding 5: a deallocation kept earning, risk-free, after it took effect until
/// somebody poked the vault. Stake being deallocated stops earning when the deallocation is
/// requested (it stays slashable until it takes effect), with no call needed afterwards.
#[test]
fn a_deallocation_stops_earning_when_requested() {
	build_and_execute(|| {
		let (vault, avs, start) = scene_with_stream(1_000, 100);
		run_to_block(start + 10);
		assert_ok!(Operators::allocate(
			RuntimeOrigin::signed(CURATOR),
			vault,
			OPERATOR,
			avs,
			Perbill::zero()
		));
		// Far past the deallocation delay, nobody called anything.
		run_to_block(start + 60);
		// 10 blocks of 100 earned (90 after commission); the 50 later ones were unallocated.
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 90);
		assert_eq!(Lrt2::stream_status(0).unwrap().reclaimable, 500);
	});
}

/// The same for an operator opting out of the AVS.
#[test]
fn an_opt_out_stops_earning_when_requested() {
	build_and_execute(|| {
		let (_, avs, start) = scene_with_stream(1_000, 100);
		run_to_block(start + 10);
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		run_to_block(start + 60);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 90);
		assert_eq!(Lrt2::stream_status(0).unwrap().reclaimable, 500);
	});
}

/// Issue 16, finding 5 (commission): a commission rise applied to everything accrued since the
/// pair's last sync, including blocks before the rise took effect. Accrual over an interval
/// now takes the commission in force at its start: a rise never reaches back.
#[test]
fn a_commission_rise_never_applies_to_blocks_before_it_took_effect() {
	build_and_execute(|| {
		let (vault, avs, start) = scene_with_stream(10_000, 1_000);
		// 10 % → 50 %, effective after the operator's exit delay; nobody syncs meanwhile.
		assert_ok!(Operators::set_commission(
			RuntimeOrigin::signed(OPERATOR),
			Perbill::from_percent(50)
		));
		let effective = pallet_operators::Operators::<Test>::get(OPERATOR)
			.and_then(|op| op.pending_commission)
			.map(|(_, at)| at)
			.expect("a rise waits");
		run_to_block(effective + 10);
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		// Every block up to the poke accrued at most at the old rate: 10 %.
		let paid = 10 * (effective + 10 - start) as u128;
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: usdc() }), paid / 10);
	});
}

/// A stream's record carries a deposit from its funder; once the stream has finished anyone
/// may close it: what it set aside goes back to the funder, the record goes, the deposit is
/// released (issue 16, finding 8).
#[test]
fn a_finished_stream_is_closed_and_its_deposit_returned() {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	build_and_execute(|| {
		let (_, avs) = scene();
		let start = System::block_number();
		let held = |who| {
			<Balances as InspectHold<_>>::balance_on_hold(
				&crate::HoldReason::StreamDeposit.into(),
				&who,
			)
		};
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		assert_eq!(held(AVS_OWNER), STREAM_DEPOSIT);
		assert_noop!(
			Lrt2::close_stream(RuntimeOrigin::signed(STRANGER), 0),
			crate::Error::<Test>::StreamStillRunning
		);
		run_to_block(start + 10);
		// Nobody held LRT of the vault: the whole stream was set aside, and goes back.
		let before = Assets::balance(USDC, AVS_OWNER);
		assert_ok!(Lrt2::close_stream(RuntimeOrigin::signed(STRANGER), 0));
		assert_eq!(Assets::balance(USDC, AVS_OWNER), before + 1_000);
		assert!(lrt2_events().contains(&crate::Event::StreamClosed { stream: 0, returned: 1_000 }));
		assert!(crate::Streams::<Test>::get(0).is_none());
		assert_eq!(held(AVS_OWNER), 0);
		assert_noop!(
			Lrt2::close_stream(RuntimeOrigin::signed(STRANGER), 0),
			crate::Error::<Test>::StreamNotFound
		);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

/// A funder that cannot be paid the asset now (frozen by its issuer) cannot keep
/// a finished stream open: the close credits what it set aside to the funder's claimable
/// rewards instead (found by the randomised whole-system test).
#[test]
fn a_frozen_funder_cannot_keep_a_finished_stream_open() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(start + 10);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(CURATOR), USDC));
		assert_ok!(Lrt2::close_stream(RuntimeOrigin::signed(STRANGER), 0));
		assert!(crate::Streams::<Test>::get(0).is_none());
		assert_eq!(pending(AVS_OWNER, Source::Avs { avs, asset: usdc() }), 1_000);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(CURATOR), USDC));
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(AVS_OWNER)));
		assert_eq!(pending(AVS_OWNER, Source::Avs { avs, asset: usdc() }), 0);
	});
}

#[test]
fn deposit_encodes_as_the_tuple_it_replaced() {
	use codec::{Decode, Encode};
	// `StreamDeposits` and `ProgrammeDeposits` held `(AccountId, u128)` before: the named
	// record reads the old bytes and writes the same, so no migration is needed.
	let deposit = crate::Deposit { payer: ALICE, amount: 1_234_567_890_123 };
	let tuple: (AccountId, u128) = (ALICE, 1_234_567_890_123);
	assert_eq!(deposit.encode(), tuple.encode());
	assert_eq!(crate::Deposit::<AccountId>::decode(&mut &tuple.encode()[..]).unwrap(), deposit);
}

/// Delisting a reward asset stops new funding in it only: a running stream keeps paying and
/// what holders and the operator are owed stays claimable.
#[test]
fn delisting_an_asset_stops_new_funding_but_what_is_owed_stays_payable() {
	build_and_execute(|| {
		let (_, avs, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 4);
		assert_ok!(Lrt2::delist_reward_asset(RuntimeOrigin::root(), usdc()));
		assert_noop!(
			Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10),
			Error::<Test>::AssetNotListed
		);
		// The running stream pays to its end, and the claim pays in the delisted asset.
		run_to_block(start + 10);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: usdc() }), 100);
		let before = Assets::balance(USDC, ALICE);
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(ALICE)));
		assert_eq!(Assets::balance(USDC, ALICE), before + 900);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 0);
	});
}
