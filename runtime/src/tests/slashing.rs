//! Slashing that cannot be escaped, dodged or turned against stakers (issue 15), on the real
//! runtime with the `development` genesis: vault 0 (Charlie's 100 stETH) allocates 40 % to
//! (DaveStash, oracle) and 30 % to (DaveStash, DA); vault 1 (Dave's 1 000 RSTK) 50 % to
//! (EveStash, oracle). The oracle's slasher is Eve, its resolver Ferdie, its veto window 10
//! blocks; the DA is instant, slasher Ferdie.
//!
//! Each test pins one finding of the adversarial review; each failed on the code before the fix.

use super::dev_ext;
use crate::{
	configs::restaking::*, genesis_config_presets::LST_UNIT, Operators, Runtime, RuntimeCall,
	RuntimeOrigin, Slashing, System, Vaults,
};
use pallet_slashing::{
	Error as SlashingError, PendingPolicies, PendingSlashes, Policies, PolicyStatus, SlashHistory,
	SlashId, SlashOutcome, SlashPolicy,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Get},
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::Perbill,
};
use restake_primitives::{traits::VaultInspect, SlashDestination};

const ORACLE: u32 = 0;
const DA: u32 = 1;

fn signed(k: K) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

fn run_to(n: u32) {
	System::set_block_number(n);
}

fn now() -> u32 {
	System::block_number()
}

/// The oracle's slasher (Eve) asks for `percent` of DaveStash's oracle allocations.
fn request_oracle(percent: u32) -> SlashId {
	let id = pallet_slashing::NextSlashId::<Runtime>::get();
	assert_ok!(Slashing::request_slash(
		signed(K::Eve),
		ORACLE,
		K::DaveStash.to_account_id(),
		Perbill::from_percent(percent),
		H256::repeat_byte(1),
		b"equivocation".to_vec().try_into().unwrap(),
	));
	id
}

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

fn charlie_shares() -> u128 {
	<Vaults as VaultInspect<_, _>>::shares_of(0, &K::Charlie.to_account_id())
}

// ---- Finding 1: escape by timing ---------------------------------------------------------

#[test]
fn a_deallocation_under_way_cannot_escape_a_slash_requested_before_it_took_effect() {
	dev_ext().execute_with(|| {
		// Block 1: the curator winds vault 0's oracle allocation down (due at 21).
		assert_ok!(Operators::allocate(
			signed(K::Alice),
			0,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::zero()
		));
		// Block 13: the incident is reported. 40 % of 100 stETH is slashable now.
		run_to(13);
		let id = request_oracle(50);
		// The deallocation is due at 21, but the stake it frees was captured: it stays.
		run_to(23);
		assert_noop!(
			Operators::settle_allocation(signed(K::Bob), 0, K::DaveStash.to_account_id(), ORACLE),
			pallet_operators::Error::<Runtime>::StakeCaptured
		);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		let taken = taken(id);
		assert_eq!(taken.len(), 1);
		assert_eq!(taken[0].0, 0);
		assert_close(taken[0].1, 20 * LST_UNIT);
		// Resolved: now the deallocation settles.
		assert_ok!(Operators::settle_allocation(
			signed(K::Bob),
			0,
			K::DaveStash.to_account_id(),
			ORACLE
		));
	});
}

#[test]
fn an_opt_out_under_way_cannot_escape_a_slash_requested_before_it_completed() {
	dev_ext().execute_with(|| {
		assert_ok!(Operators::opt_out(signed(K::DaveStash), ORACLE));
		run_to(13);
		let id = request_oracle(50);
		run_to(21);
		assert_noop!(
			Operators::complete_opt_out(signed(K::Bob), K::DaveStash.to_account_id(), ORACLE),
			pallet_operators::Error::<Runtime>::StakeCaptured
		);
		run_to(23);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_close(taken(id)[0].1, 20 * LST_UNIT);
		assert_ok!(Operators::complete_opt_out(
			signed(K::Bob),
			K::DaveStash.to_account_id(),
			ORACLE
		));
	});
}

/// Issue 17's review, finding 1 (held variant): an AVS that ejects an operator while a
/// decrease is due but held by its pending request cannot put the released stake back in
/// reach of new requests.
#[test]
fn an_ejection_cannot_re_expose_a_decrease_held_by_a_pending_slash() {
	dev_ext().execute_with(|| {
		let dave = K::DaveStash.to_account_id();
		// Block 1: the curator takes vault 0's oracle allocation from 40 % to 10 % (due at 21).
		assert_ok!(Operators::allocate(
			signed(K::Alice),
			0,
			dave.clone(),
			ORACLE,
			Perbill::from_percent(10)
		));
		run_to(13);
		let id = request_oracle(50);
		// Due, but held by the request: new requests would capture the 10 % only.
		run_to(23);
		let slashable = || {
			<Operators as restake_primitives::traits::StakeInspect<_, _>>::slashable_allocation(
				0, &dave, ORACLE,
			)
		};
		let before = slashable();
		assert_ok!(Operators::eject_operator(signed(K::Eve), ORACLE, dave.clone()));
		assert_eq!(slashable(), before, "the ejection re-exposed released stake");
		// The held decrease stays as it was; the pending request still takes its capture.
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_close(taken(id)[0].1, 20 * LST_UNIT);
	});
}

// ---- Finding 2: stake that came later is not slashed ------------------------------------

#[test]
fn deposits_and_allocation_increases_after_a_request_are_not_charged_for_it() {
	dev_ext().execute_with(|| {
		let id = request_oracle(50); // captures 40 stETH of vault 0
		run_to(2);
		// Bob doubles the vault and the curator raises the oracle allocation to 60 %.
		assert_ok!(Vaults::deposit(signed(K::Bob), 0, 100 * LST_UNIT));
		assert_ok!(Operators::allocate(
			signed(K::Alice),
			0,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::from_percent(60)
		));
		// An increase waits the vault's exit delay: it cannot even apply while the request
		// can execute.
		let request = PendingSlashes::<Runtime>::get(id).unwrap();
		assert!(pending_effective_at(0, ORACLE) > request.expires_at);
		run_to(request.executable_at);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		// 50 % of what was captured: 20 stETH, not 50 % of 60 % of 200.
		assert_close(taken(id)[0].1, 20 * LST_UNIT);
	});
}

#[test]
fn a_vault_that_joins_the_pair_after_the_request_is_not_slashed() {
	dev_ext().execute_with(|| {
		// Vault 1 (RSTK) starts joining (DaveStash, oracle) just before the request; its
		// allocation takes effect only after the vault's exit delay, past the request.
		assert_ok!(Operators::allocate(
			signed(K::Bob),
			1,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::from_percent(10)
		));
		let id = request_oracle(50);
		assert_eq!(PendingSlashes::<Runtime>::get(id).unwrap().captured.len(), 1);
		let request = PendingSlashes::<Runtime>::get(id).unwrap();
		assert!(pending_effective_at(1, ORACLE) > request.expires_at);
		run_to(request.executable_at);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_eq!(taken(id).iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![0]);
	});
}

#[test]
fn no_vault_starts_backing_a_pair_while_a_slash_of_it_is_pending() {
	dev_ext().execute_with(|| {
		let id = request_oracle(50);
		assert_noop!(
			Operators::allocate(
				signed(K::Bob),
				1,
				K::DaveStash.to_account_id(),
				ORACLE,
				Perbill::from_percent(10)
			),
			pallet_operators::Error::<Runtime>::PairUnderSlash
		);
		run_to(11);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_ok!(Operators::allocate(
			signed(K::Bob),
			1,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::from_percent(10)
		));
	});
}

// ---- Finding 3: claims frozen by any AVS, indefinitely ----------------------------------

#[test]
fn an_unexecuted_request_expires_and_holds_claims_no_longer_than_window_plus_deadline() {
	dev_ext().execute_with(|| {
		let half = charlie_shares() / 2;
		assert_ok!(Vaults::request_withdrawal(signed(K::Charlie), 0, half)); // unlocks at 21
		run_to(2);
		let id = request_oracle(10); // executable at 12, expires at 12 + deadline
		let expires_at = 12 + SlashExecutionDeadline::get();
		assert_eq!(PendingSlashes::<Runtime>::get(id).unwrap().expires_at, expires_at);
		run_to(21);
		// Captured: the withdrawal matured after the request and waits for it.
		assert_noop!(
			Vaults::claim_withdrawals(signed(K::Charlie), 0, K::Charlie.to_account_id()),
			pallet_vaults::Error::<Runtime>::SlashPending
		);
		run_to(expires_at);
		// Nobody executed it: it can no longer execute, and the claim goes through without
		// anyone cleaning up.
		assert_noop!(
			Slashing::execute_slash(signed(K::Bob), id),
			SlashingError::<Runtime>::SlashExpired
		);
		assert_ok!(Vaults::claim_withdrawals(signed(K::Charlie), 0, K::Charlie.to_account_id()));
		// Anyone may clear it from storage; its record says it expired.
		assert_ok!(Slashing::expire_slash(signed(K::Bob), id));
		assert_eq!(SlashHistory::<Runtime>::get(id).unwrap().outcome, SlashOutcome::Expired);
		assert!(PendingSlashes::<Runtime>::get(id).is_none());
	});
}

#[test]
fn withdrawals_that_matured_before_a_request_and_other_vaults_stay_claimable() {
	dev_ext().execute_with(|| {
		assert_ok!(Vaults::request_withdrawal(signed(K::Charlie), 0, charlie_shares() / 2));
		let dave_shares = <Vaults as VaultInspect<_, _>>::shares_of(1, &K::Dave.to_account_id());
		assert_ok!(Vaults::request_withdrawal(signed(K::Dave), 1, dave_shares / 2));
		run_to(25); // both matured at 21
		let _ = request_oracle(10);
		assert_ok!(Vaults::claim_withdrawals(signed(K::Charlie), 0, K::Charlie.to_account_id()));
		// Vault 1 does not back DaveStash: a slash of DaveStash does not touch it.
		assert_ok!(Vaults::claim_withdrawals(signed(K::Dave), 1, K::Dave.to_account_id()));
	});
}

#[test]
fn requests_below_the_minimum_fraction_are_refused() {
	dev_ext().execute_with(|| {
		assert_noop!(
			Slashing::request_slash(
				signed(K::Eve),
				ORACLE,
				K::DaveStash.to_account_id(),
				Perbill::from_parts(1),
				H256::zero(),
				Default::default(),
			),
			SlashingError::<Runtime>::FractionBelowMinimum
		);
	});
}

#[test]
fn slashed_funds_for_an_account_wait_in_escrow_then_reach_it_or_return_on_cancel() {
	dev_ext().execute_with(|| {
		let ferdie = K::Ferdie.to_account_id();
		let steth = |who: &crate::AccountId| crate::Assets::balance(1, who);
		let before = steth(&ferdie);
		// DA: instant, 20 %, to Ferdie. 30 % of vault 0 backs (DaveStash, DA): 30 stETH.
		let id = pallet_slashing::NextSlashId::<Runtime>::get();
		assert_ok!(Slashing::request_slash(
			signed(K::Ferdie),
			DA,
			K::DaveStash.to_account_id(),
			Perbill::from_percent(20),
			H256::zero(),
			Default::default(),
		));
		assert_close(taken(id)[0].1, 6 * LST_UNIT);
		// Executed, but the funds wait in escrow: not yet Ferdie's, no longer the vault's.
		assert_eq!(steth(&ferdie), before);
		let escrow = pallet_slashing::Escrows::<Runtime>::get(id).expect("escrowed");
		assert_noop!(
			Slashing::release_escrow(signed(K::Bob), id),
			SlashingError::<Runtime>::EscrowNotDue
		);
		run_to(escrow.release_at);
		assert_ok!(Slashing::release_escrow(signed(K::Bob), id));
		assert_close(steth(&ferdie) - before, 6 * LST_UNIT);

		// A second slash, cancelled by governance while in escrow: the vault gets it back.
		run_to(now() + 10);
		let assets_before = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().total_assets;
		let id = pallet_slashing::NextSlashId::<Runtime>::get();
		assert_ok!(Slashing::request_slash(
			signed(K::Ferdie),
			DA,
			K::DaveStash.to_account_id(),
			Perbill::from_percent(20),
			H256::zero(),
			Default::default(),
		));
		let lost = taken(id)[0].1;
		assert!(lost > 0);
		assert_noop!(
			Slashing::cancel_escrow(signed(K::Bob), id),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::cancel_escrow(RuntimeOrigin::root(), id));
		let assets_after = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().total_assets;
		assert_close(assets_after, assets_before);
	});
}

#[test]
fn a_frozen_asset_cannot_stop_a_burn_slash() {
	dev_ext().execute_with(|| {
		let id = request_oracle(50);
		// The LST's owner (Alice on the dev chain) freezes it.
		assert_ok!(crate::Assets::freeze_asset(signed(K::Alice), 1.into()));
		let supply = crate::Assets::total_supply(1);
		run_to(11);
		// Execution succeeds: the loss is booked, the burn waits in escrow.
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		let taken = taken(id)[0].1;
		assert_close(taken, 20 * LST_UNIT);
		assert_eq!(crate::Assets::total_supply(1), supply);
		assert_eq!(pallet_vaults::Escrowed::<Runtime>::get(0), taken);
		assert_noop!(
			Slashing::release_escrow(signed(K::Bob), id),
			SlashingError::<Runtime>::EscrowStuck
		);
		// The vault cannot be emptied of it meanwhile.
		assert_ok!(crate::Assets::thaw_asset(signed(K::Alice), 1.into()));
		assert_ok!(Slashing::release_escrow(signed(K::Bob), id));
		assert_eq!(supply - crate::Assets::total_supply(1), taken);
		assert_eq!(pallet_vaults::Escrowed::<Runtime>::get(0), 0);
	});
}

#[test]
fn an_escrow_whose_destination_cannot_receive_is_burnt_instead() {
	dev_ext().execute_with(|| {
		// A destination that cannot hold stETH: a fresh account without native balance, and
		// stETH not sufficient to create an account on its own. The slash must still resolve.
		let nobody: crate::AccountId = [7u8; 32].into();
		let mut policy = Policies::<Runtime>::get(DA).unwrap();
		policy.destination = SlashDestination::Account(nobody.clone());
		Policies::<Runtime>::insert(DA, policy);
		polkadot_sdk::pallet_assets::Asset::<Runtime>::mutate(1, |a| {
			a.as_mut().expect("stETH is listed").is_sufficient = false
		});
		let id = pallet_slashing::NextSlashId::<Runtime>::get();
		assert_ok!(Slashing::request_slash(
			signed(K::Ferdie),
			DA,
			K::DaveStash.to_account_id(),
			Perbill::from_percent(20),
			H256::zero(),
			Default::default(),
		));
		let supply = crate::Assets::total_supply(1);
		run_to(pallet_slashing::Escrows::<Runtime>::get(id).unwrap().release_at);
		assert_ok!(Slashing::release_escrow(signed(K::Bob), id));
		assert_eq!(crate::Assets::balance(1, &nobody), 0);
		assert_close(supply - crate::Assets::total_supply(1), 6 * LST_UNIT);
		assert!(pallet_slashing::Escrows::<Runtime>::get(id).is_none());
	});
}

// ---- Finding 4: risk-raising changes outrun exits ----------------------------------------

/// A vault whose holders need `delay` blocks to leave.
fn slow_vault(delay: u32) -> u32 {
	let id = pallet_vaults::NextVaultId::<Runtime>::get();
	assert_ok!(Vaults::create_vault(
		signed(K::Bob),
		polkadot_sdk::frame_support::traits::fungible::NativeOrWithId::WithId(1),
		pallet_vaults::VaultParams {
			deposit_cap: u128::MAX,
			min_deposit: 1,
			withdrawal_delay: delay,
			curator_fee: Perbill::zero(),
		},
		b"slow".to_vec().try_into().unwrap(),
		b"slow".to_vec().try_into().unwrap(),
		18,
	));
	id
}

#[test]
fn risk_raising_changes_wait_longer_than_the_slowest_exit_of_the_stake_they_affect() {
	dev_ext().execute_with(|| {
		let delay = 500;
		let vault = slow_vault(delay);
		// An allocation increase of the slow vault waits for its holders' exit.
		pallet_vaults::Vaults::<Runtime>::mutate(vault, |v| {
			let _ = v.as_mut().unwrap().allowed_avs.try_insert(ORACLE, 0);
		});
		assert_ok!(Vaults::deposit(signed(K::Bob), vault, LST_UNIT));
		assert_ok!(Operators::allocate(
			signed(K::Bob),
			vault,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::from_percent(10)
		));
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
		let policy = SlashPolicy {
			veto_window: None,
			max_fraction_per_incident: Perbill::one(),
			max_fraction_per_epoch: Perbill::one(),
			cooldown: 0,
			destination: SlashDestination::Account(K::Eve.to_account_id()),
			status: PolicyStatus::Enabled,
		};
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, policy.clone()));
		let (_, effective_at) = PendingPolicies::<Runtime>::get(ORACLE).unwrap();
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
		let (_, effective_at) = PendingPolicies::<Runtime>::get(DA).unwrap();
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
		pallet_vaults::Vaults::<Runtime>::mutate(vault, |v| {
			let _ = v.as_mut().unwrap().allowed_avs.try_insert(ORACLE, 0);
		});
		assert_ok!(Vaults::deposit(signed(K::Charlie), vault, 100 * LST_UNIT));
		assert_ok!(Operators::allocate(
			signed(K::Bob),
			vault,
			K::DaveStash.to_account_id(),
			ORACLE,
			Perbill::from_percent(40)
		));
		run_to(pending_effective_at(vault, ORACLE));
		assert_ok!(Operators::settle_allocation(
			signed(K::Bob),
			vault,
			K::DaveStash.to_account_id(),
			ORACLE
		));
		// The oracle's owner announces instant, 100 %, to Eve; Charlie leaves at once.
		let risky = SlashPolicy {
			veto_window: None,
			max_fraction_per_incident: Perbill::one(),
			max_fraction_per_epoch: Perbill::one(),
			cooldown: 0,
			destination: SlashDestination::Account(K::Eve.to_account_id()),
			status: PolicyStatus::Enabled,
		};
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, risky));
		let (_, effective_at) = PendingPolicies::<Runtime>::get(ORACLE).unwrap();
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
			Vaults::claim_withdrawals(signed(K::Charlie), vault, K::Charlie.to_account_id()),
			pallet_vaults::Error::<Runtime>::SlashPending
		);
		// The hold ends before the riskier policy can apply, and he leaves whole.
		assert!(expires_at < effective_at, "hold until {expires_at}, policy at {effective_at}");
		run_to(expires_at);
		let before = crate::Assets::balance(1, K::Charlie.to_account_id());
		assert_ok!(Vaults::claim_withdrawals(
			signed(K::Charlie),
			vault,
			K::Charlie.to_account_id()
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
			Vaults::create_vault(
				signed(K::Bob),
				polkadot_sdk::frame_support::traits::fungible::NativeOrWithId::WithId(1),
				pallet_vaults::VaultParams {
					deposit_cap: u128::MAX,
					min_deposit: 1,
					withdrawal_delay: too_long,
					curator_fee: Perbill::zero(),
				},
				b"slow".to_vec().try_into().unwrap(),
				b"slow".to_vec().try_into().unwrap(),
				18,
			),
			pallet_vaults::Error::<Runtime>::WithdrawalDelayTooLong
		);
	});
}

// ---- Finding 5: a weak kill switch -------------------------------------------------------

#[test]
fn disabling_a_policy_voids_its_pending_requests() {
	dev_ext().execute_with(|| {
		let id = request_oracle(50);
		let mut policy = Policies::<Runtime>::get(ORACLE).unwrap();
		policy.status = PolicyStatus::Disabled;
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, policy));
		assert!(PendingSlashes::<Runtime>::get(id).is_none());
		assert_eq!(SlashHistory::<Runtime>::get(id).unwrap().outcome, SlashOutcome::Voided);
		run_to(11);
		assert_noop!(
			Slashing::execute_slash(signed(K::Bob), id),
			SlashingError::<Runtime>::SlashNotFound
		);
	});
}

#[test]
fn a_deregistered_avs_slashes_only_within_its_exit_window() {
	dev_ext().execute_with(|| {
		assert_ok!(Operators::deregister_avs(signed(K::Eve), ORACLE));
		run_to(1 + DeallocationDelay::get() - 1);
		let _ = request_oracle(10); // an incident inside the window
		run_to(1 + DeallocationDelay::get() + MaxVetoWindow::get());
		assert_noop!(
			Slashing::request_slash(
				signed(K::Eve),
				ORACLE,
				K::DaveStash.to_account_id(),
				Perbill::from_percent(10),
				H256::zero(),
				Default::default(),
			),
			SlashingError::<Runtime>::AvsDeregistered
		);
	});
}

#[test]
fn the_epoch_cap_is_a_rolling_window() {
	dev_ext().execute_with(|| {
		let mut policy = Policies::<Runtime>::get(DA).unwrap();
		policy.max_fraction_per_incident = Perbill::from_percent(20);
		policy.max_fraction_per_epoch = Perbill::from_percent(20);
		policy.cooldown = 0;
		Policies::<Runtime>::insert(DA, policy);
		let request = || {
			Slashing::request_slash(
				signed(K::Ferdie),
				DA,
				K::DaveStash.to_account_id(),
				Perbill::from_percent(20),
				H256::zero(),
				Default::default(),
			)
		};
		let epoch = SlashingEpoch::get();
		run_to(epoch - 1);
		assert_ok!(request());
		// Across the epoch boundary, one block later: still inside the rolling window.
		run_to(epoch + 1);
		assert_noop!(request(), SlashingError::<Runtime>::SlashExceedsEpochCap);
		run_to(2 * epoch - 1);
		assert_ok!(request());
	});
}

// ---- Finding 6: under-charged weight -----------------------------------------------------

#[test]
fn request_slash_is_charged_for_its_instant_path() {
	use pallet_slashing::WeightInfo;
	type W = <Runtime as pallet_slashing::Config>::WeightInfo;
	let n = <Runtime as pallet_slashing::Config>::MaxVaultsPerSlash::get();
	let call = RuntimeCall::Slashing(pallet_slashing::Call::request_slash {
		avs: DA,
		operator: K::DaveStash.to_account_id(),
		fraction: Perbill::from_percent(10),
		evidence: H256::zero(),
		reason: Default::default(),
	});
	let declared = call.get_dispatch_info().call_weight;
	let observer =
		<crate::Lrt2 as restake_primitives::traits::OnStakeChanged>::on_stake_changed_weight();
	let instant = W::request_slash_instant(n).saturating_add(observer.saturating_mul(n.into()));
	assert!(declared.all_gte(instant), "declared {declared:?} < instant path {instant:?}");
	assert!(declared.all_gte(W::request_slash(n)));
}
