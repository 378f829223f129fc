//! Checks on the runtime's configuration: the orderings of delays the pallets rely on
//! (ARCHITECTURE.md, invariant 5).

use crate::configs::restaking::*;
use polkadot_sdk::frame_support::traits::Get;

#[test]
fn deallocation_waits_at_least_the_longest_veto_window() {
	assert!(DeallocationDelay::get() >= MaxVetoWindow::get());
}

#[test]
fn withdrawal_waits_at_least_the_deallocation_delay() {
	assert!(MinWithdrawalDelay::get() >= DeallocationDelay::get());
}

#[test]
fn risk_increases_wait_longer_than_a_withdrawal() {
	let withdrawal = MinWithdrawalDelay::get();
	assert!(RiskChangeExtraDelay::get() > 0, "vault risk changes wait withdrawal + margin");
	assert!(CommissionIncreaseDelay::get() > withdrawal);
	assert!(PolicyChangeDelay::get() > withdrawal + RiskChangeExtraDelay::get());
}

#[test]
fn a_slash_can_record_every_vault_of_a_pair() {
	use crate::Runtime;
	type PerSlash = <Runtime as pallet_slashing::Config>::MaxVaultsPerSlash;
	type PerPair = <Runtime as pallet_operators::Config>::MaxVaultsPerPair;
	assert!(<PerSlash as Get<u32>>::get() >= <PerPair as Get<u32>>::get());
}
