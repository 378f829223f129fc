//! What a run found, summed over its sequences and threads, and how it is reported.

use polkadot_sdk::sp_runtime::DispatchError;
use std::collections::BTreeMap;

/// What the run found, across all sequences.
#[derive(Default)]
pub(super) struct Stats {
	/// Sequences run.
	pub(super) sequences: u64,
	/// Calls dispatched.
	pub(super) calls: u64,
	/// Calls that succeeded.
	pub(super) succeeded: u64,
	/// Steps that moved time on instead of calling.
	pub(super) block_advances: u64,
	/// Streams and programmes closed at the end of the sequences.
	pub(super) closed: u64,
	/// Invariant checks passed.
	pub(super) invariant_checks: u64,
	/// Failed calls, by error.
	pub(super) errors: BTreeMap<String, u64>,
	/// Calls tried and succeeded, by label.
	pub(super) calls_by_label: BTreeMap<&'static str, (u64, u64)>,
	/// The most LRT² rounding dust a sequence left, per asset.
	pub(super) max_lrt2_dust: u128,
	/// The sequence that left it.
	pub(super) max_lrt2_dust_seed: u64,
	/// Executed slashes that took less than their fraction of a captured vault because an
	/// earlier slash had already taken part of it (bounded by what was left).
	pub(super) bounded_slash_takes: u64,
	/// Executed slash takes from vaults untouched since the request, each checked to be exactly
	/// the fraction of the capture.
	pub(super) exact_slash_takes: u64,
	/// Checks that a retired LRT² source waited for exactly the LRT not settled from it.
	pub(super) retired_checks: u64,
	/// Calls whose charged weight was checked against the storage they touched.
	pub(super) weight_checks: u64,
	/// The call whose storage came closest to its charged weight: (storage ÷ charged, label).
	pub(super) tightest_weight: (f64, &'static str),
}

impl Stats {
	/// Adds what `other` (one thread's sequences) found.
	pub(super) fn add(&mut self, other: Stats) {
		self.sequences += other.sequences;
		self.calls += other.calls;
		self.succeeded += other.succeeded;
		self.block_advances += other.block_advances;
		self.closed += other.closed;
		self.invariant_checks += other.invariant_checks;
		self.bounded_slash_takes += other.bounded_slash_takes;
		self.exact_slash_takes += other.exact_slash_takes;
		self.retired_checks += other.retired_checks;
		self.weight_checks += other.weight_checks;
		if other.tightest_weight.0 > self.tightest_weight.0 {
			self.tightest_weight = other.tightest_weight;
		}
		if other.max_lrt2_dust > self.max_lrt2_dust {
			self.max_lrt2_dust = other.max_lrt2_dust;
			self.max_lrt2_dust_seed = other.max_lrt2_dust_seed;
		}
		for (e, n) in other.errors {
			*self.errors.entry(e).or_default() += n;
		}
		for (l, (n, ok)) in other.calls_by_label {
			let entry = self.calls_by_label.entry(l).or_default();
			entry.0 += n;
			entry.1 += ok;
		}
	}

	/// Prints what the run did: calls, checks, errors hit and calls by label.
	pub(super) fn print(&self) {
		println!(
			"  {} calls executed, {} succeeded, {} failed cleanly; {} block advances; {} streams and programmes closed at the end",
			self.calls,
			self.succeeded,
			self.calls - self.succeeded,
			self.block_advances,
			self.closed
		);
		println!(
			"  {} invariant checks passed; largest LRT² rounding dust {} (seed {})",
			self.invariant_checks, self.max_lrt2_dust, self.max_lrt2_dust_seed
		);
		println!(
			"  {} checks that a retired LRT² source waited for exactly the LRT not settled from it",
			self.retired_checks
		);
		println!(
			"  {} calls charged at least the storage they touched; the closest, {}, touched {:.0} % of its charge in storage",
			self.weight_checks,
			self.tightest_weight.1,
			self.tightest_weight.0 * 100.0
		);
		println!(
			"  every executed slash took at most its fraction of captured vaults only; {} takes from untouched vaults were exactly their fraction; {} were bounded by an earlier slash or claim",
			self.exact_slash_takes, self.bounded_slash_takes
		);
		println!("  {} distinct errors hit:", self.errors.len());
		for (e, n) in &self.errors {
			println!("    {n:>8}  {e}");
		}
		println!("  calls (tried / succeeded):");
		for (label, (n, ok)) in &self.calls_by_label {
			println!("    {n:>8} / {ok:>8}  {label}");
		}
	}
}

/// A dispatch error by pallet and name (`Vaults::VaultNotFound`), as the report counts them.
pub(super) fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(m) => {
			let pallet = match m.index {
				4 => "Balances",
				8 => "Assets",
				20 => "Vaults",
				21 => "Operators",
				22 => "Slashing",
				23 => "Lrt2",
				_ => "pallet",
			};
			format!("{pallet}::{}", m.message.unwrap_or("?"))
		},
		other => format!("{other:?}"),
	}
}
