use super::*;
use crate::{Allocations, AvsExitDelay, OperatorExitDelay, PairVaults, VaultMagnitudes};
use restake_primitives::traits::StakeInspect;

fn stake(avs: AvsId) -> u128 {
	Operators::allocated_stake(0, &OPERATOR, avs)
}

#[test]
fn allocation_becomes_effective_after_the_delay() {
	build_and_execute(|| {
		let avs = setup_pair();
		operator_events();
		assert_ok!(allocate(avs, 30));
		let effective_at = 1 + ALLOCATION_DELAY;
		assert_eq!(
			operator_events(),
			vec![Event::AllocationScheduled {
				vault: 0,
				operator: OPERATOR,
				avs,
				magnitude: 300_000_000_000_000_000,
				effective_at
			}]
		);
		assert_eq!(stake(avs), 0, "not effective (nor slashable) before the delay");
		assert_eq!(<Operators as StakeInspect<_, _>>::slashable_allocation(0, &OPERATOR, avs), 0);
		System::set_block_number(effective_at);
		assert_eq!(stake(avs), 300_000);
		// Deposits into the vault grow the allocation pro rata.
		with_vault(0, |v| v.active = 2_000_000);
		assert_eq!(stake(avs), 600_000);
		let views = Operators::pair_allocations(OPERATOR, avs);
		assert_eq!(views.len(), 1);
		assert_eq!((views[0].stake, views[0].pending), (600_000, None));
	});
}

#[test]
fn decrease_stays_slashable_until_the_deallocation_delay() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		let now = System::block_number();
		assert_ok!(allocate(avs, 10));
		assert_eq!(stake(avs), 500_000);
		assert_eq!(
			Operators::pair_allocations(OPERATOR, avs)[0].pending,
			Some((Perbill::from_percent(10), now + DEALLOCATION_DELAY))
		);
		assert_noop!(allocate(avs, 20), Error::<Test>::AllocationChangePending);
		System::set_block_number(now + DEALLOCATION_DELAY);
		assert_eq!(stake(avs), 100_000);
		// Capacity is freed when the change is settled.
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE / 2);
		assert_ok!(Operators::settle_allocation(RuntimeOrigin::signed(STRANGER), 0, OPERATOR, avs));
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE / 10);
		assert_noop!(
			Operators::settle_allocation(RuntimeOrigin::signed(STRANGER), 0, OPERATOR, avs),
			Error::<Test>::AllocationChangePending
		);
	});
}

/// Regression (found by the runtime's random-operation test): a new schedule on an
/// allocation whose decrease was due but not settled freed the decrease twice from the
/// vault's encumbered magnitude.
#[test]
fn a_schedule_over_a_due_unsettled_decrease_keeps_the_vault_total() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		let now = System::block_number();
		assert_ok!(allocate(avs, 10));
		System::set_block_number(now + DEALLOCATION_DELAY);
		// Not settled: the vault still counts the larger, old value.
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE / 2);
		assert_ok!(allocate(avs, 5));
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE / 10);
		assert_ok!(Operators::opt_out(RuntimeOrigin::signed(OPERATOR), avs));
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE / 10);
		Operators::do_try_state().expect("the vault's total is the sum of its allocations");
	});
}

#[test]
fn allocations_never_exceed_the_vault_stake() {
	build_and_execute(|| {
		let avs = setup_pair();
		second_avs_opted_in();
		assert_ok!(allocate(avs, 70));
		assert_noop!(allocate(1, 31), Error::<Test>::InsufficientCapacity);
		assert_ok!(allocate(1, 30));
		assert_eq!(VaultMagnitudes::<Test>::get(0).encumbered, MAGNITUDE_ONE);
	});
}

#[test]
fn allocate_checks_curator_allowlist_and_opt_in() {
	build_and_execute(|| {
		let avs = setup_pair();
		let ten = Perbill::from_percent(10);
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(STRANGER), 0, OPERATOR, avs, ten),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(CURATOR), 5, OPERATOR, avs, ten),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(CURATOR), 0, OPERATOR_2, avs, ten),
			Error::<Test>::NotOptedIn
		);
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, 9, ten),
			Error::<Test>::AvsNotFound
		);
		with_vault(0, |v| v.allowed.clear());
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs, ten),
			Error::<Test>::AvsNotAllowedByVault
		);
		assert_noop!(
			Operators::allocate(RuntimeOrigin::signed(CURATOR), 0, OPERATOR, avs, Perbill::zero()),
			Error::<Test>::AllocationUnchanged
		);
	});
}

#[test]
fn allocations_per_vault_and_vaults_per_pair_are_bounded() {
	build_and_execute(|| {
		let avs = setup_pair();
		for v in 1..=MAX_VAULTS_PER_PAIR {
			add_vault(v, CURATOR, 1, 1_000, &[avs]);
		}
		for v in 0..MAX_VAULTS_PER_PAIR {
			assert_ok!(Operators::allocate(
				RuntimeOrigin::signed(CURATOR),
				v,
				OPERATOR,
				avs,
				Perbill::from_percent(1)
			));
		}
		assert_noop!(
			Operators::allocate(
				RuntimeOrigin::signed(CURATOR),
				MAX_VAULTS_PER_PAIR,
				OPERATOR,
				avs,
				Perbill::from_percent(1)
			),
			Error::<Test>::TooManyVaultsPerPair
		);
		assert_eq!(PairVaults::<Test>::get(OPERATOR, avs).len() as u32, MAX_VAULTS_PER_PAIR);
		// A vault with allocations to the maximum number of pairs refuses one more.
		for a in 1..=MAX_ALLOCATIONS_PER_VAULT {
			assert_ok!(Operators::register_avs(
				RuntimeOrigin::signed(AVS_OWNER),
				s("a"),
				s("a"),
				false,
				SLASHER,
				None
			));
			with_vault(0, |v| v.allowed.push(a));
		}
		assert_ok!(Operators::register_operator(
			RuntimeOrigin::signed(OPERATOR_2),
			s("o"),
			Perbill::zero()
		));
		for a in 1..MAX_ALLOCATIONS_PER_VAULT {
			assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR_2), a));
			assert_ok!(Operators::allocate(
				RuntimeOrigin::signed(CURATOR),
				0,
				OPERATOR_2,
				a,
				Perbill::from_percent(1)
			));
		}
		assert_ok!(Operators::opt_in(RuntimeOrigin::signed(OPERATOR_2), MAX_ALLOCATIONS_PER_VAULT));
		assert_noop!(
			Operators::allocate(
				RuntimeOrigin::signed(CURATOR),
				0,
				OPERATOR_2,
				MAX_ALLOCATIONS_PER_VAULT,
				Perbill::from_percent(1)
			),
			Error::<Test>::TooManyAllocations
		);
		assert!(Allocations::<Test>::iter().count() as u32 >= MAX_ALLOCATIONS_PER_VAULT);
	});
}

#[test]
fn weighted_stake_counts_accepted_assets_by_weight() {
	build_and_execute(|| {
		let avs = setup_pair();
		allocate_and_wait(avs, 50);
		assert_eq!(Operators::avs_weighted_stake(avs), 0, "asset 1 not accepted yet");
		assert_ok!(Operators::set_accepted_asset(
			RuntimeOrigin::signed(AVS_OWNER),
			avs,
			1,
			Some(Perbill::from_percent(80))
		));
		assert_eq!(Operators::avs_weighted_stake(avs), 400_000);
	});
}

/// The exit delays an allocation records bound the slowest exit of any stake that has backed
/// the AVS and the operator: they are never lowered, not even after the vault has left
/// (a known limit, docs/design.md).
#[test]
fn exit_delays_are_recorded_at_allocation_and_never_lowered() {
	build_and_execute(|| {
		let avs = setup_pair();
		with_vault(0, |v| v.exit_delay = 500);
		let now = System::block_number();
		assert_ok!(allocate(avs, 10));
		// An increase waits out the vault's exit delay too.
		System::set_block_number(now + 501);
		assert_eq!(
			(AvsExitDelay::<Test>::get(avs), OperatorExitDelay::<Test>::get(OPERATOR)),
			(500, 500)
		);
		// The vault shortens its delay and leaves the pair: the recorded delays stay.
		with_vault(0, |v| v.exit_delay = 20);
		let now = System::block_number();
		assert_ok!(allocate(avs, 0));
		System::set_block_number(now + DEALLOCATION_DELAY);
		assert_ok!(Operators::settle_allocation(RuntimeOrigin::signed(STRANGER), 0, OPERATOR, avs));
		assert!(Allocations::<Test>::get((0, OPERATOR, avs)).is_none(), "the vault has left");
		assert_eq!(
			(AvsExitDelay::<Test>::get(avs), OperatorExitDelay::<Test>::get(OPERATOR)),
			(500, 500)
		);
		// A new allocation with the shorter delay does not lower them either.
		assert_ok!(allocate(avs, 10));
		assert_eq!(
			(AvsExitDelay::<Test>::get(avs), OperatorExitDelay::<Test>::get(OPERATOR)),
			(500, 500)
		);
	});
}
