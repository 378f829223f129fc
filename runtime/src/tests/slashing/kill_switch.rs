//! Findings 5 and 6: a policy's kill switch voids its pending requests, a deregistered AVS
//! slashes only within its exit window, the epoch cap is a rolling window, and a request is
//! charged for its instant path.

use super::*;

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
			request_slash(K::Eve, ORACLE, K::DaveStash, Perbill::from_percent(10), 0, b""),
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
		let request =
			|| request_slash(K::Ferdie, DA, K::DaveStash, Perbill::from_percent(20), 0, b"");
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
		operator: K::DaveStash.to_account_id().into(),
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
