//! The fee market: what weight and length cost, and how the price follows congestion.
//!
//! - **Weight:** a block filled with normal transactions costs [`FULL_BLOCK_FEE`] at the
//!   lowest multiplier, linearly in the weight used ([`WeightToFee`]); a transfer then costs
//!   about 0.005 UNIT.
//! - **Length:** a block filled by length (the normal class's 3.75 MiB) costs
//!   [`FULL_BLOCK_FEE`] too ([`LengthToFee`]), so bytes are no cheaper a way to fill blocks.
//! - **Congestion:** after every block the multiplier of the weight fee moves towards keeping
//!   blocks [`TargetBlockFullness`] full (`TargetedFeeAdjustment`, as the relay chains use):
//!   each full block raises it by ≈ 0.23 % (× 15 after an hour of full 3-second blocks,
//!   × 200 after two), each empty one lowers it by ≈ 0.075 %, never below 1 (the base price
//!   above) nor above [`MaximumMultiplier`].

use super::{MAXIMUM_BLOCK_WEIGHT, MAX_BLOCK_LENGTH, NORMAL_DISPATCH_RATIO};
use crate::{Balance, Runtime, UNIT};
use frame_support::{
	parameter_types,
	weights::{
		FeePolynomial, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
		WeightToFeePolynomial,
	},
};
use pallet_transaction_payment::{Multiplier, TargetedFeeAdjustment};
use polkadot_sdk::*;
use sp_runtime::{FixedPointNumber, Perbill, Perquintill};

/// What a block filled with normal transactions costs at the base price (multiplier 1).
pub const FULL_BLOCK_FEE: Balance = 10 * UNIT;

/// The normal class's share of the block weight (`ref_time`) and length (bytes).
fn normal_max() -> (u64, u32) {
	(
		NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT.ref_time(),
		NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH,
	)
}

/// `FULL_BLOCK_FEE / unit` as a fee polynomial of degree 1.
fn per_unit(unit: u128) -> WeightToFeeCoefficients<Balance> {
	let unit = unit.max(1);
	core::iter::once(WeightToFeeCoefficient {
		coeff_integer: FULL_BLOCK_FEE / unit,
		coeff_frac: Perbill::from_rational(FULL_BLOCK_FEE % unit, unit),
		negative: false,
		degree: 1,
	})
	.collect()
}

/// Weight to fee: linear in `ref_time`, a full normal block costing [`FULL_BLOCK_FEE`].
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Balance> {
		per_unit(u128::from(normal_max().0))
	}
}

/// Length to fee: linear in bytes, a block full by length costing [`FULL_BLOCK_FEE`].
pub struct LengthToFee;
impl frame_support::weights::WeightToFee for LengthToFee {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Balance {
		FeePolynomial::from(per_unit(u128::from(normal_max().1))).eval(weight.ref_time())
	}
}

parameter_types! {
	/// Blocks a quarter full keep the price where it is; fuller ones raise it.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the multiplier moves: `v` in `m' = m · (1 + v·d + (v·d)²/2)`, `d` the
	/// fullness minus the target. 0.003 per block: × 1.0023 per full block.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 1_000);
	/// Fees never fall below the base price.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_integer(1);
	/// Nor rise beyond 100 000 × it (a transfer then costs ≈ 500 UNIT).
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(100_000);
}

/// The multiplier update: `TargetedFeeAdjustment` with the parameters above.
pub type SlowAdjustingFeeUpdate = TargetedFeeAdjustment<
	Runtime,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;
