//! Complete lifecycles (issue 17) on the real runtime with the `development` genesis: vault 0
//! (Alice's, Charlie's 100 stETH) allocates 40 % to (DaveStash, oracle) and 30 % to
//! (DaveStash, DA); the oracle's slasher is Eve, its veto window 10 blocks.

use super::{
	dev_ext,
	fixtures::{request_slash, signed, DA, ORACLE},
};
use crate::{configs::restaking::*, Operators, Runtime, Slashing, System, Vaults};
use pallet_operators::Allocations;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::Perbill,
};
use restake_primitives::traits::StakeInspect;

fn operator_events() -> Vec<pallet_operators::Event<Runtime>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			crate::RuntimeEvent::Operators(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// `disallow_avs` used to edit the allowlist only: the vault's stake stayed allocated to (and
/// slashable by, and earning from) the AVS its curator had just ruled out.
#[test]
fn disallow_avs_winds_the_vaults_allocations_to_that_avs_down() {
	dev_ext().execute_with(|| {
		let dave = K::DaveStash.to_account_id();
		let slashable = || Operators::slashable_allocation(0, &dave, ORACLE);
		let before = slashable();
		assert!(before > 0);
		let da = Allocations::<Runtime>::get((0, &dave, DA));
		System::reset_events();
		assert_ok!(Vaults::disallow_avs(signed(K::Alice), 0, ORACLE));
		let until = System::block_number() + DeallocationDelay::get();
		let pending = Allocations::<Runtime>::get((0, &dave, ORACLE)).and_then(|a| a.pending);
		assert_eq!(pending.map(|p| (p.target, p.effective_at)), Some((0, until)));
		assert!(operator_events().contains(&pallet_operators::Event::AllocationScheduled {
			vault: 0,
			operator: dave.clone(),
			avs: ORACLE,
			magnitude: 0,
			effective_at: until,
		}));
		assert_eq!(Allocations::<Runtime>::get((0, &dave, DA)), da, "the DA allocation stays");
		// Slashable through the window, earning nothing from the request on.
		assert_eq!(slashable(), before);
		assert_eq!(Operators::weighted_allocation(0, &dave, ORACLE), 0);
		System::set_block_number(until);
		assert_eq!(slashable(), 0);
		assert_ok!(Operators::settle_allocation(signed(K::Alice), 0, dave.clone().into(), ORACLE));
		assert!(!Allocations::<Runtime>::contains_key((0, &dave, ORACLE)));
	});
}

/// A curator cannot use `disallow_avs` to take stake out of a pending slash: the wind-down is
/// a deallocation, held like one.
#[test]
fn disallow_avs_cannot_take_stake_out_of_a_pending_slash() {
	dev_ext().execute_with(|| {
		let dave = K::DaveStash.to_account_id();
		let id = pallet_slashing::NextSlashId::<Runtime>::get();
		assert_ok!(request_slash(
			K::Eve,
			ORACLE,
			K::DaveStash,
			Perbill::from_percent(10),
			1,
			b"equivocation"
		));
		let captured = Operators::slashable_allocation(0, &dave, ORACLE);
		assert_ok!(Vaults::disallow_avs(signed(K::Alice), 0, ORACLE));
		let until = System::block_number() + DeallocationDelay::get();
		System::set_block_number(until);
		assert_noop!(
			Operators::settle_allocation(signed(K::Alice), 0, dave.clone().into(), ORACLE),
			pallet_operators::Error::<Runtime>::StakeCaptured
		);
		// The slash still takes its fraction of what it captured.
		let request = pallet_slashing::PendingSlashes::<Runtime>::get(id).expect("pending");
		System::set_block_number(request.executable_at.max(until));
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		let record = pallet_slashing::SlashHistory::<Runtime>::get(id).expect("settled");
		let taken: u128 = record.taken.iter().filter(|(v, _)| *v == 0).map(|(_, t)| *t).sum();
		let fraction = Perbill::from_percent(10);
		assert!(taken >= fraction.mul_floor(captured) && taken <= fraction.mul_ceil(captured));
	});
}
