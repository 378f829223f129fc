//! Share maths of a vault: pure functions, no storage, no side effects.
//!
//! A vault holds `total_assets` (accounted by the pallet, never read from a balance) against
//! `total_shares` (the LRT supply). With a virtual offset `V` (virtual shares) and one virtual
//! asset, the exchange rate is
//!
//! ```text
//! shares_out = assets × (S + V) / (A + 1)      rounded down (deposit)
//! assets_out = shares × (A + 1) / (S + V)      rounded down (redemption)
//! ```
//!
//! The virtual offset makes the first-depositor inflation attack unprofitable: donating `d`
//! assets to an empty vault to steal a victim's deposit costs the attacker about `d × V / (V+1)`.
//! Both directions round in the vault's favour, so no sequence of deposits and redemptions
//! can extract more than was put in.

use polkadot_sdk::sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, per_things::Rounding,
};

/// Why a share computation could not be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareMathError {
	/// An intermediate or final value does not fit in `u128`.
	Overflow,
}

/// Shares minted for depositing `assets` into a vault with `total_assets` and `total_shares`,
/// rounded down. `virtual_shares` is the vault's offset (`V` above, at least 1).
pub fn shares_for_deposit(
	assets: u128,
	total_assets: u128,
	total_shares: u128,
	virtual_shares: u128,
) -> Result<u128, ShareMathError> {
	let num = total_shares.checked_add(virtual_shares).ok_or(ShareMathError::Overflow)?;
	let den = total_assets.checked_add(1).ok_or(ShareMathError::Overflow)?;
	multiply_by_rational_with_rounding(assets, num, den, Rounding::Down)
		.ok_or(ShareMathError::Overflow)
}

/// Assets redeemed for burning `shares` of a vault with `total_assets` and `total_shares`,
/// rounded down (in the vault's favour).
pub fn assets_for_shares(
	shares: u128,
	total_assets: u128,
	total_shares: u128,
	virtual_shares: u128,
) -> Result<u128, ShareMathError> {
	let num = total_assets.checked_add(1).ok_or(ShareMathError::Overflow)?;
	let den = total_shares.checked_add(virtual_shares).ok_or(ShareMathError::Overflow)?;
	multiply_by_rational_with_rounding(shares, num, den, Rounding::Down)
		.ok_or(ShareMathError::Overflow)
}

/// Shares that must be burnt to withdraw exactly `assets`, rounded up (in the vault's favour).
pub fn shares_for_withdraw(
	assets: u128,
	total_assets: u128,
	total_shares: u128,
	virtual_shares: u128,
) -> Result<u128, ShareMathError> {
	let num = total_shares.checked_add(virtual_shares).ok_or(ShareMathError::Overflow)?;
	let den = total_assets.checked_add(1).ok_or(ShareMathError::Overflow)?;
	multiply_by_rational_with_rounding(assets, num, den, Rounding::Up)
		.ok_or(ShareMathError::Overflow)
}

/// The curator's fee on a compounding `reward` released over time: `(shares, backing)`.
///
/// `unreleased` is what earlier rewards still have to release into the vault. `shares` are
/// worth `fee` once everything is in (`s × (A + unreleased + reward + 1) / (S + s + V) = fee`):
/// they take part in the earlier rewards' release too, and are priced for it. `backing` is
/// what they are worth at the current rate, rounded up, and goes into the vault's assets at
/// once, so minting them moves nobody's value now. The rest of the reward is released over
/// time; when everything is in, the shares are worth `fee` and the holders have the rest.
pub fn fee_shares_for_reward(
	fee: u128,
	reward: u128,
	unreleased: u128,
	total_assets: u128,
	total_shares: u128,
	virtual_shares: u128,
) -> Result<(u128, u128), ShareMathError> {
	if fee == 0 {
		return Ok((0, 0));
	}
	let fee = fee.min(reward);
	let after = total_assets
		.checked_add(unreleased)
		.and_then(|a| a.checked_add(reward - fee))
		.ok_or(ShareMathError::Overflow)?;
	let shares = shares_for_deposit(fee, after, total_shares, virtual_shares)?;
	let num = total_assets.checked_add(1).ok_or(ShareMathError::Overflow)?;
	let den = total_shares.checked_add(virtual_shares).ok_or(ShareMathError::Overflow)?;
	let backing = multiply_by_rational_with_rounding(shares, num, den, Rounding::Up)
		.ok_or(ShareMathError::Overflow)?;
	Ok((shares, backing.min(reward)))
}

/// Splits a loss of `amount` between two buckets of `a` and `b` pro rata, rounding the part
/// of `a` up (a slash takes at least its share from the active stake). Returns
/// `(from_a, from_b)` with `from_a + from_b == min(amount, a + b)`, `from_a ≤ a`, `from_b ≤ b`.
pub fn split_pro_rata(amount: u128, a: u128, b: u128) -> (u128, u128) {
	let total = a.saturating_add(b);
	if total == 0 {
		return (0, 0);
	}
	let amount = amount.min(total);
	let from_a = multiply_by_rational_with_rounding(amount, a, total, Rounding::Up)
		.unwrap_or(amount)
		.min(a);
	let from_b = amount.saturating_sub(from_a).min(b);
	// If `b` could not take its part (rounding), the rest comes from `a`.
	let from_a = amount.saturating_sub(from_b).min(a);
	(from_a, from_b)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const V: u128 = 1_000;

	#[test]
	fn first_deposit_mints_offset_times_assets() {
		assert_eq!(shares_for_deposit(10, 0, 0, V), Ok(10 * V));
		assert_eq!(assets_for_shares(10 * V, 10, 10 * V, V), Ok(10));
	}

	#[test]
	fn donation_attack_on_empty_vault_does_not_zero_victim_shares() {
		// The attacker deposits 1 unit, then donates 1e18 to the vault.
		let attacker_shares = shares_for_deposit(1, 0, 0, V).unwrap();
		let total_assets = 1 + 1_000_000_000_000_000_000u128;
		// A victim depositing 1e18 still receives shares.
		let victim =
			shares_for_deposit(1_000_000_000_000_000_000, total_assets, attacker_shares, V)
				.unwrap();
		assert!(victim > 0);
		// And the attacker can redeem no more than they put in plus a share of what the
		// victim lost to rounding, which is far less than the donation.
		let total_shares = attacker_shares + victim;
		let total_assets = total_assets + 1_000_000_000_000_000_000;
		let attacker_out =
			assets_for_shares(attacker_shares, total_assets, total_shares, V).unwrap();
		assert!(attacker_out < total_assets / 2);
	}

	#[test]
	fn overflow_is_reported_not_panicked() {
		assert_eq!(shares_for_deposit(u128::MAX, 0, u128::MAX, V), Err(ShareMathError::Overflow));
		assert_eq!(assets_for_shares(1, u128::MAX, 0, V), Err(ShareMathError::Overflow));
	}

	#[test]
	fn split_pro_rata_examples() {
		assert_eq!(split_pro_rata(30, 100, 200), (10, 20));
		assert_eq!(split_pro_rata(1, 1, 1), (1, 0));
		assert_eq!(split_pro_rata(500, 100, 200), (100, 200));
		assert_eq!(split_pro_rata(5, 0, 0), (0, 0));
	}

	proptest! {
		#[test]
		fn deposit_then_redeem_never_returns_more(
			assets in 1u128..1u128 << 100,
			total_assets in 0u128..1u128 << 100,
			extra_shares in 0u128..1u128 << 100,
		) {
			let total_shares = extra_shares;
			let minted = shares_for_deposit(assets, total_assets, total_shares, V).unwrap();
			let back = assets_for_shares(
				minted, total_assets + assets, total_shares + minted, V,
			).unwrap();
			prop_assert!(back <= assets);
		}

		#[test]
		fn withdraw_burns_at_least_the_shares_a_deposit_would_mint(
			assets in 0u128..1u128 << 100,
			total_assets in 0u128..1u128 << 100,
			total_shares in 0u128..1u128 << 100,
		) {
			let burn = shares_for_withdraw(assets, total_assets, total_shares, V).unwrap();
			let mint = shares_for_deposit(assets, total_assets, total_shares, V).unwrap();
			prop_assert!(burn >= mint);
			prop_assert!(burn - mint <= 1);
		}

		#[test]
		fn split_pro_rata_conserves_and_respects_buckets(
			amount in 0u128..1u128 << 120,
			a in 0u128..1u128 << 120,
			b in 0u128..1u128 << 120,
		) {
			let (x, y) = split_pro_rata(amount, a, b);
			prop_assert!(x <= a);
			prop_assert!(y <= b);
			prop_assert_eq!(x + y, amount.min(a + b));
		}
	}

	#[test]
	fn fee_shares_move_nobody_now_and_are_worth_the_fee_at_the_end() {
		// A = 10 000, S = 10 000 (+ V = 1 000), reward 1 000 with a 10 % fee.
		let (a, s, v) = (10_000u128, 10_000u128, 1_000u128);
		let (shares, backing) = fee_shares_for_reward(100, 1_000, 0, a, s, v).unwrap();
		let before = assets_for_shares(s, a, s, v).unwrap();
		assert!(assets_for_shares(s, a + backing, s + shares, v).unwrap() >= before);
		let end = assets_for_shares(shares, a + 1_000, s + shares, v).unwrap();
		assert!((99..=100).contains(&end), "{end}");
		// A reward far above the vault's assets: the fee stays 10 % of it.
		let (shares, backing) =
			fee_shares_for_reward(1_000_000, 10_000_000, 0, 1, 1_000, 1_000).unwrap();
		assert!(backing <= 1);
		let end = assets_for_shares(shares, 10_000_001, 1_000 + shares, 1_000).unwrap();
		// Within one share of a vault whose shares are coarse (4 500 units each).
		assert!((995_500..=1_000_000).contains(&end), "{end}");
	}
}
