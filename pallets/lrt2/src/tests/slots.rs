//! Bounded capacity that frees itself (issue 16, finding 8): an AVS's asset slots, a scope's
//! programme slots, and the deposits behind every record users create.

use crate::{mock::*, Error, Event, HoldReason, Points, ProgrammeScope, Programmes, Source};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::{FixedU128, Perbill},
};

fn held(reason: HoldReason, who: AccountId) -> u128 {
	<Balances as InspectHold<_>>::balance_on_hold(&reason.into(), &who)
}

fn points(who: AccountId, programme: u32) -> u128 {
	Lrt2::points_of(who)
		.into_iter()
		.find(|(p, _)| *p == programme)
		.map_or(0, |(_, n)| n)
}

fn programme(who: AccountId, scope: ProgrammeScope, rate: u32, start: u64, end: u64) -> u32 {
	let id = crate::NextProgrammeId::<Test>::get();
	assert_ok!(Lrt2::create_programme(
		RuntimeOrigin::signed(who),
		scope,
		b"p".to_vec().try_into().unwrap(),
		FixedU128::from_u32(rate),
		start,
		end,
	));
	id
}

/// An AVS may stream any listed reward asset, several at once and one after another: no
/// asset it streamed once takes a slot for life.
#[test]
fn an_avs_streams_every_listed_asset() {
	build_and_execute(|| {
		let (_, avs, start) = scene_with_stream(1_000, 10);
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, steth(), 2_000, 10));
		run_to_block(start + 5);
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, native(), 3_000, 10));
		run_to_block(start + 30);
		// 90 % after the operator's commission, every block of every stream.
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: steth() }), 1_800);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: native() }), 2_700);
		assert_eq!(pending(OPERATOR, Source::Commission { avs, asset: native() }), 300);
	});
}

/// An asset streamed again after its streams finished pays each block once: to a vault
/// that synced in between and to one that did not.
#[test]
fn an_asset_streamed_again_pays_each_block_once() {
	build_and_execute(|| {
		let (vault_a, vault_b, avs) = two_vaults_backing_scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault_a, 1_000_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault_b, 1_000_000));
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 2_000, 10));
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, steth(), 2_000, 10));
		run_to_block(start + 10);
		// Vault A syncs now; vault B not before the end.
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900);
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, native(), 2_000, 10));
		run_to_block(start + 20);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: native() }), 900);
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 4_000, 10));
		run_to_block(start + 30);
		assert_eq!(pending(ALICE, Source::Avs { avs, asset: usdc() }), 900 + 1_800);
		assert_eq!(pending(BOB, Source::Avs { avs, asset: usdc() }), 900 + 1_800);
		assert_eq!(pending(BOB, Source::Avs { avs, asset: native() }), 900);
		assert_eq!(pending(BOB, Source::Avs { avs, asset: steth() }), 900);
	});
}

/// A finished vault programme is closed by anyone: its holders keep every point, the
/// curator's deposit is released and the slot takes a new programme.
#[test]
fn a_finished_vault_programme_is_closed_and_frees_its_slot() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		let now = System::block_number();
		let first = programme(CURATOR, ProgrammeScope::Vault(vault), 1, now + 1, now + 10);
		programme(CURATOR, ProgrammeScope::Vault(vault), 1, now + 1, now + 100);
		assert_eq!(held(HoldReason::ProgrammeDeposit, CURATOR), 2 * PROGRAMME_DEPOSIT);
		assert_noop!(
			Lrt2::create_programme(
				RuntimeOrigin::signed(CURATOR),
				ProgrammeScope::Vault(vault),
				b"p".to_vec().try_into().unwrap(),
				FixedU128::from_u32(1),
				now,
				now + 5,
			),
			Error::<Test>::TooManyProgrammes
		);
		run_to_block(now + 10);
		assert_noop!(
			Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), first),
			Error::<Test>::ProgrammeStillRunning
		);
		run_to_block(now + 11);
		assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), first));
		assert!(lrt2_events().contains(&Event::ProgrammeClosed { programme: first }));
		assert!(Programmes::<Test>::get(first).is_none());
		assert_eq!(held(HoldReason::ProgrammeDeposit, CURATOR), PROGRAMME_DEPOSIT);
		assert_noop!(
			Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), first),
			Error::<Test>::ProgrammeNotFound
		);
		programme(CURATOR, ProgrammeScope::Vault(vault), 1, now + 11, now + 20);
		run_to_block(now + 30);
		// 1 000 stake × 1 point × 10 blocks, all of them after the close too.
		assert_eq!(points(ALICE, first), 10_000);
	});
}

/// A finished AVS programme is closed without syncing the AVS's vaults: a vault that syncs
/// only after the close still receives the points of every block it held stake, and the
/// programme's slot and record go once the last such vault has synced.
#[test]
fn a_closed_avs_programme_still_pays_vaults_that_sync_later() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 2_000));
		let now = System::block_number();
		let id = programme(AVS_OWNER, ProgrammeScope::Avs(avs), 2, now, now + 10);
		assert_eq!(held(HoldReason::ProgrammeDeposit, AVS_OWNER), PROGRAMME_DEPOSIT);
		// The vault syncs once while the programme runs (Bob deposits), then not until after
		// the close.
		run_to_block(now + 4);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 2_000));
		run_to_block(now + 20);
		assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(held(HoldReason::ProgrammeDeposit, AVS_OWNER), 0);
		assert!(Programmes::<Test>::get(id).is_some(), "the vault is still owed");
		// Alice: 2 000 × 2 × 10 blocks; Bob: 2 000 × 2 × 6 blocks.
		assert_eq!(points(ALICE, id), 40_000);
		assert_eq!(points(BOB, id), 24_000);
		assert!(Programmes::<Test>::get(id).is_none(), "the last vault owed has synced");
		// Another programme takes the slot.
		programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now + 20, now + 30);
		programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now + 20, now + 30);
		assert_eq!(Points::<Test>::get(ALICE, id), 40_000);
	});
}

/// Finished programmes that are never closed keep their slot: the owner decides when to
/// free it, and only a finished one can be closed.
#[test]
fn only_finished_programmes_can_be_closed() {
	build_and_execute(|| {
		let (_, avs) = scene();
		let now = System::block_number();
		let id = programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now + 5, now + 10);
		assert_noop!(
			Lrt2::close_programme(RuntimeOrigin::signed(AVS_OWNER), id),
			Error::<Test>::ProgrammeStillRunning
		);
		assert_noop!(
			Lrt2::close_programme(RuntimeOrigin::signed(AVS_OWNER), id + 1),
			Error::<Test>::ProgrammeNotFound
		);
		run_to_block(now + 11);
		assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(AVS_OWNER), id));
	});
}

/// Programmes come and go, each leaving its points source in the vaults it credited: an AVS
/// cycling short programmes cannot fill a vault's room for AVS streams (found when programme
/// slots became reusable).
#[test]
fn cycling_programmes_cannot_crowd_streams_out_of_a_vault() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		for _ in 0..12 {
			let now = System::block_number();
			let id = programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now, now + 1);
			run_to_block(now + 2);
			// The vault syncs (Bob's deposit) and takes the programme's points source.
			assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 10));
			assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(AVS_OWNER), id));
		}
		let start = System::block_number();
		assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), 1_000, 10));
		run_to_block(start + 10);
		let alice = pending(ALICE, Source::Avs { avs, asset: usdc() });
		assert!(alice > 850, "the stream reached the vault's holders: {alice}");
	});
}

/// A vault that does not sync at all while an AVS programme runs (nobody touches it) still
/// receives its points when it syncs after the close; the slot is freed once every pair that
/// owed the programme has been credited (anyone may `poke` the vaults).
#[test]
fn a_vault_idle_through_a_closed_avs_programme_keeps_its_points() {
	build_and_execute(|| {
		let (vault, avs) = scene();
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		let now = System::block_number();
		let id = programme(AVS_OWNER, ProgrammeScope::Avs(avs), 3, now + 1, now + 5);
		let other = programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now + 1, now + 100);
		run_to_block(now + 10);
		assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), id));
		assert!(lrt2_events().contains(&Event::ProgrammeClosed { programme: id }));
		// The vault still owes its points: the slot is not free yet.
		assert_noop!(
			Lrt2::create_programme(
				RuntimeOrigin::signed(AVS_OWNER),
				ProgrammeScope::Avs(avs),
				b"p".to_vec().try_into().unwrap(),
				FixedU128::from_u32(1),
				now + 10,
				now + 20,
			),
			Error::<Test>::TooManyProgrammes
		);
		assert_noop!(
			Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::ProgrammeNotFound
		);
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		assert!(Programmes::<Test>::get(id).is_none(), "every pair owed has been credited");
		programme(AVS_OWNER, ProgrammeScope::Avs(avs), 1, now + 10, now + 20);
		// 1 000 stake × 3 points × 5 blocks.
		assert_eq!(points(ALICE, id), 15_000);
		assert_eq!(points(ALICE, other), 10_000);
	});
}

/// A vault allocating to AVSs that stream more assets than its room for AVS sources cannot
/// take its holders' part of the overflow: it goes back to the AVS's owner, claimable, never
/// stranded in the ledger (second adversarial review).
#[test]
fn an_overflowing_avs_source_goes_back_to_the_avs_owner() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		register_operator(OPERATOR, Perbill::from_percent(10));
		let owners = [AVS_OWNER, CHARLIE, STRANGER];
		let avss: Vec<_> = owners.iter().map(|o| register_avs(*o)).collect();
		for avs in &avss {
			assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(CURATOR), vault, *avs));
		}
		run_to_block(System::block_number() + 20);
		for avs in &avss {
			allocate_now(CURATOR, vault, OPERATOR, *avs, Perbill::from_percent(30));
		}
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
		let start = System::block_number();
		// Three AVSs × three assets: nine sources for a room of eight.
		for (owner, avs) in owners.iter().zip(&avss) {
			for asset in [native(), steth(), usdc()] {
				assert_ok!(Lrt2::fund_stream(
					RuntimeOrigin::signed(*owner),
					*avs,
					asset,
					1_000,
					10
				));
			}
		}
		run_to_block(start + 11);
		let last = Source::Avs { avs: avss[2], asset: usdc() };
		assert_eq!(pending(ALICE, last.clone()), 0, "the ninth source found no room");
		assert_eq!(pending(STRANGER, last), 900, "its holders' part went back to its AVS");
		assert!(lrt2_events()
			.iter()
			.any(|e| matches!(e, Event::UncreditedToAvsOwner { amount: 900, .. })));
		assert_ok!(Lrt2::claim(RuntimeOrigin::signed(STRANGER)));
	});
}
