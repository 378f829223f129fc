//! Dev sealing: blocks on demand instead of every Aura slot.
//!
//! `restake-node --dev --sealing <MODE>` replaces Aura authoring and the GRANDPA voter with
//! manual sealing (`sc-consensus-manual-seal`); every sealed block is finalized at once:
//! - `aura` (default): the real path, a block every slot, GRANDPA finality;
//! - `instant`: a block as soon as a transaction enters the pool;
//! - `manual`: a block only when asked, by the `engine_createBlock` RPC;
//! - `<ms>` (e.g. `500`): a block every `ms` milliseconds, empty or not.
//!
//! In every mode but `aura`, `engine_createBlock(createEmpty, finalize, parentHash)` and
//! `engine_finalizeBlock(hash, justification)` are served, so a test can also step the chain
//! (e.g. past a withdrawal delay) without waiting.
//!
//! The blocks stay valid Aura blocks for the runtime: each carries an Aura pre-digest for the
//! slot of its timestamp, and [`timestamp_on`] keeps that slot strictly increasing (the
//! runtime's Aura pallet rejects a block that does not advance the slot). The chain's clock
//! therefore enters a later slot (3 s) every block: sealing many blocks quickly moves the
//! chain's time ahead of the wall clock.

use polkadot_sdk::{
	sc_consensus_aura, sp_blockchain::HeaderBackend,
	sp_consensus_aura::sr25519::AuthoritySignature, sp_runtime::traits::Header as _,
};
use restake_runtime::opaque::Block;
use std::{
	str::FromStr,
	time::{SystemTime, UNIX_EPOCH},
};

/// A block hash.
type Hash = <Block as polkadot_sdk::sp_runtime::traits::Block>::Hash;

/// How the node produces blocks (`--sealing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sealing {
	/// Aura authoring and GRANDPA finality: the real path (default).
	#[default]
	Aura,
	/// A block per transaction entering the pool, finalized at once.
	Instant,
	/// A block per `engine_createBlock` call.
	Manual,
	/// A block every given number of milliseconds, finalized at once.
	Interval(u64),
}

impl FromStr for Sealing {
	type Err = String;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		match s {
			"aura" => Ok(Self::Aura),
			"instant" => Ok(Self::Instant),
			"manual" => Ok(Self::Manual),
			ms => match ms.parse::<u64>() {
				Ok(0) => Err("the sealing interval must be at least 1 ms".into()),
				Ok(ms) => Ok(Self::Interval(ms)),
				Err(_) => Err(format!(
					"unknown sealing mode `{s}`: expected aura, instant, manual or a number of milliseconds"
				)),
			},
		}
	}
}

/// The timestamp of a block sealed on `parent`: the wall clock, or one slot after the parent's
/// slot if that is later, so the block is always in a later Aura slot than its parent (the
/// runtime's Aura pallet rejects one that is not). Read from the parent itself: right after a
/// restart, on a fork (`engine_createBlock` with a `parentHash`) and on blocks imported from
/// elsewhere alike.
pub fn timestamp_on<C>(client: &C, parent: Hash, slot_ms: u64) -> Result<u64, String>
where
	C: HeaderBackend<Block>,
{
	let header = client
		.header(parent)
		.map_err(|e| e.to_string())?
		.ok_or_else(|| format!("unknown parent block {parent}"))?;
	let parent_slot = if header.number().eq(&0) {
		None
	} else {
		let slot = sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&header)
			.map_err(|e| format!("parent block {parent} has no Aura slot: {e}"))?;
		Some(u64::from(slot))
	};
	let now = SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or_default();
	Ok(next_timestamp(now, parent_slot, slot_ms))
}

/// The wall clock `now`, or the start of the slot after `parent_slot` if that is later.
fn next_timestamp(now: u64, parent_slot: Option<u64>, slot_ms: u64) -> u64 {
	match parent_slot {
		Some(slot) => now.max(slot.saturating_add(1).saturating_mul(slot_ms)),
		None => now,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn modes_parse() {
		assert_eq!("aura".parse(), Ok(Sealing::Aura));
		assert_eq!("instant".parse(), Ok(Sealing::Instant));
		assert_eq!("manual".parse(), Ok(Sealing::Manual));
		assert_eq!("250".parse(), Ok(Sealing::Interval(250)));
		assert!("0".parse::<Sealing>().is_err());
		assert!("fast".parse::<Sealing>().unwrap_err().contains("unknown sealing mode `fast`"));
	}

	#[test]
	fn timestamps_follow_the_clock_but_always_move_a_slot_past_the_parent() {
		let slot = 3_000;
		// Parent far ahead of the clock (a chain sealed fast): exactly the next slot.
		assert_eq!(next_timestamp(1_000_000, Some(1_000), slot), 1_001 * slot);
		// Parent behind the clock: the clock.
		assert_eq!(next_timestamp(10_000_000, Some(2), slot), 10_000_000);
		// Genesis parent (no slot): the clock.
		assert_eq!(next_timestamp(42, None, slot), 42);
		// Never overflows.
		assert_eq!(next_timestamp(0, Some(u64::MAX), slot), u64::MAX);
	}
}
