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
//! slot of its timestamp, and [`DevTimestamp`] keeps that slot strictly increasing (the
//! runtime's Aura pallet rejects a block that does not advance the slot). The chain's clock
//! therefore runs at least one slot (3 s) per block: sealing many blocks quickly moves the
//! chain's time ahead of the wall clock.

use polkadot_sdk::{
	sc_consensus_aura,
	sp_consensus_aura::sr25519::AuthoritySignature,
	sp_inherents::{self, InherentData},
	sp_runtime::traits::Header as _,
	sp_timestamp,
};
use restake_runtime::opaque::Block;
use std::{
	str::FromStr,
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::{SystemTime, UNIX_EPOCH},
};

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

/// The timestamp inherent of manually sealed blocks: the wall clock, but always at least one
/// slot after the previous block's, so that every block is in a later Aura slot.
#[derive(Clone)]
pub struct DevTimestamp {
	/// Timestamp (ms) of the last block sealed (or of the best block at start).
	last: Arc<AtomicU64>,
	/// The runtime's slot duration in milliseconds.
	slot_ms: u64,
}

impl DevTimestamp {
	/// Starts after the best block: its slot is read from its Aura pre-digest, so a node
	/// restarted on a chain that ran ahead of the wall clock goes on from there.
	pub fn new<C>(client: &C, slot_ms: u64) -> Result<Self, String>
	where
		C: polkadot_sdk::sp_blockchain::HeaderBackend<Block>,
	{
		let info = client.info();
		let last = match client.header(info.best_hash).map_err(|e| e.to_string())? {
			Some(header) if !header.number().eq(&0) => {
				sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&header)
					.map(|slot| u64::from(slot).saturating_mul(slot_ms))
					.map_err(|e| format!("best block has no Aura slot: {e}"))?
			},
			_ => 0,
		};
		Ok(Self { last: Arc::new(AtomicU64::new(last)), slot_ms })
	}

	/// The next block's timestamp: now, or one slot after the last block if that is later.
	fn next(&self) -> u64 {
		let now = SystemTime::now()
			.duration_since(UNIX_EPOCH)
			.map(|d| d.as_millis() as u64)
			.unwrap_or_default();
		let slot_ms = self.slot_ms;
		let previous = self
			.last
			.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
				Some(now.max(last.saturating_add(slot_ms)))
			})
			.unwrap_or_else(|last| last);
		now.max(previous.saturating_add(slot_ms))
	}
}

#[async_trait::async_trait]
impl sp_inherents::InherentDataProvider for DevTimestamp {
	async fn provide_inherent_data(
		&self,
		inherent_data: &mut InherentData,
	) -> Result<(), sp_inherents::Error> {
		sp_timestamp::InherentDataProvider::new(self.next().into())
			.provide_inherent_data(inherent_data)
			.await
	}

	async fn try_handle_error(
		&self,
		_: &sp_inherents::InherentIdentifier,
		_: &[u8],
	) -> Option<Result<(), sp_inherents::Error>> {
		None
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
	fn timestamps_advance_a_slot_per_block_even_ahead_of_the_clock() {
		let far = u64::MAX / 4;
		let ts = DevTimestamp { last: Arc::new(AtomicU64::new(far)), slot_ms: 3_000 };
		assert_eq!(ts.next(), far + 3_000);
		assert_eq!(ts.next(), far + 6_000);
		let fresh = DevTimestamp { last: Arc::new(AtomicU64::new(0)), slot_ms: 3_000 };
		let first = fresh.next();
		assert!(first > 1_700_000_000_000, "a fresh chain starts at the wall clock");
		assert!(fresh.next() >= first + 3_000);
	}
}
