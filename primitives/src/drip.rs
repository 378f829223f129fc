//! Rewards released over a window instead of at once.
//!
//! A reward credited in one step goes to whoever holds the stake in that block, so a deposit
//! placed just before it (and a withdrawal requested just after) takes a share it never
//! earned. A [`Drip`] releases an amount linearly over the blocks after it was added: a
//! position earns only the part released while it was held, as with an AVS stream. Adding
//! to a running drip first releases what is due, then spreads the rest together with the
//! new amount over a fresh window.
//!
//! Pure maths over block numbers: the pallets decide where the released amount goes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	per_things::Rounding,
	traits::{Saturating, UniqueSaturatedInto, Zero},
};
use scale_info::TypeInfo;

/// An amount being released linearly from `last` to `end`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Drip<BlockNumber> {
	/// Not released yet.
	pub remaining: u128,
	/// The block up to which `remaining` is released (all of it by then).
	pub end: BlockNumber,
	/// The block up to which the drip has been released.
	pub last: BlockNumber,
}

impl<BlockNumber> Drip<BlockNumber>
where
	BlockNumber: Copy + Ord + Saturating + Zero + UniqueSaturatedInto<u128>,
{
	/// A drip of `amount` released over the `period` blocks after `now`.
	pub fn new(amount: u128, now: BlockNumber, period: BlockNumber) -> Self {
		Self { remaining: amount, end: now.saturating_add(period), last: now }
	}

	/// What is due for the blocks `last + 1 ..= now`: `remaining × elapsed / left`, rounded
	/// down, so the last block releases the remainder and the drip ends exactly at zero.
	pub fn due_at(&self, now: BlockNumber) -> u128 {
		if now <= self.last {
			return 0;
		}
		if now >= self.end {
			return self.remaining;
		}
		let left: u128 = self.end.saturating_sub(self.last).unique_saturated_into();
		let elapsed: u128 = now.saturating_sub(self.last).unique_saturated_into();
		multiply_by_rational_with_rounding(self.remaining, elapsed, left, Rounding::Down)
			.unwrap_or(self.remaining)
	}

	/// Marks `released` (at most what is due) as released at `now`.
	pub fn release(&mut self, released: u128, now: BlockNumber) {
		self.remaining = self.remaining.saturating_sub(released);
		self.last = self.last.max(now);
	}

	/// Releases nothing for the blocks up to `now` (nobody could receive them): the rest keeps
	/// the length of window it had left, from `now`.
	pub fn pause(&mut self, now: BlockNumber) {
		if now > self.last {
			let left = self.end.saturating_sub(self.last);
			self.last = now;
			self.end = now.saturating_add(left);
		}
	}

	/// Adds `amount` at `now` (after what was due has been released). An amount above what
	/// one block of the rest releases over a full period (`rest / period`) restarts the
	/// window: the rest and `amount` are released together over the `period` blocks after
	/// `now`. A smaller one joins the running window, so dust top-ups cannot hold a drip back
	/// (whoever keeps the window open pays at least the rate it releases at). `None` on
	/// overflow.
	pub fn top_up(&mut self, amount: u128, now: BlockNumber, period: BlockNumber) -> Option<()> {
		let period_blocks: u128 = period.unique_saturated_into();
		let block_of_rest = self.remaining.checked_div(period_blocks).unwrap_or(self.remaining);
		let restart = amount > block_of_rest || self.end <= now;
		self.remaining = self.remaining.checked_add(amount)?;
		self.last = self.last.max(now);
		if restart {
			self.end = self.end.max(now.saturating_add(period));
		}
		Some(())
	}

	/// Whether everything has been released.
	pub fn is_done(&self) -> bool {
		self.remaining.is_zero()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn releases_linearly_and_exactly() {
		let mut drip = Drip::<u64>::new(1_000, 10, 10);
		assert_eq!(drip.due_at(10), 0, "nothing in the block it is added");
		assert_eq!(drip.due_at(11), 100);
		let due = drip.due_at(13);
		assert_eq!(due, 300);
		drip.release(due, 13);
		assert_eq!(drip.due_at(20), 700, "the last block releases the remainder");
		assert_eq!(drip.due_at(99), 700);
	}

	#[test]
	fn a_top_up_spreads_the_rest_and_the_new_amount_over_a_fresh_window() {
		let mut drip = Drip::<u64>::new(1_000, 0, 10);
		let due = drip.due_at(5);
		drip.release(due, 5);
		drip.top_up(500, 5, 10).unwrap();
		assert_eq!(drip.remaining, 1_000);
		assert_eq!(drip.end, 15);
		assert_eq!(drip.due_at(6), 100);
	}

	#[test]
	fn dust_top_ups_cannot_hold_a_drip_back() {
		// 1 000 000 over 10 blocks; one unit added every block never moves the end.
		let mut drip = Drip::<u64>::new(1_000_000, 0, 10);
		for now in 1..10 {
			drip.release(drip.due_at(now), now);
			drip.top_up(1, now, 10).unwrap();
		}
		assert_eq!(drip.end, 10);
		drip.release(drip.due_at(10), 10);
		assert!(drip.is_done(), "left {}", drip.remaining);
		// A top-up worth more than a block of the rest restarts the window.
		let mut drip = Drip::<u64>::new(1_000, 0, 10);
		drip.release(drip.due_at(5), 5);
		drip.top_up(51, 5, 10).unwrap();
		assert_eq!(drip.end, 15);
	}

	#[test]
	fn a_pause_keeps_the_window_length_left() {
		let mut drip = Drip::<u64>::new(1_000, 0, 10);
		drip.release(drip.due_at(4), 4);
		drip.pause(50);
		assert_eq!(drip.end, 56);
		assert_eq!(drip.due_at(53), 300);
		assert_eq!(drip.due_at(56), 600);
	}

	proptest! {
		#[test]
		fn released_in_any_steps_sums_to_the_amount(
			amount in 0..u128::MAX / 2,
			period in 1..1_000u64,
			steps in prop::collection::vec(1..50u64, 1..40),
		) {
			let mut drip = Drip::<u64>::new(amount, 0, period);
			let (mut now, mut released) = (0u64, 0u128);
			let mut last_rate_ok = true;
			for step in steps {
				now += step;
				let due = drip.due_at(now);
				prop_assert!(due <= drip.remaining);
				// Never more than the blocks' share of the window (plus rounding of one unit).
				let left = (drip.end.saturating_sub(drip.last)).max(1) as u128;
				last_rate_ok &= now >= drip.end
					|| due <= (drip.remaining / left).saturating_mul(step as u128) + step as u128;
				released += due;
				drip.release(due, now);
			}
			let rest = drip.due_at(now + period);
			released += rest;
			prop_assert_eq!(released, amount);
			prop_assert!(last_rate_ok);
		}
	}
}
