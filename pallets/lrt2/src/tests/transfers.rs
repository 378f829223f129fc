//! LRT follows the holder: transfers settle both sides first.

use crate::{mock::*, Source};
use polkadot_sdk::frame_support::traits::Get;
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

#[test]
fn a_transfer_mid_stream_splits_rewards_by_holding_time() {
	build_and_execute(|| {
		let (vault, avs, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 4);
		// Alice moves a quarter, then the rest, of her LRT to Bob at blocks 4 and 7.
		assert_ok!(Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), vault, BOB, 250_000));
		run_to_block(start + 7);
		assert_ok!(Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), vault, BOB, 750_000));
		run_to_block(start + 10);
		// Holders get 90 per block: Alice 4 × 90 + 3 × 67.5 = 562.5, Bob 3 × 22.5 + 3 × 90.
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 562);
		assert_eq!(pending(BOB, Source::Avs { avs, asset: usdc() }), 337);
		assert_eq!(Assets::balance(LRT_OFFSET + vault, BOB), 1_000_000);
	});
}

#[test]
fn a_receiver_does_not_inherit_past_rewards() {
	build_and_execute(|| {
		let (vault, avs, start) = scene_with_stream(1_000, 10);
		run_to_block(start + 10);
		assert_ok!(Vaults::transfer_shares(
			RuntimeOrigin::signed(ALICE),
			vault,
			CHARLIE,
			1_000_000
		));
		run_to_block(start + 20);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_eq!(pending(CHARLIE, Source::Avs { avs, asset: usdc() }), 0);
	});
}

#[test]
fn transfers_check_the_sender_balance() {
	build_and_execute(|| {
		let (vault, _) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		assert_noop!(
			Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), vault, BOB, 1_001),
			pallet_vaults::Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), vault, BOB, 0),
			pallet_vaults::Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Vaults::transfer_shares(RuntimeOrigin::signed(ALICE), 7, BOB, 1),
			pallet_vaults::Error::<Test>::VaultNotFound
		);
	});
}

#[test]
fn dust_in_many_vaults_cannot_block_a_holder() {
	build_and_execute(|| {
		let vaults: Vec<_> = (0..=MAX_VAULTS_PER_HOLDER).map(|_| create_vault(CURATOR)).collect();
		// A griefer sends Alice one LRT unit of as many vaults as `claim` tracks.
		for vault in &vaults[..MAX_VAULTS_PER_HOLDER as usize] {
			assert_ok!(Vaults::deposit(RuntimeOrigin::signed(STRANGER), *vault, 1_000));
			assert_ok!(Vaults::transfer_shares(RuntimeOrigin::signed(STRANGER), *vault, ALICE, 1));
		}
		// Received LRT fills only the received list; Alice's own list stays free.
		let received: u32 = <Test as crate::Config>::MaxReceivedVaults::get();
		assert_eq!(crate::ReceivedVaults::<Test>::get(ALICE).len() as u32, received);
		assert!(crate::HolderVaults::<Test>::get(ALICE).is_empty());
		// Alice deposits into one more vault and earns there: `claim` pays it at once.
		let last = vaults[MAX_VAULTS_PER_HOLDER as usize];
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), last, 1_000));
		assert_eq!(crate::HolderVaults::<Test>::get(ALICE).to_vec(), vec![last]);
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(STRANGER), last, usdc(), 500));
		run_to_block(System::block_number() + DRIP_PERIOD);
		let before = Assets::balance(USDC, ALICE);
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(ALICE)));
		assert_eq!(Assets::balance(USDC, ALICE), before + 500);
		// A received position the holder cares about moves to its own list on request.
		let dusted = vaults[MAX_VAULTS_PER_HOLDER as usize - 1];
		assert_noop!(
			Lrt2::track_vault(RuntimeOrigin::signed(BOB), dusted),
			crate::Error::<Test>::NoSharesInVault
		);
		assert_ok!(Lrt2::track_vault(RuntimeOrigin::signed(ALICE), dusted));
		assert!(crate::HolderVaults::<Test>::get(ALICE).contains(&dusted));
	});
}
