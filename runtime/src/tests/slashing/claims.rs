//! Finding 3: claims frozen by any AVS, indefinitely — requests expire, matured withdrawals
//! and other vaults stay claimable, and slashed funds reach their destination through an
//! escrow that a frozen asset or a destination that cannot receive does not block.

use super::*;

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
			Vaults::claim_withdrawals(signed(K::Charlie), 0, K::Charlie.to_account_id().into()),
			pallet_vaults::Error::<Runtime>::SlashPending
		);
		run_to(expires_at);
		// Nobody executed it: it can no longer execute, and the claim goes through without
		// anyone cleaning up.
		assert_noop!(
			Slashing::execute_slash(signed(K::Bob), id),
			SlashingError::<Runtime>::SlashExpired
		);
		assert_ok!(Vaults::claim_withdrawals(
			signed(K::Charlie),
			0,
			K::Charlie.to_account_id().into()
		));
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
		assert_ok!(Vaults::claim_withdrawals(
			signed(K::Charlie),
			0,
			K::Charlie.to_account_id().into()
		));
		// Vault 1 does not back DaveStash: a slash of DaveStash does not touch it.
		assert_ok!(Vaults::claim_withdrawals(signed(K::Dave), 1, K::Dave.to_account_id().into()));
	});
}

#[test]
fn requests_below_the_minimum_fraction_are_refused() {
	dev_ext().execute_with(|| {
		assert_noop!(
			request_slash(K::Eve, ORACLE, K::DaveStash, Perbill::from_parts(1), 0, b""),
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
		assert_ok!(request_slash(K::Ferdie, DA, K::DaveStash, Perbill::from_percent(20), 0, b""));
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
		assert_ok!(request_slash(K::Ferdie, DA, K::DaveStash, Perbill::from_percent(20), 0, b""));
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
		assert_ok!(request_slash(K::Ferdie, DA, K::DaveStash, Perbill::from_percent(20), 0, b""));
		let supply = crate::Assets::total_supply(1);
		run_to(pallet_slashing::Escrows::<Runtime>::get(id).unwrap().release_at);
		assert_ok!(Slashing::release_escrow(signed(K::Bob), id));
		assert_eq!(crate::Assets::balance(1, &nobody), 0);
		assert_close(supply - crate::Assets::total_supply(1), 6 * LST_UNIT);
		assert!(pallet_slashing::Escrows::<Runtime>::get(id).is_none());
	});
}

/// A known limit (docs/design.md): a matured withdrawal whose claim one request holds stays in
/// the vault's pooled queue, so a slash another request executes during that hold reaches it
/// too. The hold lasts at most veto window + execution deadline past its unlock.
#[test]
fn a_withdrawal_held_by_one_request_shares_a_slash_another_executes_meanwhile() {
	dev_ext().execute_with(|| {
		let charlie = K::Charlie.to_account_id();
		assert_ok!(Vaults::request_withdrawal(signed(K::Charlie), 0, charlie_shares() / 2)); // unlocks at 21
		run_to(2);
		let held_by = request_oracle(10);
		run_to(21);
		assert_noop!(
			Vaults::claim_withdrawals(signed(K::Charlie), 0, charlie.clone().into()),
			pallet_vaults::Error::<Runtime>::SlashPending
		);
		let payable = || Vaults::pending_withdrawals(0, charlie.clone())[0].payable_now;
		let before = payable();
		// The DA's instant slash of (DaveStash, DA) executes while the Oracle's request holds
		// the claim: the queue loses its pro-rata part.
		assert_ok!(request_slash(K::Ferdie, DA, K::DaveStash, Perbill::from_percent(20), 0, b""));
		let after = payable();
		assert!(after < before, "the held withdrawal shared the slash: {before} -> {after}");
		// Once the holding request expires, the claim pays the slashed value.
		run_to(PendingSlashes::<Runtime>::get(held_by).unwrap().expires_at);
		let steth = || crate::Assets::balance(1, &charlie);
		let balance = steth();
		assert_ok!(Vaults::claim_withdrawals(signed(K::Charlie), 0, charlie.clone().into()));
		assert_eq!(steth(), balance + after);
	});
}
