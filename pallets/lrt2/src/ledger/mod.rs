//! The accrual core: AVS indexes, pair settlement, vault indexes, holder settlement.
//!
//! Work per call is bounded by the vault's pairs × the AVS's assets and programmes, and by
//! the vault's sources: never by holders or by past distributions.
//!
//! - this file: the clock and the (AVS, asset) indexes the streams advance;
//! - [`sync`]: bringing a vault up to date (pairs, commission, drips, points, re-weighing);
//! - [`room`]: the vault's source list, each kind in its own room, and retiring sources;
//! - [`holders`]: settling holders and accounts (what a claim settles);
//! - [`weighing`]: the worst-case weights of the above, for the calls and hooks.

use crate::prelude::*;
use alloc::collections::btree_map::BTreeMap;
use polkadot_sdk::frame_support::traits::Defensive;
use room::RoomMaker;

mod holders;
mod room;
mod sync;
mod weighing;

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		polkadot_sdk::frame_system::Pallet::<T>::block_number()
	}

	/// Brings the (AVS, asset) index up to `now`: pays each running stream of that asset for
	/// the blocks since the last update, to the AVS's total weight or, if there is none, to
	/// the streams' unallocated amounts. Idempotent within a block.
	pub(crate) fn accrue_pool(avs: AvsId, asset: &T::AssetKind) -> AvsPool<BlockNumberFor<T>> {
		let now = Self::now();
		let mut pool = AvsPools::<T>::get(avs, asset);
		if pool.last == now {
			return pool;
		}
		let weight = AvsWeights::<T>::get(avs);
		let mut active = ActiveStreams::<T>::get(avs);
		let mut due_total: u128 = 0;
		let mut paying = Vec::new();
		for id in active.iter() {
			let Some(stream) = Streams::<T>::get(id) else { continue };
			if stream.asset != *asset {
				continue;
			}
			let due = stream.due_at(now).saturating_sub(stream.accrued);
			due_total = due_total.saturating_add(due);
			paying.push((*id, stream, due));
		}
		// Into the index if there is stake and the step fits, else set aside per stream.
		let index = if weight.is_zero() { None } else { pool.index.credited(due_total, weight) };
		let mut finished = Vec::new();
		for (id, mut stream, due) in paying {
			stream.accrued = stream.accrued.saturating_add(due);
			if index.is_none() {
				stream.unallocated = stream.unallocated.saturating_add(due);
			}
			if stream.is_finished() {
				finished.push(id);
			}
			if !due.is_zero() {
				Streams::<T>::insert(id, stream);
			}
		}
		if let Some(index) = index {
			pool.index = index;
			pool.distributed = pool.distributed.saturating_add(due_total);
		}
		if !finished.is_empty() {
			active.retain(|id| !finished.contains(id));
			ActiveStreams::<T>::insert(avs, active);
		}
		pool.last = now;
		AvsPools::<T>::insert(avs, asset, pool.clone());
		pool
	}
}
