//! Sources that finish give their place in a vault's list to new ones (issue 16, the last
//! part of finding 8): a points programme past its end, the streams of an AVS the vault no
//! longer backs. Holders not settled since keep every unit they were owed.

use crate::{
	mock::*, Earned, Error, Event, HolderEpochs, HolderSnapshots, ProgrammeScope, Retired, Source,
	VaultSources,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{FixedU128, Perbill},
};
use restake_primitives::traits::VaultInspect;

fn points(who: AccountId, programme: u32) -> u128 {
	Lrt2::points_of(who)
		.into_iter()
		.find(|(p, _)| *p == programme)
		.map_or(0, |(_, n)| n)
}

/// A vault programme over the next five blocks at 1 point per unit per block, run to its
/// end and closed (which syncs the vault up to past its end).
fn run_vault_programme(vault: u32) -> u32 {
	let id = crate::NextProgrammeId::<Test>::get();
	let now = System::block_number();
	assert_ok!(Lrt2::create_programme(
		RuntimeOrigin::signed(CURATOR),
		ProgrammeScope::Vault(vault),
		b"p".to_vec().try_into().unwrap(),
		FixedU128::from_u32(1),
		now + 1,
		now + 5,
	));
	run_to_block(now + 6);
	assert_ok!(Lrt2::close_programme(RuntimeOrigin::signed(STRANGER), id));
	id
}

fn shares(vault: u32, who: &AccountId) -> u128 {
	<Vaults as VaultInspect<AccountId, u128>>::shares_of(vault, who)
}

/// The AVSs of the room tests: A and D owned by `AVS_OWNER`, B by the given owner, C by
/// `STRANGER`, all allowed by the vault.
struct AvsRoom {
	vault: u32,
	a: u32,
	b: u32,
	d: u32,
}

/// A vault backing A, B and C through `OPERATOR` (30 % each; `OPERATOR_2` registered for D),
/// `holders` depositing 1 000 000 each, A streaming USDC and stETH and B and C every listed
/// asset (1 000 over 10 blocks): after one poke the vault's room of eight AVS sources is full.
fn full_avs_room(b_owner: AccountId, holders: &[AccountId]) -> AvsRoom {
	let vault = create_vault(CURATOR);
	register_operator(OPERATOR, Perbill::from_percent(10));
	register_operator(OPERATOR_2, Perbill::from_percent(10));
	let (a, b, c, d) = (
		register_avs(AVS_OWNER),
		register_avs(b_owner),
		register_avs(STRANGER),
		register_avs(AVS_OWNER),
	);
	for avs in [a, b, c, d] {
		assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(CURATOR), vault, avs));
	}
	run_to_block(System::block_number() + 20);
	for avs in [a, b, c] {
		allocate_now(CURATOR, vault, OPERATOR, avs, Perbill::from_percent(30));
	}
	for who in holders {
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(*who), vault, 1_000_000));
	}
	stream(AVS_OWNER, a, usdc());
	stream(AVS_OWNER, a, steth());
	for (owner, avs) in [(b_owner, b), (STRANGER, c)] {
		for asset in [usdc(), steth(), native()] {
			stream(owner, avs, asset);
		}
	}
	run_to_block(System::block_number() + 11);
	assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
	assert_eq!(VaultSources::<Test>::get(vault).len(), 8);
	AvsRoom { vault, a, b, d }
}

/// `owner` streams 1 000 of `asset` over 10 blocks to `avs`.
fn stream(owner: AccountId, avs: u32, asset: AssetKind) {
	assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(owner), avs, asset, 1_000, 10));
}

/// The vault's curator takes its whole allocation to (`operator`, `avs`) away, and the
/// decrease takes effect.
fn leave(vault: u32, avs: u32, operator: AccountId) {
	assert_ok!(Operators::allocate(
		RuntimeOrigin::signed(CURATOR),
		vault,
		operator,
		avs,
		Perbill::zero()
	));
	let effective_at = pallet_operators::Allocations::<Test>::get((vault, operator, avs))
		.and_then(|a| a.pending)
		.map(|p| p.effective_at)
		.expect("a decrease is pending");
	run_to_block(effective_at);
	assert_ok!(Operators::settle_allocation(RuntimeOrigin::signed(CURATOR), vault, operator, avs));
}

fn points_sources(vault: u32) -> usize {
	VaultSources::<Test>::get(vault)
		.iter()
		.filter(|s| matches!(s, Source::Points { .. }))
		.count()
}

/// A vault is credited by any number of programmes over its life, not only by the first
/// `MaxPointSources` (4 here): on the code before, the fifth and later ones credited nothing.
#[test]
fn a_vault_is_credited_by_more_programmes_than_its_points_room() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		for _ in 0..7 {
			let id = run_vault_programme(vault);
			// 1 000 stake × 1 point × 5 blocks.
			assert_eq!(points(ALICE, id), 5_000, "programme {id}");
		}
		assert_eq!(points_sources(vault), 4);
		assert!(Retired::<Test>::get(vault).entries.is_empty(), "Alice was settled each time");
	});
}

/// A holder that never acts keeps what finished sources owe it, exactly; while it is not
/// settled its retired sources wait (at most `MaxRetiredSources`, 2 here, per kind), and
/// anyone may settle it to free them.
#[test]
fn anyone_settles_a_holder_that_does_not_act_and_frees_its_retired_sources() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 1_000));
		let bob_shares = shares(vault, &BOB);
		let mut ids = Vec::new();
		for _ in 0..6 {
			let id = run_vault_programme(vault);
			assert_eq!(points(ALICE, id), 5_000);
			ids.push(id);
		}
		// Programmes 4 and 5 took the places of 0 and 1, which wait for Bob's LRT.
		let retired = Retired::<Test>::get(vault);
		let waiting: Vec<_> =
			retired.entries.iter().map(|e| (e.source.clone(), e.unsettled)).collect();
		assert_eq!(
			waiting,
			vec![
				(Source::Points { programme: ids[0] }, bob_shares),
				(Source::Points { programme: ids[1] }, bob_shares)
			]
		);
		// Both places for retired points sources are taken: the seventh programme finds no
		// room in the vault (the documented limit), so its points are not tallied.
		let seventh = run_vault_programme(vault);
		assert_eq!(points(ALICE, seventh), 0);

		assert_noop!(
			Lrt2::settle(RuntimeOrigin::signed(STRANGER), vault, CHARLIE),
			Error::<Test>::NotAHolder
		);
		assert_noop!(
			Lrt2::settle(RuntimeOrigin::signed(STRANGER), 99, BOB),
			Error::<Test>::VaultNotFound
		);
		lrt2_events();
		assert_ok!(Lrt2::settle(RuntimeOrigin::signed(STRANGER), vault, BOB));
		let events = lrt2_events();
		for id in &ids[..2] {
			assert!(events.contains(&Event::RetiredSourceCleared {
				vault,
				source: Source::Points { programme: *id }
			}));
		}
		assert!(Retired::<Test>::get(vault).entries.is_empty());
		assert_eq!(HolderEpochs::<Test>::get(vault, BOB), Retired::<Test>::get(vault).epoch);
		// Room again: the next programme credits the vault.
		let next = run_vault_programme(vault);
		assert_eq!(points(ALICE, next), 5_000);
		// Bob was owed every programme, retired or not, to the point.
		for id in ids.iter().chain([&next]) {
			assert_eq!(points(BOB, *id), 5_000, "programme {id}");
		}
	});
}

/// Streams of an AVS the vault no longer backs give their place to a new AVS's streams: on
/// the code before, the vault's room for AVS sources (8 here) stayed full of them and the new
/// AVS's holders' part went back to its owner. A holder that did not act in between is paid
/// from the retired sources, and the sources of an AVS the vault backs again start afresh.
#[test]
fn an_avs_the_vault_left_makes_room_and_one_it_backs_again_pays_afresh() {
	build_and_execute(|| {
		// Two assets from A, three each from B and C: the room of eight is full.
		let AvsRoom { vault, a, b, d } = full_avs_room(CHARLIE, &[ALICE, BOB]);
		let a_usdc = Source::Avs { avs: a, asset: usdc() };
		assert_eq!(pending(ALICE, a_usdc.clone()), 450);

		// The vault leaves A and backs D (with another operator), which streams USDC.
		leave(vault, a, OPERATOR);
		allocate_now(CURATOR, vault, OPERATOR_2, d, Perbill::from_percent(30));
		lrt2_events();
		stream(AVS_OWNER, d, usdc());
		run_to_block(System::block_number() + 11);
		let d_usdc = Source::Avs { avs: d, asset: usdc() };
		assert_eq!(pending(ALICE, d_usdc.clone()), 450, "D's stream reached the holders");
		let events = lrt2_events();
		assert!(events.iter().any(|e| matches!(
			e,
			Event::SourceRetired { source, .. } if *source == a_usdc
		)));
		assert!(!events.iter().any(|e| matches!(e, Event::UncreditedToAvsOwner { .. })));

		// The vault leaves D and backs A again, which streams USDC again.
		leave(vault, d, OPERATOR_2);
		allocate_now(CURATOR, vault, OPERATOR, a, Perbill::from_percent(30));
		stream(AVS_OWNER, a, usdc());
		run_to_block(System::block_number() + 11);
		assert_eq!(pending(ALICE, a_usdc.clone()), 450 + 450);
		assert_eq!(Retired::<Test>::get(vault).entries.len(), 2, "both wait for Bob");

		// Bob did nothing all along: each source pays him his half of every block, once.
		assert_eq!(pending(BOB, a_usdc), 450 + 450);
		assert_eq!(pending(BOB, d_usdc), 450);
		assert_eq!(pending(BOB, Source::Avs { avs: b, asset: native() }), 450);
		assert!(Retired::<Test>::get(vault).entries.is_empty());
	});
}

/// Holders arriving after a source retired, and holders that leave, are neither paid from it
/// nor counted for it: the retired entry clears exactly when the last LRT that held it is
/// settled, whatever moved in between (transfers, withdrawals, new deposits).
#[test]
fn a_retired_source_waits_for_exactly_the_lrt_that_held_it() {
	build_and_execute(|| {
		let vault = create_vault(CURATOR);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault, 3_000));
		let first = run_vault_programme(vault);
		for _ in 0..4 {
			run_vault_programme(vault);
		}
		// The first programme retired for the fifth, with all 4 000 LRT unsettled.
		let total = shares(vault, &ALICE) + shares(vault, &BOB);
		assert_eq!(Retired::<Test>::get(vault).entries[0].unsettled, total);
		// Charlie arrives (nothing owed to him), Bob sends Charlie LRT (Bob is settled from
		// it), Alice asks to withdraw everything (settled too).
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), vault, 5_000));
		let half = shares(vault, &BOB) / 2;
		assert_ok!(Vaults::transfer_shares(RuntimeOrigin::signed(BOB), vault, CHARLIE, half));
		assert!(Retired::<Test>::get(vault).entries.len() == 1, "Alice not settled yet");
		let alice = shares(vault, &ALICE);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(ALICE), vault, alice));
		assert!(Retired::<Test>::get(vault).entries.is_empty());
		assert_eq!(points(ALICE, first), 5_000);
		assert_eq!(points(BOB, first), 15_000);
		assert_eq!(points(CHARLIE, first), 0);
	});
}

/// A holder that had no LRT when a source retired keeps its snapshot of the old pool (it is
/// not counted, so the entry clears without it). Back while the source is not listed, it is
/// owed the fresh pool of the source listed again from its start: its old snapshot is known
/// to be older than the pool (found by the adversarial review: it was measured against the
/// fresh index and paid 0 instead of 300).
#[test]
fn a_holder_back_before_its_source_is_listed_again_is_paid_from_the_fresh_pool() {
	build_and_execute(|| {
		let AvsRoom { vault, a, d, .. } = full_avs_room(CURATOR, &[ALICE, BOB, CHARLIE]);
		let a_usdc = Source::Avs { avs: a, asset: usdc() };

		// Charlie leaves		let a_usdc = Source::Avs { avs: a, asset: usdc() };

		// Charlie leaves (settled: 900 × 1/3 = 300); his snapshot of A's USDC pool stays.
		let all = shares(vault, &CHARLIE);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(CHARLIE), vault, all));
		assert_eq!(Earned::<Test>::get(CHARLIE, a_usdc.clone()), 300);
		assert!(HolderSnapshots::<Test>::contains_key((vault, CHARLIE, a_usdc.clone())));

		// The vault leaves A and backs D: A's USDC retires, waiting for Alice's and Bob's LRT.
		leave(vault, a, OPERATOR);
		allocate_now(CURATOR, vault, OPERATOR_2, d, Perbill::from_percent(30));
		stream(AVS_OWNER, d, usdc());
		run_to_block(System::block_number() + 11);
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		assert!(!VaultSources::<Test>::get(vault).contains(&a_usdc), "A's USDC retired");
		// Alice and Bob are settled (anyone may): the entry clears without Charlie.
		for who in [ALICE, BOB] {
			assert_ok!(Lrt2::settle(RuntimeOrigin::signed(STRANGER), vault, who));
		}
		assert!(Retired::<Test>::get(vault).entries.is_empty());

		// Charlie comes back while A's USDC is not listed: his old snapshot is not touched.
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(CHARLIE), vault, 1_000_000));
		assert_eq!(shares(vault, &CHARLIE), 1_000_000);
		assert!(HolderSnapshots::<Test>::contains_key((vault, CHARLIE, a_usdc.clone())));

		// The vault leaves D and backs A again; A streams 1 000 USDC: 900 to 3 000 000 LRT.
		leave(vault, d, OPERATOR_2);
		allocate_now(CURATOR, vault, OPERATOR, a, Perbill::from_percent(30));
		stream(AVS_OWNER, a, usdc());
		run_to_block(System::block_number() + 11);
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(Lrt2::settle(RuntimeOrigin::signed(STRANGER), vault, who));
		}
		// Alice and Bob held 1/3 each of the fresh pool: 300 + 300.
		assert_eq!(Earned::<Test>::get(ALICE, a_usdc.clone()), 600);
		assert_eq!(Earned::<Test>::get(BOB, a_usdc.clone()), 600);
		// Charlie held his third of the fresh pool from its first block.
		assert_eq!(Earned::<Test>::get(CHARLIE, a_usdc.clone()), 600, "Charlie lost his part");
	});
}

/// New points programmes cannot use up the room a new AVS stream needs in the same sync:
/// each kind has its own `MaxRetiredSources` scans (found by the adversarial review: with one
/// budget for both, two programmes of an AVS paired first took both scans and the new
/// stream's holders' part went back to its owner).
#[test]
fn new_programmes_cannot_use_up_the_room_a_new_avs_stream_needs() {
	build_and_execute(|| {
		let AvsRoom { vault, a, b, d } = full_avs_room(CHARLIE, &[ALICE, BOB]);
		// Four vault programmes run and end		// Four vault programmes run and end: the points room (4) is full of finished ones.
		for _ in 0..4 {
			run_vault_programme(vault);
		}
		// The vault leaves A (its two streams are finished sources) and backs D.
		leave(vault, a, OPERATOR);
		allocate_now(CURATOR, vault, OPERATOR_2, d, Perbill::from_percent(30));
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		// D streams; B's owner opens two programmes over the same blocks.
		stream(AVS_OWNER, d, usdc());
		let now = System::block_number();
		for _ in 0..2 {
			assert_ok!(Lrt2::create_programme(
				RuntimeOrigin::signed(CHARLIE),
				ProgrammeScope::Avs(b),
				b"q".to_vec().try_into().unwrap(),
				FixedU128::from_u32(1),
				now + 1,
				now + 20,
			));
		}
		run_to_block(now + 11);
		lrt2_events();
		assert_ok!(Lrt2::poke(RuntimeOrigin::signed(STRANGER), vault));
		let events = lrt2_events();
		let d_usdc = Source::Avs { avs: d, asset: usdc() };
		let returned: u128 = events
			.iter()
			.filter_map(|e| match e {
				Event::UncreditedToAvsOwner { amount, .. } => Some(*amount),
				_ => None,
			})
			.sum();
		// A's USDC retires for D's USDC and the holders get 900 (450 each).
		assert_eq!(returned, 0, "D's holders' part went back to its owner");
		assert_eq!(pending(ALICE, d_usdc), 450);
	});
}
