//! Magnitude maths of allocations: pure functions, no storage, no side effects.
//!
//! A vault's stake is split among (operator, AVS) pairs by *magnitudes*. An allocation holds
//! `magnitude` out of the vault's maximum magnitude `max` ([`MAGNITUDE_ONE`] until the first
//! slash), so its stake is a fixed fraction of whatever the vault holds, and the allocations of
//! a vault, whose magnitudes sum to at most `max`, can never back more than the vault holds.
//! A slash takes magnitude from the slashed allocation *and* from `max`, so every other
//! allocation of the vault keeps its stake (EigenLayer's magnitude model).
//!
//! ```text
//! stake(amount, m)   = amount × m / max                 rounded as asked; 0 when max = 0
//! slashed magnitude  = min(held, ⌈target × max / total⌉)
//! encumbered'        = encumbered − before + after       (one allocation moved before → after)
//! ```

use polkadot_sdk::sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, per_things::Rounding,
};

/// A vault's whole stake as a magnitude (its maximum magnitude before any slash): 10^18.
pub const MAGNITUDE_ONE: u128 = 1_000_000_000_000_000_000;

/// The part of `amount` that `magnitude` out of `max` stands for: `amount × magnitude / max`,
/// rounded as `rounding` says.
///
/// Zero when `max` is zero (a vault slashed to nothing backs nothing). Never more than
/// `amount` while `magnitude ≤ max`; a `magnitude` above `max` (which a vault's invariants
/// rule out) is capped at `amount` rather than overflowing.
pub fn stake_of(amount: u128, magnitude: u128, max: u128, rounding: Rounding) -> u128 {
	if max == 0 {
		return 0;
	}
	multiply_by_rational_with_rounding(amount, magnitude, max, rounding).unwrap_or(amount)
}

/// The magnitude a slash of `target` assets removes from an allocation that holds `held` of
/// its vault's `max`, the vault holding `total` assets: `⌈target × max / total⌉`, rounded up
/// so the slash takes at least `target`, and never more than the allocation holds.
///
/// `total` is the vault's active plus queued assets; with `total = 0` nothing can be taken
/// from the vault, and the whole `held` is returned (callers skip that case).
pub fn slashed_magnitude(target: u128, max: u128, total: u128, held: u128) -> u128 {
	multiply_by_rational_with_rounding(target, max, total, Rounding::Up)
		.unwrap_or(held)
		.min(held)
}

/// A vault's encumbered magnitude after one of its allocations went from encumbering
/// `before` to encumbering `after`: `encumbered − before + after`. `None` if the sum does not
/// fit a `u128`. (`before` is part of `encumbered`, so the subtraction never saturates while
/// the vault's invariants hold.)
pub fn reencumber(encumbered: u128, before: u128, after: u128) -> Option<u128> {
	encumbered.saturating_sub(before).checked_add(after)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn whole_magnitude_is_whole_stake() {
		assert_eq!(stake_of(1_000, MAGNITUDE_ONE, MAGNITUDE_ONE, Rounding::Down), 1_000);
		assert_eq!(stake_of(1_000, MAGNITUDE_ONE / 4, MAGNITUDE_ONE, Rounding::Down), 250);
		assert_eq!(stake_of(1_000, 0, MAGNITUDE_ONE, Rounding::Up), 0);
	}

	#[test]
	fn a_vault_slashed_to_nothing_backs_nothing() {
		assert_eq!(stake_of(1_000, 5, 0, Rounding::Up), 0);
	}

	#[test]
	fn slash_of_a_quarter_takes_a_quarter_of_the_magnitude() {
		assert_eq!(slashed_magnitude(250, MAGNITUDE_ONE, 1_000, MAGNITUDE_ONE), MAGNITUDE_ONE / 4);
		// Capped at what the allocation holds.
		assert_eq!(slashed_magnitude(2_000, MAGNITUDE_ONE, 1_000, 7), 7);
	}

	proptest! {
		#[test]
		fn stake_never_exceeds_amount(
			amount in any::<u128>(),
			max in 1u128..=MAGNITUDE_ONE,
			part in 0u128..=MAGNITUDE_ONE,
		) {
			let magnitude = part.min(max);
			for rounding in [Rounding::Down, Rounding::Up] {
				prop_assert!(stake_of(amount, magnitude, max, rounding) <= amount);
			}
		}

		#[test]
		fn stake_is_monotonic_in_magnitude_and_amount(
			amount in any::<u128>(),
			more in 0u128..1u128 << 64,
			max in 1u128..=MAGNITUDE_ONE,
			a in 0u128..=MAGNITUDE_ONE,
			b in 0u128..=MAGNITUDE_ONE,
		) {
			let (low, high) = (a.min(b).min(max), a.max(b).min(max));
			prop_assert!(
				stake_of(amount, low, max, Rounding::Down)
					<= stake_of(amount, high, max, Rounding::Down)
			);
			let bigger = amount.saturating_add(more);
			prop_assert!(
				stake_of(amount, high, max, Rounding::Down)
					<= stake_of(bigger, high, max, Rounding::Down)
			);
		}

		#[test]
		fn rounding_up_adds_at_most_one(
			amount in any::<u128>(),
			max in 1u128..=MAGNITUDE_ONE,
			part in 0u128..=MAGNITUDE_ONE,
		) {
			let magnitude = part.min(max);
			let down = stake_of(amount, magnitude, max, Rounding::Down);
			let up = stake_of(amount, magnitude, max, Rounding::Up);
			prop_assert!(down <= up && up <= down + 1);
		}

		/// Unique stake: allocations whose magnitudes fit in `max` back at most the vault's
		/// amount together.
		#[test]
		fn allocations_within_max_never_back_more_than_the_vault(
			amount in any::<u128>(),
			max in 1u128..=MAGNITUDE_ONE,
			parts in proptest::collection::vec(0u128..=MAGNITUDE_ONE, 1..8),
		) {
			let mut left = max;
			let mut backed: u128 = 0;
			for part in parts {
				let magnitude = part.min(left);
				left -= magnitude;
				backed = backed
					.checked_add(stake_of(amount, magnitude, max, Rounding::Down))
					.expect("never more than amount in total");
			}
			prop_assert!(backed <= amount);
		}

		#[test]
		fn slash_takes_at_least_its_target_and_at_most_the_allocation(
			total in 1u128..1u128 << 100,
			max in 1u128..=MAGNITUDE_ONE,
			held_part in 0u128..=MAGNITUDE_ONE,
			target_part in 0u128..=MAGNITUDE_ONE,
		) {
			let held = held_part.min(max);
			let target = stake_of(total, target_part.min(max), max, Rounding::Down);
			let slashed = slashed_magnitude(target, max, total, held);
			prop_assert!(slashed <= held);
			if slashed < held {
				// Not capped: the magnitude taken stands for at least the target...
				prop_assert!(stake_of(total, slashed, max, Rounding::Down) >= target);
				// ...and one unit less would not.
				if slashed > 0 {
					prop_assert!(stake_of(total, slashed - 1, max, Rounding::Down) < target);
				}
			}
		}

		#[test]
		fn slash_is_monotonic_in_target(
			total in 1u128..1u128 << 100,
			max in 1u128..=MAGNITUDE_ONE,
			held in 0u128..=MAGNITUDE_ONE,
			a in 0u128..1u128 << 100,
			b in 0u128..1u128 << 100,
		) {
			let held = held.min(max);
			let (low, high) = (a.min(b), a.max(b));
			prop_assert!(
				slashed_magnitude(low, max, total, held) <= slashed_magnitude(high, max, total, held)
			);
		}

		/// Conservation: moving one allocation from `before` to `after` and back restores the
		/// vault's sum, and the sum changes by exactly `after − before`.
		#[test]
		fn reencumber_conserves_the_sum(
			others in 0u128..1u128 << 100,
			before in 0u128..1u128 << 100,
			after in 0u128..1u128 << 100,
		) {
			let encumbered = others + before;
			let moved = reencumber(encumbered, before, after).unwrap();
			prop_assert_eq!(moved, others + after);
			prop_assert_eq!(reencumber(moved, after, before), Some(encumbered));
		}

		#[test]
		fn reencumber_never_panics(e in any::<u128>(), b in any::<u128>(), a in any::<u128>()) {
			let _ = reencumber(e, b, a);
			let _ = slashed_magnitude(e, b, a, e);
			let _ = stake_of(e, b, a, Rounding::Up);
		}
	}
}
