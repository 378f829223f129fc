// Placeholder until `scripts/benchmark.sh` regenerates it from the pallet benchmarks.

//! Weights for `pallet_lrt2` (placeholder, conservative).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::*;
use frame_support::{traits::Get, weights::Weight};
use core::marker::PhantomData;

/// Weight functions for `pallet_lrt2`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_lrt2::WeightInfo for WeightInfo<T> {
	fn fund_stream() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn reclaim_unallocated() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn reward_vault() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn post_bounty() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn award_bounty() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn cancel_bounty() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn create_programme() -> Weight {
		Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn claim(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(100_000_000, 10_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20, 20).saturating_mul(n.into()))
	}
	fn sync_vault(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(Weight::from_parts(50_000_000, 10_000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads_writes(10, 10).saturating_mul(p.into()))
	}
	fn settle_holder() -> Weight {
		Weight::from_parts(50_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(40, 20))
	}
}
