//! The randomised whole-system test.
//!
//! Each sequence starts from the `development` genesis (two vaults with holders, two AVSs
//! with policies, two operators with allocations, a reward stream, two points programmes) and
//! runs a random series of every extrinsic of the four restaking pallets — plus native and
//! LRT transfers — from twelve actors, each call signed by the right role three times in four
//! and by anyone (Root, nobody, another actor) otherwise. Amounts are adversarial (0, 1, dust,
//! `u128::MAX`, a balance ±1, a cap ±1) and time advances by 0 blocks (same block) or to the
//! exact boundaries of the delays (±1).
//!
//! An attacker role uses the whole runtime, not only the restaking pallets: it creates, mints,
//! freezes and thaws assets (its own junk, listed LSTs, LRT ids and the next vault's LRT id),
//! `touch`es and `refund`s, rewards vaults in junk, sends LRT dust to everyone, and wraps all
//! of it in `utility.batch`.
//!
//! After every call:
//! - no LRT's supply differs from its vault's `total_shares`, a vault can still be created,
//!   and a random actor's claim succeeds or fails only with `NothingToClaim` (probed and
//!   rolled back);
//! - every pallet's `try_state` holds (`AllPalletsWithSystem`, so also balances and assets);
//! - a failed call left the storage root unchanged;
//! - a successful call's actual weight is at most its declared weight;
//! - the weight every call is charged (after its refund, succeeded or failed) covers the
//!   storage it really read and wrote, counted key by key ([`super::storage_counter`]) and
//!   priced at the runtime's `DbWeight`.
//!
//! At the end of every sequence, with every stream run out, every vault poked and every actor
//! claimed:
//! - vaults: each vault's flows moved exactly by the amounts its events reported, and its
//!   account holds exactly its seed + active + queued assets (assets in = out + held + slashed);
//! - issuance: no underlying asset was minted, what was burned was slashed, and supply fell
//!   by exactly the burns plus the native dust of accounts emptied below the existential
//!   deposit;
//! - LRT²: per reward asset, the ledger account holds exactly funded − paid out, and
//!   funded = paid out + claimable + remaining + unallocated + open bounties + dripping + dust, where
//!   dust is exactly the rounding the reward pools record and at most 1 000 units.
//!
//! Two modes, two tests, the same checks:
//! - uniform: every call drawn uniformly. `RESTAKE_RANDOM_SEQUENCES` sets the number of
//!   sequences (default 10 000; the nightly variant in the README runs 200 000);
//!   `RESTAKE_RANDOM_SEED=<seed>` replays one with a trace of every call;
//! - lifecycle: seven calls in ten take something in progress one step further (claim a
//!   queued withdrawal, withdraw shares held, answer a pending opt-in, complete an opt-out,
//!   veto or execute a pending slash, settle an allocation change), the deep paths a uniform
//!   draw rarely reaches. `RESTAKE_LIFECYCLE_SEQUENCES` (default 3 000) and
//!   `RESTAKE_LIFECYCLE_SEED` as above.
//!
//! Seeds that once failed are kept in `random_operation_regressions.txt` and replayed first
//! on every run.
//!
//! The files: [`draw`] the random inputs, [`operations`] the uniform draw of a call,
//! [`attacker`] the attacker's calls, [`lifecycle`] the lifecycle draw, [`sequence`] one
//! sequence step by step, [`model`] what the events say happened, [`checks`] the checks,
//! [`stats`] what a run found.

mod attacker;
mod checks;
mod draw;
mod lifecycle;
mod model;
mod operations;
mod rewards;
mod sequence;
mod stats;

use sequence::run_sequence;
use stats::Stats;
use std::sync::Mutex;

/// Sequences per run in uniform mode (`RESTAKE_RANDOM_SEQUENCES` overrides).
const DEFAULT_SEQUENCES: u64 = 10_000;
/// Sequences per run in lifecycle mode (`RESTAKE_LIFECYCLE_SEQUENCES` overrides).
const DEFAULT_LIFECYCLE_SEQUENCES: u64 = 3_000;
/// Steps per sequence are drawn from `MIN_STEPS..=MAX_STEPS`.
const MIN_STEPS: u64 = 10;
/// See [`MIN_STEPS`].
const MAX_STEPS: u64 = 60;

/// How a sequence picks its calls.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
	/// Every call drawn uniformly from every pallet and role ([`operations::random_call`]).
	Uniform,
	/// Seven calls in ten move something already started one step further
	/// ([`lifecycle::lifecycle_call`]): the deep paths a uniform draw rarely reaches.
	Lifecycle,
}

/// Seeds that once failed, one per line: `<seed> # what broke` for the uniform mode,
/// `lifecycle <seed> # what broke` for the lifecycle mode.
fn regression_seeds(mode: Mode) -> Vec<u64> {
	include_str!("../random_operation_regressions.txt")
		.lines()
		.filter_map(|line| {
			let seed = line.split('#').next()?.trim();
			match (mode, seed.strip_prefix("lifecycle ")) {
				(Mode::Lifecycle, Some(seed)) => seed.trim().parse().ok(),
				(Mode::Uniform, None) => seed.parse().ok(),
				_ => None,
			}
		})
		.collect()
}

#[test]
fn the_whole_system_keeps_its_invariants_under_random_operation() {
	run_many(Mode::Uniform, "RESTAKE_RANDOM", DEFAULT_SEQUENCES);
}

#[test]
fn the_whole_system_keeps_its_invariants_through_random_lifecycles() {
	run_many(Mode::Lifecycle, "RESTAKE_LIFECYCLE", DEFAULT_LIFECYCLE_SEQUENCES);
}

/// Runs the regression seeds of `mode`, then `<prefix>_SEQUENCES` (default `default`)
/// sequences from `<prefix>_BASE` (default: the clock), and prints what they did; or
/// replays `<prefix>_SEED` alone with a trace.
fn run_many(mode: Mode, prefix: &str, default: u64) {
	let var = |name: &str| -> Option<u64> {
		std::env::var(format!("{prefix}_{name}")).ok().and_then(|s| s.parse().ok())
	};
	if let Some(seed) = var("SEED") {
		let mut stats = Stats::default();
		let result = run_sequence(seed, mode, true, &mut stats);
		assert_eq!(result, Ok(()), "seed {seed}");
		return;
	}
	let sequences: u64 = var("SEQUENCES").unwrap_or(default);
	// Fresh seeds every run (reported, so any failure reproduces), regressions first.
	let base: u64 = var("BASE").unwrap_or_else(|| {
		std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(0, |d| d.as_nanos() as u64)
	});
	let mut seeds = regression_seeds(mode);
	let regressions = seeds.len();
	seeds.extend((0..sequences).map(|i| base.wrapping_add(i.wrapping_mul(0x9e37_79b9))));

	let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
	let started = std::time::Instant::now();
	let failures = Mutex::new(Vec::<(u64, String)>::new());
	let total = Mutex::new(Stats::default());
	std::thread::scope(|scope| {
		for t in 0..threads {
			let (seeds, failures, total) = (&seeds, &failures, &total);
			scope.spawn(move || {
				let mut stats = Stats::default();
				for seed in seeds.iter().skip(t).step_by(threads) {
					stats.sequences += 1;
					if let Err(e) = run_sequence(*seed, mode, false, &mut stats) {
						failures.lock().unwrap().push((*seed, e));
					}
				}
				total.lock().unwrap().add(stats);
			});
		}
	});
	let total = total.into_inner().unwrap();
	println!(
		"random operation, {mode:?} mode: {} sequences ({regressions} regression seeds, base seed {base}) on {threads} threads in {:.1} s",
		total.sequences,
		started.elapsed().as_secs_f64()
	);
	total.print();
	let failures = failures.into_inner().unwrap();
	if let Some((seed, e)) = failures.first() {
		panic!(
			"{} of {} sequences broke an invariant; first: seed {seed}: {e}\n\
			 replay: {prefix}_SEED={seed} cargo test --release -p restake-runtime \
			 --features try-runtime random_operation -- --nocapture\n\
			 then keep it in runtime/src/tests/random_operation_regressions.txt as `{}{seed}`",
			failures.len(),
			total.sequences,
			if mode == Mode::Lifecycle { "lifecycle " } else { "" }
		);
	}
	assert!(total.calls >= total.sequences * MIN_STEPS / 2, "sequences ran their calls");
	assert!(total.succeeded * 10 >= total.calls, "at least one call in ten succeeds");
}
