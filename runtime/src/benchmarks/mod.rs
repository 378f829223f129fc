//! The pallets whose benchmarks the runtime runs (`restake-node benchmark pallet`), and the
//! runtime-level scaling benchmarks ([`scaling`]).

pub mod scaling;

use crate::Runtime;
use polkadot_sdk::{frame_benchmarking::baseline, frame_system_benchmarking};

// The system, system-extension, transaction-payment and baseline benchmarks need nothing
// from the runtime beyond `frame_system` and `pallet_balances` (fees are burned, no author).
impl frame_system_benchmarking::Config for Runtime {}
impl baseline::Config for Runtime {}
impl polkadot_sdk::pallet_transaction_payment::BenchmarkConfig for Runtime {}

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_assets, Assets]
	[pallet_vaults, Vaults]
	[pallet_operators, Operators]
	[pallet_slashing, Slashing]
	[pallet_lrt2, Lrt2]
	[restake_scaling, ScalingBench::<Runtime>]
);
