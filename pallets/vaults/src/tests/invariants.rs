//! `try_state` catches corruption, and random operation sequences keep every invariant.

use super::*;
use crate::Withdrawals;
use proptest::prelude::*;
use restake_primitives::{traits::VaultSlash, SlashDestination};

#[test]
fn try_state_detects_shares_out_of_sync_with_lrt_supply() {
	new_test_ext().execute_with(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		crate::Vaults::<Test>::mutate(id, |v| v.as_mut().unwrap().total_shares += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_assets_the_vault_does_not_hold() {
	new_test_ext().execute_with(|| {
		let id = vault_with_deposit(BOB, 1_000);
		crate::Vaults::<Test>::mutate(id, |v| v.as_mut().unwrap().total_assets += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_queue_units_out_of_sync() {
	new_test_ext().execute_with(|| {
		let id = vault_with_deposit(BOB, 1_000);
		assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 10_000));
		Withdrawals::<Test>::mutate(id, BOB, |r| r[0].units += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}

/// One step of a random scenario.
#[derive(Debug, Clone)]
enum Op {
	Deposit(usize, u128),
	Withdraw(usize, u128),
	Transfer(usize, usize, u128),
	Claim(usize),
	Reward(u128),
	Slash(u128),
	Advance(u64),
}

const HOLDERS: [AccountId; 3] = [BOB, CHARLIE, DAVE];

fn amount() -> impl Strategy<Value = u128> {
	prop_oneof![
		Just(0u128),
		Just(1u128),
		1u128..100,
		1u128..INITIAL_LST / 4,
		Just(INITIAL_LST),
		Just(u128::MAX),
	]
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..3usize, amount()).prop_map(|(h, a)| Op::Deposit(h, a)),
		(0..3usize, amount()).prop_map(|(h, a)| Op::Withdraw(h, a)),
		(0..3usize, 0..3usize, amount()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
		(0..3usize).prop_map(Op::Claim),
		amount().prop_map(Op::Reward),
		amount().prop_map(Op::Slash),
		(0u64..2 * MIN_DELAY).prop_map(Op::Advance),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

	/// Conservation: what holders put in = what they took out + what the vault still owes
	/// them (+ rounding dust kept by the vault) + what was slashed − rewards added.
	/// No holder ends with more than it put in plus rewards; every invariant holds after
	/// every step, and a failing call changes nothing.
	#[test]
	fn random_sequences_conserve_assets(ops in prop::collection::vec(op(), 1..40)) {
		new_test_ext().execute_with(|| {
			let id = create_steth_vault();
			let account = Vaults::vault_account(id);
			let seed = crate::Vaults::<Test>::get(id).unwrap().seed;
			let start: Vec<u128> = HOLDERS.iter().map(|h| steth_of(*h)).collect();
			let (mut rewards, mut slashed) = (0u128, 0u128);
			let mut block = 1u64;
			for op in ops {
				let before = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
				let result: Result<(), polkadot_sdk::sp_runtime::DispatchError> = match op {
					Op::Deposit(h, a) => Vaults::deposit(RuntimeOrigin::signed(HOLDERS[h]), id, a)
						.map(|_| ()).map_err(|e| e.error),
					Op::Withdraw(h, a) => {
						let a = a.min(lrt_of(id, HOLDERS[h]).saturating_add(1));
						Vaults::request_withdrawal(RuntimeOrigin::signed(HOLDERS[h]), id, a)
							.map(|_| ()).map_err(|e| e.error)
					},
					Op::Transfer(f, t, a) => {
						let lrt = crate::Vaults::<Test>::get(id).unwrap().lrt;
						let a = a.min(lrt_of(id, HOLDERS[f]));
						Assets::transfer(RuntimeOrigin::signed(HOLDERS[f]), lrt, HOLDERS[t], a)
					},
					Op::Claim(h) => Vaults::claim_withdrawals(RuntimeOrigin::signed(ALICE), id, HOLDERS[h])
						.map(|_| ()).map_err(|e| e.error),
					Op::Reward(a) => {
						let a = a.min(INITIAL_LST / 100);
						let r = Vaults::add_rewards(RuntimeOrigin::signed(ALICE), id, a)
							.map(|_| ()).map_err(|e| e.error);
						if r.is_ok() { rewards += a; }
						r
					},
					Op::Slash(a) => {
						let taken = <crate::Pallet<Test> as VaultSlash<_, _>>::slash_vault(id, a).unwrap();
						<crate::Pallet<Test> as VaultSlash<_, _>>::release_escrow(id, taken, &SlashDestination::Burn).unwrap();
						slashed += taken;
						Ok(())
					},
					Op::Advance(n) => { block += n; System::set_block_number(block); Ok(()) },
				};
				if result.is_err() {
					let after = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
					prop_assert_eq!(before, after, "a failed call changed storage: {:?}", result);
				}
				prop_assert!(crate::Pallet::<Test>::do_try_state().is_ok());
			}
			// Everyone leaves: request all, wait, claim all.
			for h in HOLDERS {
				let shares = lrt_of(id, h);
				let _ = Vaults::request_withdrawal(RuntimeOrigin::signed(h), id, shares);
			}
			System::set_block_number(block + MIN_DELAY);
			for h in HOLDERS {
				let _ = Vaults::claim_withdrawals(RuntimeOrigin::signed(h), id, h);
			}
			let vault = crate::Vaults::<Test>::get(id).unwrap();
			let put_in: u128 = HOLDERS.iter().enumerate().map(|(i, h)| start[i] - steth_of(*h).min(start[i])).sum();
			let gained: u128 = HOLDERS.iter().enumerate().map(|(i, h)| steth_of(*h).saturating_sub(start[i])).sum();
			// The vault account holds exactly: seed + what it still accounts for.
			// Rewards still being released (a drip waits while the vault has no shares).
			let releasing = crate::CompoundDrips::<Test>::get(id).map_or(0, |d| d.remaining);
			prop_assert_eq!(
				steth_of(account),
				seed + vault.total_assets + vault.queued_assets + releasing
			);
			// Holders together never gain more than the rewards paid in.
			prop_assert!(gained <= rewards + put_in, "holders extracted value");
			// Conservation: net deposits + rewards = held + slashed (+ fee shares' value).
			let held = vault.total_assets + vault.queued_assets + releasing;
			prop_assert_eq!(put_in + rewards - gained, held + slashed);
			Ok(())
		})?;
	}
}
