//! Findings 1 and 2: no escape from a slash by timing (a deallocation, an opt-out or an
//! ejection under way), and no charge for stake that came after the request.

use super::*;

// ---- Finding 1: escape by timing ---------------------------------------------------------

#[test]
fn a_deallocation_under_way_cannot_escape_a_slash_requested_before_it_took_effect() {
	dev_ext().execute_with(|| {
		// Block 1: the curator winds vault 0's oracle allocation down (due at 21).
		assert_ok!(allocate(K::Alice, 0, K::DaveStash, ORACLE, Perbill::zero()));
		// Block 13: the incident is reported. 40 % of 100 stETH is slashable now.
		run_to(13);
		let id = request_oracle(50);
		// The deallocation is due at 21, but the stake it frees was captured: it stays.
		run_to(23);
		assert_noop!(
			Operators::settle_allocation(
				signed(K::Bob),
				0,
				K::DaveStash.to_account_id().into(),
				ORACLE
			),
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
			K::DaveStash.to_account_id().into(),
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
			Operators::complete_opt_out(
				signed(K::Bob),
				K::DaveStash.to_account_id().into(),
				ORACLE
			),
			pallet_operators::Error::<Runtime>::StakeCaptured
		);
		run_to(23);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_close(taken(id)[0].1, 20 * LST_UNIT);
		assert_ok!(Operators::complete_opt_out(
			signed(K::Bob),
			K::DaveStash.to_account_id().into(),
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
		assert_ok!(allocate(K::Alice, 0, K::DaveStash, ORACLE, Perbill::from_percent(10)));
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
		assert_ok!(Operators::eject_operator(signed(K::Eve), ORACLE, dave.clone().into()));
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
		assert_ok!(allocate(K::Alice, 0, K::DaveStash, ORACLE, Perbill::from_percent(60)));
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
		assert_ok!(allocate(K::Bob, 1, K::DaveStash, ORACLE, Perbill::from_percent(10)));
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
			allocate(K::Bob, 1, K::DaveStash, ORACLE, Perbill::from_percent(10)),
			pallet_operators::Error::<Runtime>::PairUnderSlash
		);
		run_to(11);
		assert_ok!(Slashing::execute_slash(signed(K::Bob), id));
		assert_ok!(allocate(K::Bob, 1, K::DaveStash, ORACLE, Perbill::from_percent(10)));
	});
}
