//! Rewards added in one step reach holders over a window, and points cover each block at the
//! stake held in it: a just-in-time position earns only its blocks' share (issue 16, F6).

use crate::{mock::*, Source, VaultDrips};
use polkadot_sdk::{
	frame_support::assert_ok,
	sp_runtime::{FixedU128, Perbill},
};

/// `who`'s shares in `vault`.
fn shares(vault: u32, who: AccountId) -> u128 {
	<Vaults as restake_primitives::traits::VaultInspect<_, _>>::shares_of(vault, &who)
}

/// Alice (1 000 LRT, the only holder) is rewarded 1 000 USDC, then asks to withdraw all of it
/// halfway through the drip. Returns the block the reward was added.
fn reward_then_everyone_leaves_halfway(vault: u32) -> u64 {
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
	let start = System::block_number();
	assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(STRANGER), vault, usdc(), 1_000));
	run_to_block(start + DRIP_PERIOD / 2);
	assert_ok!(Vaults::request_withdrawal(
		RuntimeOrigin::signed(ALICE),
		vault,
		shares(vault, ALICE)
	));
	start
}

#[test]
fn a_just_in_time_deposit_takes_no_share_of_a_vault_reward() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		run_to_block(System::block_number() + 50);
		// Bob deposits as much as Alice right before the reward and asks to leave right after.
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(STRANGER), vault, usdc(), 1_000));
		assert_ok!(Vaults::request_withdrawal(
			RuntimeOrigin::signed(BOB),
			vault,
			shares(vault, BOB)
		));
		run_to_block(System::block_number() + DRIP_PERIOD + 5);
		let source = Source::Vault { vault, asset: usdc() };
		assert_eq!(pending(BOB, source.clone()), 0, "the sandwich earns nothing");
		assert_eq!(pending(ALICE, source), 1_000, "the holder that stayed gets all of it");
	});
}

#[test]
fn a_vault_reward_is_released_evenly_over_the_drip_period() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		let start = System::block_number();
		assert_ok!(Lrt2::reward_vault(RuntimeOrigin::signed(STRANGER), vault, usdc(), 1_000));
		let source = Source::Vault { vault, asset: usdc() };
		assert_eq!(pending(ALICE, source.clone()), 0, "nothing in the block it is added");
		run_to_block(start + DRIP_PERIOD / 2);
		assert_eq!(pending(ALICE, source.clone()), 500);
		// Bob joins halfway: he earns half of the second half.
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		run_to_block(start + DRIP_PERIOD);
		assert_eq!(pending(BOB, source.clone()), 250);
		assert_eq!(pending(ALICE, source.clone()), 750);
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		assert!(VaultDrips::<Test>::get(vault, usdc()).is_none(), "a finished drip is removed");
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn a_drip_waits_while_a_vault_has_no_holders() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		let start = reward_then_everyone_leaves_halfway(vault);
		run_to_block(start + 10 * DRIP_PERIOD);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		run_to_block(start + 11 * DRIP_PERIOD);
		let source = Source::Vault { vault, asset: usdc() };
		assert_eq!(pending(ALICE, source.clone()), 500);
		assert_eq!(pending(BOB, source), 500, "the rest went to the next holder, not to dust");
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn vault_points_use_the_stake_held_during_the_blocks_they_cover() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		let now = System::block_number();
		assert_ok!(Lrt2::create_programme(
			RuntimeOrigin::signed(CURATOR),
			crate::ProgrammeScope::Vault(vault),
			b"Season 1".to_vec().try_into().unwrap(),
			FixedU128::from_rational(1, 10),
			now,
			now + 20,
		));
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		run_to_block(now + 10);
		// Half the stake is slashed at block +10, with no sync of the vault before it.
		assert_ok!(
			<Operators as restake_primitives::traits::AllocationSlash<_, _>>::slash_allocations(
				&OPERATOR,
				avs,
				Perbill::from_percent(50),
			)
		);
		run_to_block(now + 20);
		let points = crate::Pallet::<Test>::points_of(ALICE);
		// 10 blocks × 1 000 × 0.1 + 10 blocks × ~500 × 0.1.
		let total = points.iter().map(|(_, n)| *n).sum::<u128>();
		assert!(
			(1_495..=1_500).contains(&total),
			"points {total}: the first 10 blocks count at 1 000"
		);
	});
}

/// A vault destroyed while a drip waits for holders (they all left) hands what is left to its
/// curator, as the vault pallet does with unreleased compounding rewards: nothing stays in
/// the ledger for a vault that is gone (found by the adversarial review: 500 stranded).
#[test]
fn a_destroyed_vault_leaves_no_drip_behind() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		let start = reward_then_everyone_leaves_halfway(vault);
		run_to_block(start + DRIP_PERIOD / 2 + 10);
		assert_ok!(Vaults::claim_withdrawals(RuntimeOrigin::signed(ALICE), vault, ALICE));
		assert_ok!(Vaults::destroy_vault(RuntimeOrigin::signed(CURATOR), vault));
		assert_eq!(VaultDrips::<Test>::iter_prefix(vault).count(), 0);
		let source = Source::Vault { vault, asset: usdc() };
		assert_eq!(pending(ALICE, source.clone()), 500);
		assert_eq!(crate::Earned::<Test>::get(CURATOR, source), 500);
		assert!(lrt2_events().contains(&crate::Event::UnreleasedRewardsToCurator {
			vault,
			curator: CURATOR,
			asset: usdc(),
			amount: 500
		}));
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(CURATOR)));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}
