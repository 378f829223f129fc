//! Task bounties: escrow, award to an opted-in operator, cancel after expiry.

use crate::{mock::*, Bounties, Error, OpenBounties, Source};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

#[test]
fn an_awarded_bounty_is_claimed_by_the_operator() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let owner_before = Assets::balance(USDC, AVS_OWNER);
		assert_ok!(Lrt2::post_bounty(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 500, 10));
		// The first funding of USDC also seeds the ledger with USDC's minimum balance.
		assert_eq!(Assets::balance(USDC, AVS_OWNER), owner_before - 500 - ledger_seed(USDC));
		assert_noop!(
			Lrt2::award_bounty(RuntimeOrigin::signed(STRANGER), 0, OPERATOR),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Lrt2::award_bounty(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR_2),
			Error::<Test>::OperatorNotOptedIn
		);
		assert_ok!(Lrt2::award_bounty(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR));
		assert_eq!(pending(OPERATOR, Source::Bounty { avs, asset: usdc() }), 500);
		assert!(Bounties::<Test>::get(0).is_none());
		assert_eq!(OpenBounties::<Test>::get(avs), 0);
		let before = Assets::balance(USDC, OPERATOR);
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(OPERATOR)));
		assert_eq!(Assets::balance(USDC, OPERATOR), before + 500);
		assert_noop!(
			Lrt2::award_bounty(RuntimeOrigin::signed(AVS_OWNER), 0, OPERATOR),
			Error::<Test>::BountyNotFound
		);
	});
}

#[test]
fn an_expired_bounty_returns_to_its_funder() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let before = Assets::balance(USDC, AVS_OWNER);
		let posted = System::block_number();
		assert_ok!(Lrt2::post_bounty(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 500, 10));
		run_to_block(posted + 9);
		assert_noop!(
			Lrt2::cancel_bounty(RuntimeOrigin::signed(AVS_OWNER), 0),
			Error::<Test>::BountyNotExpired
		);
		run_to_block(posted + 10);
		assert_noop!(
			Lrt2::cancel_bounty(RuntimeOrigin::signed(STRANGER), 0),
			Error::<Test>::NotAvsOwner
		);
		assert_ok!(Lrt2::cancel_bounty(RuntimeOrigin::signed(AVS_OWNER), 0));
		assert_eq!(Assets::balance(USDC, AVS_OWNER), before - ledger_seed(USDC));
		assert_noop!(
			Lrt2::cancel_bounty(RuntimeOrigin::signed(AVS_OWNER), 0),
			Error::<Test>::BountyNotFound
		);
	});
}

#[test]
fn open_bounties_are_bounded_and_checked() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let post = |who, amount, expiry| {
			Lrt2::post_bounty(RuntimeOrigin::signed(who), avs, usdc(), amount, expiry)
		};
		assert_noop!(post(STRANGER, 1, 10), Error::<Test>::NotAvsOwner);
		assert_noop!(post(AVS_OWNER, 0, 10), Error::<Test>::ZeroAmount);
		assert_noop!(post(AVS_OWNER, 1, 1), Error::<Test>::DurationOutOfRange);
		assert_ok!(post(AVS_OWNER, 1, 10));
		assert_ok!(post(AVS_OWNER, 1, 10));
		assert_noop!(post(AVS_OWNER, 1, 10), Error::<Test>::TooManyBounties);
	});
}
