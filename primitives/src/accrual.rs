//! The LRT² ledger's accrual maths: reward indexes, stream accrual and points.
//!
//! A reward index is a cumulative amount per unit (of weighted stake, or of LRT share). Paying
//! `amount` to `units` raises it by `amount / units`; whoever held `u` units from a snapshot
//! `s` to now is owed `u × (index − s)`. Each step rounds down, so the sum of what holders can
//! claim never exceeds what was paid in: the rounding stays in the ledger as dust.
//!
//! Pure maths: the pallet decides what is paid to whom, and keeps the indexes in storage.

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_arithmetic::{
		helpers_128bit::multiply_by_rational_with_rounding, per_things::Rounding, FixedPointNumber,
		FixedU128,
	},
	sp_core::{U256, U512},
};
use scale_info::TypeInfo;

/// A cumulative amount per unit (of weighted stake, or of LRT share), scaled by 10^36.
///
/// 36 decimals: LRT supplies reach 10^24 units (18-decimal assets × 1 000 virtual shares),
/// so an 18-decimal index would lose up to 10^6 units per credit and round small amounts
/// (points) to zero. With 36 decimals the loss per credit is below one unit up to 10^36
/// shares; 256 bits leave room for 10^38 units per share unit.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct RewardIndex(pub U256);

impl RewardIndex {
	fn scale() -> U256 {
		U256::from(1_000_000_000_000_000_000u128) * U256::from(1_000_000_000_000_000_000u128)
	}

	/// `amount / total`, rounded down, or `None` if `total` is zero.
	pub fn ratio(amount: u128, total: u128) -> Option<Self> {
		if total == 0 {
			return None;
		}
		let scaled = U256::from(amount).checked_mul(Self::scale())?;
		Some(Self(scaled / U256::from(total)))
	}

	/// `self + other`, or `None` on overflow.
	pub fn checked_add(self, other: Self) -> Option<Self> {
		self.0.checked_add(other.0).map(Self)
	}

	/// `self − other`, floored at zero.
	pub fn saturating_sub(self, other: Self) -> Self {
		Self(self.0.saturating_sub(other.0))
	}

	/// `self × units`, rounded down, saturating at `u128::MAX`.
	pub fn mul_floor(self, units: u128) -> u128 {
		let product = self.0.full_mul(U256::from(units)) / U512::from(Self::scale());
		u128::try_from(product).unwrap_or(u128::MAX)
	}

	/// What `units` held since `snapshot` are owed at this index: `units × (self − snapshot)`,
	/// rounded down (zero if the snapshot is ahead).
	pub fn accrued_since(self, snapshot: Self, units: u128) -> u128 {
		self.saturating_sub(snapshot).mul_floor(units)
	}

	/// The index after paying `amount` to `units`: `self + amount / units`, or `None` when
	/// there are no units or the result does not fit (the caller keeps the amount).
	pub fn credited(self, amount: u128, units: u128) -> Option<Self> {
		Self::ratio(amount, units).and_then(|step| self.checked_add(step))
	}

	/// Whether the index is zero.
	pub fn is_zero(&self) -> bool {
		self.0.is_zero()
	}
}

/// What a linear stream of `amount` over `duration` blocks has paid after `elapsed` blocks:
/// `amount × elapsed / duration`, rounded down, so the last block pays the remainder and the
/// stream ends exactly at `amount`. All of it once `elapsed ≥ duration` (or the duration is
/// zero).
pub fn linear_due(amount: u128, elapsed: u128, duration: u128) -> u128 {
	if duration == 0 || elapsed >= duration {
		return amount;
	}
	multiply_by_rational_with_rounding(amount, elapsed, duration, Rounding::Down).unwrap_or(amount)
}

/// Points earned by `stake` held for `blocks` blocks at `rate` points per unit of stake per
/// block: `rate × stake × blocks`, rounded down, saturating.
pub fn points_for(rate: FixedU128, stake: u128, blocks: u128) -> u128 {
	rate.saturating_mul_int(stake.saturating_mul(blocks))
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn an_index_pays_its_units_exactly_when_it_divides() {
		let index = RewardIndex::default().credited(1_000, 4).unwrap();
		assert_eq!(index.accrued_since(RewardIndex::default(), 1), 250);
		assert_eq!(index.accrued_since(RewardIndex::default(), 4), 1_000);
		assert_eq!(index.accrued_since(index, 4), 0, "nothing since the current index");
		assert_eq!(RewardIndex::default().credited(1, 0), None, "no units: nothing credited");
	}

	#[test]
	fn a_stream_pays_linearly_and_ends_exactly() {
		assert_eq!(linear_due(1_000, 0, 10), 0);
		assert_eq!(linear_due(1_000, 3, 10), 300);
		assert_eq!(linear_due(1_000, 9, 7), 1_000);
		assert_eq!(linear_due(10, 1, 3), 3, "rounded down");
		assert_eq!(linear_due(10, 0, 0), 10, "a zero duration pays at once");
	}

	#[test]
	fn points_are_rate_times_stake_times_blocks() {
		let rate = FixedU128::saturating_from_rational(1, 2);
		assert_eq!(points_for(rate, 1_000, 3), 1_500);
		assert_eq!(points_for(FixedU128::from_u32(2), u128::MAX, 2), u128::MAX, "saturates");
	}

	proptest! {
		#[test]
		fn holders_never_claim_more_than_was_paid_in(
			credits in prop::collection::vec(0u128..1u128 << 100, 1..20),
			holdings in prop::collection::vec(1u128..1u128 << 90, 1..10),
		) {
			// Every holder holds throughout; the pool is paid `credits` one after another.
			let units = holdings.iter().sum::<u128>();
			let mut index = RewardIndex::default();
			let mut paid = 0u128;
			for amount in credits {
				if let Some(next) = index.credited(amount, units) {
					index = next;
					paid += amount;
				}
			}
			let owed: u128 =
				holdings.iter().map(|u| index.accrued_since(RewardIndex::default(), *u)).sum();
			prop_assert!(owed <= paid);
			// Rounding loses less than one unit per holder per credit.
			prop_assert!(paid - owed <= 20 * holdings.len() as u128);
		}

		#[test]
		fn settling_in_steps_never_pays_more_than_at_once(
			credits in prop::collection::vec(0u128..1u128 << 100, 1..20),
			units in 1u128..1u128 << 100,
			held in 0u128..1u128 << 100,
		) {
			let held = held.min(units);
			let (mut index, mut snapshot, mut stepwise) =
				(RewardIndex::default(), RewardIndex::default(), 0u128);
			for amount in credits {
				index = index.credited(amount, units).unwrap_or(index);
				stepwise += index.accrued_since(snapshot, held);
				snapshot = index;
			}
			prop_assert!(stepwise <= index.accrued_since(RewardIndex::default(), held));
		}

		#[test]
		fn an_index_only_rises_and_owes_more_to_more_units(
			index in any::<[u64; 4]>(),
			amount in any::<u128>(),
			units in any::<u128>(),
			a in any::<u128>(),
			b in any::<u128>(),
		) {
			let index = RewardIndex(U256(index));
			if let Some(next) = index.credited(amount, units) {
				prop_assert!(next >= index);
			}
			let (small, large) = (a.min(b), a.max(b));
			// No input panics; more units are owed at least as much.
			prop_assert!(
				index.accrued_since(RewardIndex::default(), small)
					<= index.accrued_since(RewardIndex::default(), large)
			);
			prop_assert_eq!(index.accrued_since(index, large), 0);
		}

		#[test]
		fn paying_one_holder_rounds_in_the_ledgers_favour(
			amount in any::<u128>(),
			units in 1u128..=u128::MAX,
		) {
			let index = RewardIndex::default().credited(amount, units).unwrap();
			prop_assert!(index.accrued_since(RewardIndex::default(), units) <= amount);
		}

		#[test]
		fn a_stream_is_monotone_and_pays_exactly_its_amount(
			amount in any::<u128>(),
			duration in 0u128..1u128 << 64,
			a in 0u128..1u128 << 65,
			b in 0u128..1u128 << 65,
		) {
			let (early, late) = (a.min(b), a.max(b));
			let (due_early, due_late) =
				(linear_due(amount, early, duration), linear_due(amount, late, duration));
			prop_assert!(due_early <= due_late);
			prop_assert!(due_late <= amount);
			prop_assert_eq!(linear_due(amount, duration, duration), amount);
		}

		#[test]
		fn points_are_monotone_in_stake_and_time(
			rate in any::<u128>(),
			stake in any::<u128>(),
			blocks in any::<u128>(),
			more in 0u128..1_000,
		) {
			let rate = FixedU128::from_inner(rate);
			let base = points_for(rate, stake, blocks);
			prop_assert!(base <= points_for(rate, stake.saturating_add(more), blocks));
			prop_assert!(base <= points_for(rate, stake, blocks.saturating_add(more)));
		}
	}
}
