//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file from the benchmarks.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::{frame_support::weights::Weight, frame_system};

/// Weights for `pallet_slashing`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_slashing::WeightInfo for WeightInfo<T> {
	fn set_policy() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn apply_policy() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn request_slash(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn veto_slash(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn cancel_slash(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn execute_slash(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_global_max_fraction() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
}
