//! `try_state` catches corruption; random operation sequences keep every invariant.

use super::*;
use crate::{Allocations, VaultMagnitudes};
use proptest::prelude::*;
use restake_primitives::traits::{AllocationSlash, StakeInspect};

#[test]
fn try_state_detects_an_over_allocated_vault() {
	new_test_ext().execute_with(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		VaultMagnitudes::<Test>::mutate(0, |m| m.max = m.encumbered - 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_an_allocation_missing_from_its_pair() {
	new_test_ext().execute_with(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		crate::PairVaults::<Test>::remove(OPERATOR, avs);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_counters_out_of_sync() {
	new_test_ext().execute_with(|| {
		setup_pair();
		crate::Avss::<Test>::mutate(0, |a| a.as_mut().unwrap().operator_count += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[derive(Debug, Clone)]
enum Op {
	RegisterAvs(bool),
	RegisterOperator(usize),
	OptIn(usize, AvsId),
	Approve(usize, AvsId),
	OptOut(usize, AvsId),
	CompleteOptOut(usize, AvsId),
	Allocate(u32, usize, AvsId, u32),
	Settle(u32, usize, AvsId),
	Slash(usize, AvsId, u32),
	Deposit(u32, u128),
	Advance(u64),
}

const OPS: [AccountId; 2] = [OPERATOR, OPERATOR_2];

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		any::<bool>().prop_map(Op::RegisterAvs),
		(0..2usize).prop_map(Op::RegisterOperator),
		(0..2usize, 0..3u32).prop_map(|(o, a)| Op::OptIn(o, a)),
		(0..2usize, 0..3u32).prop_map(|(o, a)| Op::Approve(o, a)),
		(0..2usize, 0..3u32).prop_map(|(o, a)| Op::OptOut(o, a)),
		(0..2usize, 0..3u32).prop_map(|(o, a)| Op::CompleteOptOut(o, a)),
		(0..2u32, 0..2usize, 0..3u32, 0..=100u32).prop_map(|(v, o, a, p)| Op::Allocate(v, o, a, p)),
		(0..2u32, 0..2usize, 0..3u32).prop_map(|(v, o, a)| Op::Settle(v, o, a)),
		(0..2usize, 0..3u32, 0..=100u32).prop_map(|(o, a, p)| Op::Slash(o, a, p)),
		(0..2u32, 0u128..1_000_000).prop_map(|(v, x)| Op::Deposit(v, x)),
		(0u64..2 * DEALLOCATION_DELAY).prop_map(Op::Advance),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

	/// After every step: invariants hold (allocations ≤ vault stake, relations point to live
	/// entities, counters match), a failed call changed nothing, and no slash took more than
	/// the slashed pair's allocation or touched another AVS's stake.
	#[test]
	fn random_sequences_keep_invariants(ops in prop::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			add_vault(0, CURATOR, 1, 1_000_000, &[0, 1, 2]);
			add_vault(1, CURATOR, 2, 5_000, &[0, 1, 2]);
			let mut block = 1u64;
			for op in ops {
				let root = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
				let result = match op.clone() {
					Op::RegisterAvs(approval) => Operators::register_avs(
						RuntimeOrigin::signed(AVS_OWNER), s("a"), s("a"), approval, SLASHER, None),
					Op::RegisterOperator(o) => Operators::register_operator(
						RuntimeOrigin::signed(OPS[o]), s("o"), Perbill::from_percent(5)),
					Op::OptIn(o, a) => Operators::opt_in(RuntimeOrigin::signed(OPS[o]), a),
					Op::Approve(o, a) => Operators::approve_operator(RuntimeOrigin::signed(AVS_OWNER), a, OPS[o]),
					Op::OptOut(o, a) => Operators::opt_out(RuntimeOrigin::signed(OPS[o]), a).map(|_| ()).map_err(|e| e.error),
					Op::CompleteOptOut(o, a) => Operators::complete_opt_out(RuntimeOrigin::signed(STRANGER), OPS[o], a),
					Op::Allocate(v, o, a, p) => Operators::allocate(
						RuntimeOrigin::signed(CURATOR), v, OPS[o], a, Perbill::from_percent(p)),
					Op::Settle(v, o, a) => Operators::settle_allocation(RuntimeOrigin::signed(STRANGER), v, OPS[o], a),
					Op::Slash(o, a, p) => {
						let others: Vec<u128> = (0..3u32).filter(|x| *x != a)
							.flat_map(|x| (0..2u32).map(move |v| (v, x)))
							.map(|(v, x)| Operators::allocated_stake(v, &OPS[o], x) + Operators::allocated_stake(v, &OPS[1 - o], x))
							.collect();
						let before: Vec<u128> = (0..2u32)
							.map(|v| <Operators as StakeInspect<_, _>>::slashable_allocation(v, &OPS[o], a))
							.collect();
						let taken = <Operators as AllocationSlash<_, _>>::slash_allocations(
							&OPS[o], a, Perbill::from_percent(p)).unwrap();
						for (v, amount) in &taken {
							prop_assert!(*amount <= before[*v as usize], "slash took more than the allocation");
						}
						let after: Vec<u128> = (0..3u32).filter(|x| *x != a)
							.flat_map(|x| (0..2u32).map(move |v| (v, x)))
							.map(|(v, x)| Operators::allocated_stake(v, &OPS[o], x) + Operators::allocated_stake(v, &OPS[1 - o], x))
							.collect();
						// Other AVSs keep their stake (up to two units of rounding).
						for (b, a) in others.iter().zip(after.iter()) {
							prop_assert!(b.abs_diff(*a) <= 2, "another AVS lost stake: {} -> {}", b, a);
						}
						Ok(())
					},
					Op::Deposit(v, x) => { with_vault(v, |m| m.active += x); Ok(()) },
					Op::Advance(n) => { block += n; System::set_block_number(block); Ok(()) },
				};
				if result.is_err() {
					let after = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
					prop_assert_eq!(root, after, "{:?} failed with {:?} but changed storage", op, result);
				}
				prop_assert!(crate::Pallet::<Test>::do_try_state().is_ok(), "invariants broken after {:?}", op);
			}
			prop_assert!(Allocations::<Test>::iter().count() as u32 <= 2 * MAX_ALLOCATIONS_PER_VAULT);
			Ok(())
		})?;
	}
}
