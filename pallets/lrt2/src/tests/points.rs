//! Points programmes: per unit of stake per block, for an AVS's or a vault's stake.

use crate::{mock::*, Error, Points, ProgrammeScope};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::FixedU128,
};

fn points(who: AccountId, programme: u32) -> u128 {
	Lrt2::points_of(who)
		.into_iter()
		.find(|(p, _)| *p == programme)
		.map_or(0, |(_, n)| n)
}

#[test]
fn vault_points_accrue_per_unit_of_stake_per_block() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		let now = System::block_number();
		assert_ok!(Lrt2::create_programme(
			RuntimeOrigin::signed(CURATOR),
			ProgrammeScope::Vault(vault),
			b"Season 1".to_vec().try_into().unwrap(),
			FixedU128::from_rational(1, 10),
			now + 1,
			now + 10,
		));
		run_to_block(now + 5);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 3_000));
		run_to_block(now + 20);
		// Alice: 1 000 × 0.1 × 10 blocks; Bob: 3 000 × 0.1 × 5 blocks.
		assert_eq!(points(ALICE, 0), 1_000);
		assert_eq!(points(BOB, 0), 1_500);
		assert_eq!(Points::<Test>::get(ALICE, 0), 1_000, "anyone can read anyone's points");
	});
}

#[test]
fn avs_points_follow_allocated_stake() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 2_000));
		let now = System::block_number();
		assert_ok!(Lrt2::create_programme(
			RuntimeOrigin::signed(AVS_OWNER),
			ProgrammeScope::Avs(avs),
			b"Oracle points".to_vec().try_into().unwrap(),
			FixedU128::from_u32(2),
			now,
			now + 100,
		));
		run_to_block(now + 10);
		assert_eq!(points(ALICE, 0), 2_000 * 2 * 10);
		// Points are not claimable tokens.
		assert_noop!(Lrt2::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn programmes_check_owner_window_and_bounds() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		let now = System::block_number();
		let create = |who, scope, rate: u32, start, end| {
			Lrt2::create_programme(
				RuntimeOrigin::signed(who),
				scope,
				b"p".to_vec().try_into().unwrap(),
				FixedU128::from_u32(rate),
				start,
				end,
			)
		};
		assert_noop!(
			create(STRANGER, ProgrammeScope::Avs(avs), 1, now, now + 5),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			create(STRANGER, ProgrammeScope::Vault(vault), 1, now, now + 5),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			create(CURATOR, ProgrammeScope::Vault(9), 1, now, now + 5),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			create(CURATOR, ProgrammeScope::Vault(vault), 0, now, now + 5),
			Error::<Test>::ZeroRate
		);
		assert_noop!(
			create(CURATOR, ProgrammeScope::Vault(vault), 1, now - 1, now + 5),
			Error::<Test>::InvalidProgrammeWindow
		);
		assert_noop!(
			create(CURATOR, ProgrammeScope::Vault(vault), 1, now + 5, now + 4),
			Error::<Test>::InvalidProgrammeWindow
		);
		assert_ok!(create(CURATOR, ProgrammeScope::Vault(vault), 1, now, now + 5));
		assert_ok!(create(CURATOR, ProgrammeScope::Vault(vault), 1, now, now + 5));
		assert_noop!(
			create(CURATOR, ProgrammeScope::Vault(vault), 1, now, now + 5),
			Error::<Test>::TooManyProgrammes
		);
	});
}

#[test]
fn points_and_rewards_stay_exact_with_a_huge_lrt_supply() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		// 3 × 10^23 LRT units: 90 reward units per block over them is 3 × 10^-22 per share,
		// which an 18-decimal index would round to zero.
		assert_ok!(Vaults::deposit(
			RuntimeOrigin::signed(ALICE),
			vault,
			300_000_000_000_000_000_000_000
		));
		let now = System::block_number();
		assert_ok!(Lrt2::create_programme(
			RuntimeOrigin::signed(CURATOR),
			ProgrammeScope::Vault(vault),
			b"tiny".to_vec().try_into().unwrap(),
			// The smallest rate: one point per 10^18 units of stake per block.
			FixedU128::from_inner(1),
			now,
			now + 100,
		));
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(now + 10);
		assert_eq!(points(ALICE, 0), 3_000_000, "300 000 points per block for 10 blocks");
		assert_eq!(
			super::super::mock::pending(ALICE, crate::Source::Avs { avs, asset: usdc() }),
			900
		);
	});
}
