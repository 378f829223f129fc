//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file from the benchmarks.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::{frame_support::weights::Weight, frame_system};

/// Weights for `pallet_operators`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_operators::WeightInfo for WeightInfo<T> {
	fn register_avs() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn update_avs() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_accepted_asset() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn deregister_avs() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn register_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_commission() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn opt_in() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn approve_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn reject_operator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn opt_out(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn complete_opt_out(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn allocate() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn settle_allocation() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
}
