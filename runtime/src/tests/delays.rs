//! Checks on the runtime's configuration: the orderings of delays the pallets rely on
//! (`docs/architecture.md`, invariant 5).

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
	assert!(PolicyChangeDelay::get() > withdrawal);
}

/// A pending slash may hold a matured claim for up to veto window + execution deadline: every
/// risk change (which waits a vault's withdrawal delay plus `RiskChangeExtraDelay`, directly or
/// through the exit delays the operator pallet records) must outlast that hold too, or a later
/// slash under the riskier terms reaches a holder who asked to leave when they were announced.
#[test]
fn risk_changes_outlast_a_withdrawal_plus_the_longest_slash_hold() {
	assert!(RiskChangeExtraDelay::get() > MaxVetoWindow::get() + SlashExecutionDeadline::get());
}

#[test]
fn a_slash_can_record_every_vault_of_a_pair() {
	use crate::Runtime;
	type PerSlash = <Runtime as pallet_slashing::Config>::MaxVaultsPerSlash;
	type PerPair = <Runtime as pallet_operators::Config>::MaxVaultsPerPair;
	assert!(<PerSlash as Get<u32>>::get() >= <PerPair as Get<u32>>::get());
}

#[test]
fn withdrawal_delays_have_a_ceiling_above_their_floor() {
	assert!(MaxWithdrawalDelay::get() >= MinWithdrawalDelay::get());
}

#[test]
fn a_slash_request_resolves_within_the_veto_window_plus_its_deadline() {
	// Holds end at the deadline: a withdrawal waits at most this long past its unlock.
	assert!(SlashExecutionDeadline::get() > 0);
	assert!(MaxVetoWindow::get() + SlashExecutionDeadline::get() <= MinWithdrawalDelay::get() * 2);
	assert!(SlashEscrowDelay::get() > 0);
}

#[test]
fn no_avs_can_fill_a_vault_hold_list_for_another() {
	use crate::Runtime;
	type Holds = <Runtime as pallet_slashing::Config>::MaxHoldsPerVault;
	type Pending = <Runtime as pallet_slashing::Config>::MaxPendingPerAvs;
	type Pairs = <Runtime as pallet_operators::Config>::MaxAllocationsPerVault;
	assert!(
		<Holds as Get<u32>>::get() >= <Pairs as Get<u32>>::get() * <Pending as Get<u32>>::get()
	);
}
