//! Slashing that cannot be escaped, dodged or turned against stakers (issue 15), on the real
//! runtime with the `development` genesis: vault 0 (Charlie's 100 stETH) allocates 40 % to
//! (DaveStash, oracle) and 30 % to (DaveStash, DA); vault 1 (Dave's 1 000 RSTK) 50 % to
//! (EveStash, oracle). The oracle's slasher is Eve, its resolver Ferdie, its veto window 10
//! blocks; the DA is instant, slasher Ferdie.
//!
//! Each test pins one finding of the adversarial review; each failed on the code before the fix.
//!
//! By finding: [`escape`] (1, escape by timing; 2, stake that came later), [`claims`] (3,
//! claims frozen by any AVS), [`risk_changes`] (4, risk-raising changes outrunning exits),
//! [`kill_switch`] (5, a weak kill switch; 6, under-charged weight). The helpers below are
//! theirs.

mod claims;
mod escape;
mod kill_switch;
mod risk_changes;

use super::{
	dev_ext,
	fixtures::{
		allocate, create_vault, instant_full_policy, now, request_slash, run_to, signed, DA, ORACLE,
	},
};
use crate::{
	configs::restaking::*, genesis_config_presets::LST_UNIT, Operators, Runtime, RuntimeCall,
	RuntimeOrigin, Slashing, Vaults,
};
use pallet_slashing::{
	Error as SlashingError, PendingPolicies, PendingSlashes, Policies, PolicyStatus, SlashHistory,
	SlashId, SlashOutcome, SlashPolicy,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::GetDispatchInfo,
		traits::{fungible::NativeOrWithId, Get},
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::Perbill,
};
use restake_primitives::{traits::VaultInspect, SlashDestination};

/// The oracle's slasher (Eve) asks for `percent` of DaveStash's oracle allocations.
fn request_oracle(percent: u32) -> SlashId {
	let id = pallet_slashing::NextSlashId::<Runtime>::get();
	assert_ok!(request_slash(
		K::Eve,
		ORACLE,
		K::DaveStash,
		Perbill::from_percent(percent),
		1,
		b"equivocation"
	));
	id
}

/// What executed slash `id` took, per vault.
fn taken(id: SlashId) -> Vec<(u32, u128)> {
	let record = SlashHistory::<Runtime>::get(id).expect("settled");
	assert_eq!(record.outcome, SlashOutcome::Executed);
	record.taken.into_inner()
}

/// `a ≈ b` within a few units of rounding.
fn assert_close(a: u128, b: u128) {
	assert!(a.abs_diff(b) <= 2, "{a} is not {b} (± 2)");
}

/// When the pending change of vault `vault`'s allocation to (DaveStash, `avs`) applies.
fn pending_effective_at(vault: u32, avs: u32) -> u32 {
	pallet_operators::Allocations::<Runtime>::get((vault, K::DaveStash.to_account_id(), avs))
		.and_then(|a| a.pending)
		.expect("a change is pending")
		.effective_at
}

/// Charlie's shares of vault 0.
fn charlie_shares() -> u128 {
	<Vaults as VaultInspect<_, _>>::shares_of(0, &K::Charlie.to_account_id())
}
