//! The slashing pallet's policy maths: whether a policy change raises the risk stakers bear
//! (a riskier policy applies only after a delay, so holders can leave first), and the rolling
//! per-epoch cap on what requests against one operator may take.
//!
//! Pure functions: the pallet keeps the policies and the recent requests in storage.

use polkadot_sdk::sp_arithmetic::{traits::Saturating, Perbill};

/// The terms of a slashing policy that bear on stakers' risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyRisk<BlockNumber> {
	/// `None`: instant slashing; `Some(w)`: requests may be vetoed for `w` blocks.
	pub veto_window: Option<BlockNumber>,
	/// Largest fraction one request may take.
	pub max_fraction_per_incident: Perbill,
	/// Largest total fraction requested against one operator within one epoch.
	pub max_fraction_per_epoch: Perbill,
	/// Blocks between two requests against the same operator.
	pub cooldown: BlockNumber,
	/// How live the policy is: 0 disabled, 1 a dry run (log only), 2 enabled.
	pub liveness: u8,
}

/// The liveness of an enabled policy (see [`PolicyRisk::liveness`]).
pub const ENABLED: u8 = 2;

/// Whether moving from `old` to `new` raises the risk stakers bear: higher caps, a shorter
/// (or no) veto window, a shorter cooldown, a new destination (`new_destination`), a livelier
/// status. A policy that is not enabled is never riskier, whatever its other terms.
pub fn is_riskier<BlockNumber: PartialOrd + Copy>(
	old: &PolicyRisk<BlockNumber>,
	new: &PolicyRisk<BlockNumber>,
	new_destination: bool,
) -> bool {
	// Turning slashing off (or to a dry run) only ever lowers risk.
	if new.liveness != ENABLED {
		return false;
	}
	let shorter_veto = match (old.veto_window, new.veto_window) {
		(Some(old), Some(new)) => new < old,
		(Some(_), None) => true,
		_ => false,
	};
	new.max_fraction_per_incident > old.max_fraction_per_incident
		|| new.max_fraction_per_epoch > old.max_fraction_per_epoch
		|| new.cooldown < old.cooldown
		|| new_destination
		|| new.liveness > old.liveness
		|| shorter_veto
}

/// The total fraction of `recent` requests (block, fraction) made after `window_start`,
/// saturating at 100 %.
pub fn epoch_total<BlockNumber: PartialOrd + Copy>(
	recent: impl IntoIterator<Item = (BlockNumber, Perbill)>,
	window_start: BlockNumber,
) -> Perbill {
	recent
		.into_iter()
		.filter(|(at, _)| *at > window_start)
		.fold(Perbill::zero(), |sum, (_, f)| sum.saturating_add(f))
}

/// Whether a request for `fraction` fits the epoch's `cap` after `in_epoch` was requested: the
/// total stays within the cap, and within 100 % (never saturated into it).
pub fn fits_epoch_cap(in_epoch: Perbill, fraction: Perbill, cap: Perbill) -> bool {
	in_epoch.saturating_add(fraction) <= cap
		&& in_epoch.deconstruct().saturating_add(fraction.deconstruct())
			<= Perbill::one().deconstruct()
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn policy(
		veto_window: Option<u64>,
		incident: u32,
		epoch: u32,
		cooldown: u64,
		liveness: u8,
	) -> PolicyRisk<u64> {
		PolicyRisk {
			veto_window,
			max_fraction_per_incident: Perbill::from_parts(incident),
			max_fraction_per_epoch: Perbill::from_parts(epoch),
			cooldown,
			liveness,
		}
	}

	fn any_policy() -> impl Strategy<Value = PolicyRisk<u64>> {
		(
			proptest::option::of(0u64..100),
			0u32..=1_000_000_000,
			0u32..=1_000_000_000,
			0u64..100,
			0u8..=2,
		)
			.prop_map(|(v, i, e, c, l)| policy(v, i, e, c, l))
	}

	#[test]
	fn each_riskier_term_counts() {
		let old = policy(Some(10), 100, 200, 5, ENABLED);
		assert!(!is_riskier(&old, &old, false));
		assert!(is_riskier(&old, &policy(Some(10), 101, 200, 5, ENABLED), false));
		assert!(is_riskier(&old, &policy(Some(10), 100, 201, 5, ENABLED), false));
		assert!(is_riskier(&old, &policy(Some(10), 100, 200, 4, ENABLED), false));
		assert!(is_riskier(&old, &policy(Some(9), 100, 200, 5, ENABLED), false));
		assert!(is_riskier(&old, &policy(None, 100, 200, 5, ENABLED), false));
		assert!(is_riskier(&old, &old, true), "a new destination");
		assert!(is_riskier(&policy(Some(10), 100, 200, 5, 1), &old, false), "livelier");
		assert!(!is_riskier(&policy(None, 100, 200, 5, ENABLED), &old, false), "a veto added");
	}

	#[test]
	fn the_epoch_cap_counts_only_the_window() {
		let recent = [(5u64, Perbill::from_percent(30)), (10, Perbill::from_percent(20))];
		assert_eq!(epoch_total(recent, 5), Perbill::from_percent(20));
		assert_eq!(epoch_total(recent, 4), Perbill::from_percent(50));
		let cap = Perbill::from_percent(60);
		assert!(fits_epoch_cap(Perbill::from_percent(50), Perbill::from_percent(10), cap));
		assert!(!fits_epoch_cap(Perbill::from_percent(50), Perbill::from_percent(11), cap));
		assert!(!fits_epoch_cap(Perbill::one(), Perbill::from_parts(1), Perbill::one()));
	}

	proptest! {
		#[test]
		fn a_policy_that_is_not_enabled_is_never_riskier(
			old in any_policy(),
			new in any_policy(),
			destination in any::<bool>(),
		) {
			if new.liveness != ENABLED {
				prop_assert!(!is_riskier(&old, &new, destination));
			}
			// Nothing is riskier than itself, with the same destination.
			prop_assert!(!is_riskier(&old, &old, false));
		}

		#[test]
		fn raising_a_cap_or_shortening_a_delay_is_riskier(
			old in any_policy(),
			raise in 1u32..1_000,
		) {
			let mut new = PolicyRisk { liveness: ENABLED, ..old };
			let raised = old.max_fraction_per_incident.deconstruct().saturating_add(raise);
			new.max_fraction_per_incident = Perbill::from_parts(raised);
			if new.max_fraction_per_incident > old.max_fraction_per_incident {
				prop_assert!(is_riskier(&old, &new, false));
			}
			let new = PolicyRisk { liveness: ENABLED, cooldown: old.cooldown + 1, ..old };
			let back = PolicyRisk { liveness: ENABLED, ..old };
			prop_assert!(is_riskier(&new, &back, false));
		}

		#[test]
		fn a_request_that_fits_never_takes_the_epoch_past_its_cap(
			in_epoch in 0u32..=1_000_000_000,
			fraction in 0u32..=1_000_000_000,
			smaller in 0u32..=1_000_000_000,
			cap in 0u32..=1_000_000_000,
		) {
			let in_epoch = Perbill::from_parts(in_epoch);
			let (fraction, cap) = (Perbill::from_parts(fraction), Perbill::from_parts(cap));
			if fits_epoch_cap(in_epoch, fraction, cap) {
				prop_assert!(in_epoch.deconstruct() + fraction.deconstruct() <= cap.deconstruct());
				// A smaller request fits too.
				let smaller = Perbill::from_parts(smaller.min(fraction.deconstruct()));
				prop_assert!(fits_epoch_cap(in_epoch, smaller, cap));
			}
		}

		#[test]
		fn the_epoch_total_saturates_and_only_grows_with_requests(
			recent in prop::collection::vec((0u64..100, 0u32..=1_000_000_000), 0..20),
			window_start in 0u64..100,
		) {
			let recent: Vec<_> =
				recent.into_iter().map(|(at, f)| (at, Perbill::from_parts(f))).collect();
			let total = epoch_total(recent.iter().copied(), window_start);
			let fewer = epoch_total(recent.iter().skip(1).copied(), window_start);
			prop_assert!(fewer <= total);
		}
	}
}
