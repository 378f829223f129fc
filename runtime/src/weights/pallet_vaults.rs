//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file from the benchmarks.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::{frame_support::weights::Weight, frame_system};

/// Weights for `pallet_vaults`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_vaults::WeightInfo for WeightInfo<T> {
	fn create_vault() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn deposit() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn request_withdrawal() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn claim_withdrawals(_n: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_limits() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_curator_fee() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn set_paused() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn allow_avs() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn disallow_avs() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn propose_curator() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn accept_curatorship() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn add_rewards() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn destroy_vault() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
}
