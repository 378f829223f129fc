//! Finding 4: risk-raising changes (allocation increases, riskier policies, commission rises)
//! wait longer than the slowest exit of the stake they affect, slash holds included.

use super::*;

// ---- Finding 4: risk-raising changes outrun exits ----------------------------------------

/// A vault whose holders need `delay` blocks to leave.
fn slow_vault(delay: u32) -> u32 {
	let id = pallet_vaults::NextVaultId::<Runtime>::get();
	assert_ok!(create_vault(K::Bob, NativeOrWithId::WithId(1), delay, b"slow", b"slow", 18));
	id
}

/// Lets `vault` back the oracle (its allowlist, edited directly).
fn allow_oracle(vault: u32) {
	pallet_vaults::Vaults::<Runtime>::mutate(vault, |v| {
		let _ = v.as_mut().unwrap().allowed_avs.try_insert(ORACLE, 0);
	});
}

#[test]
fn risk_raising_changes_wait_longer_than_the_slowest_exit_of_the_stake_they_affect() {
	dev_ext().execute_with(|| {
		let delay = 500;
		let vault = slow_vault(delay);
		// An allocation increase of the slow vault waits for its holders' exit.
		allow_oracle(vault);
		assert_ok!(Vaults::deposit(signed(K::Bob), vault, LST_UNIT));
		assert_ok!(allocate(K::Bob, vault, K::DaveStash, ORACLE, Perbill::from_percent(10)));
		let allocated_at = now();
		let allocation = pallet_operators::Allocations::<Runtime>::get((
			vault,
			K::DaveStash.to_account_id(),
			ORACLE,
		))
		.unwrap();
		assert!(allocation.pending.unwrap().effective_at > allocated_at + delay);

		// The oracle and DaveStash now have slow stake behind them. A riskier oracle policy:
		// 100 % to the AVS owner's own account, instant.
		let policy = instant_full_policy(SlashDestination::Account(K::Eve.to_account_id()));
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, policy.clone()));
		let effective_at = PendingPolicies::<Runtime>::get(ORACLE).unwrap().applies_from;
		assert!(
			effective_at > now() + delay,
			"policy at {effective_at}, exit at {}",
			now() + delay
		);

		// A commission rise of the operator behind it.
		assert_ok!(Operators::set_commission(signed(K::DaveStash), Perbill::from_percent(40)));
		let op = pallet_operators::Operators::<Runtime>::get(K::DaveStash.to_account_id()).unwrap();
		assert!(op.pending_commission.unwrap().1 > now() + delay);

		// A slow vault that backs nothing slows nobody: the DA's stake exits in 20 blocks.
		let _idle = slow_vault(MaxWithdrawalDelay::get());
		// The DA is backed by vault 0 only: its withdrawal delay plus the longest slash hold.
		let exit_0 = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().params.withdrawal_delay
			+ RiskChangeExtraDelay::get();
		assert_ok!(Slashing::set_policy(signed(K::Ferdie), DA, SlashPolicy { ..policy }));
		let effective_at = PendingPolicies::<Runtime>::get(DA).unwrap().applies_from;
		assert_eq!(effective_at, now() + PolicyChangeDelay::get().max(exit_0 + 1));
		// EveStash is backed by vault 1 only.
		let exit_1 = pallet_vaults::Vaults::<Runtime>::get(1).unwrap().params.withdrawal_delay
			+ RiskChangeExtraDelay::get();
		assert_ok!(Operators::set_commission(signed(K::EveStash), Perbill::from_percent(40)));
		let op = pallet_operators::Operators::<Runtime>::get(K::EveStash.to_account_id()).unwrap();
		assert_eq!(
			op.pending_commission.unwrap().1,
			now() + CommissionIncreaseDelay::get().max(exit_1 + 1)
		);
	});
}

/// Audit finding: a vetoable 1 % request made just before a holder's unlock held his claim, and
/// a riskier policy announced when he asked to leave applied while he was still held. Risk
/// changes now also outlast the longest slash hold: he is out before the new terms apply.
#[test]
fn a_slash_hold_cannot_keep_a_leaving_holder_in_until_a_riskier_policy_applies() {
	dev_ext().execute_with(|| {
		let delay = 100;
		let vault = slow_vault(delay);
		allow_oracle(vault);
		assert_ok!(Vaults::deposit(signed(K::Charlie), vault, 100 * LST_UNIT));
		assert_ok!(allocate(K::Bob, vault, K::DaveStash, ORACLE, Perbill::from_percent(40)));
		run_to(pending_effective_at(vault, ORACLE));
		assert_ok!(Operators::settle_allocation(
			signed(K::Bob),
			vault,
			K::DaveStash.to_account_id().into(),
			ORACLE
		));
		// The oracle's owner announces instant, 100 %, to Eve; Charlie leaves at once.
		let risky = instant_full_policy(SlashDestination::Account(K::Eve.to_account_id()));
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, risky));
		let effective_at = PendingPolicies::<Runtime>::get(ORACLE).unwrap().applies_from;
		let shares = <Vaults as VaultInspect<_, _>>::shares_of(vault, &K::Charlie.to_account_id());
		let asked = Vaults::preview_withdraw(vault, shares).unwrap();
		assert_ok!(Vaults::request_withdrawal(signed(K::Charlie), vault, shares));
		let unlock = now() + delay;
		// One block before his unlock, a 1 % request under the old, vetoable policy holds him.
		run_to(unlock - 1);
		let hold = request_oracle(1);
		let expires_at = PendingSlashes::<Runtime>::get(hold).unwrap().expires_at;
		run_to(unlock);
		assert_noop!(
			Vaults::claim_withdrawals(signed(K::Charlie), vault, K::Charlie.to_account_id().into()),
			pallet_vaults::Error::<Runtime>::SlashPending
		);
		// The hold ends before the riskier policy can apply, and he leaves whole.
		assert!(expires_at < effective_at, "hold until {expires_at}, policy at {effective_at}");
		run_to(expires_at);
		let before = crate::Assets::balance(1, K::Charlie.to_account_id());
		assert_ok!(Vaults::claim_withdrawals(
			signed(K::Charlie),
			vault,
			K::Charlie.to_account_id().into()
		));
		assert_close(crate::Assets::balance(1, K::Charlie.to_account_id()) - before, asked);
		assert_noop!(
			Slashing::apply_policy(signed(K::Bob), ORACLE),
			SlashingError::<Runtime>::NoDuePolicyChange
		);
	});
}

#[test]
fn no_vault_may_take_longer_to_exit_than_the_runtime_allows() {
	dev_ext().execute_with(|| {
		let too_long = MaxWithdrawalDelay::get() + 1;
		assert_noop!(
			create_vault(K::Bob, NativeOrWithId::WithId(1), too_long, b"slow", b"slow", 18),
			pallet_vaults::Error::<Runtime>::WithdrawalDelayTooLong
		);
	});
}
