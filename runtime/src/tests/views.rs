//! The risk and yield views (issue 21) on the `development` genesis, checked against values
//! computed by hand from the genesis constants:
//!
//! - vault 0: Charlie's 100 stETH (LRT with 21 decimals: 100 whole LRT), 40 % allocated to
//!   (DaveStash, oracle), 30 % to (DaveStash, DA); vault 1: Dave's 1 000 RSTK (LRT with 15
//!   decimals: 1 000 LRT), 50 % to (EveStash, oracle);
//! - the oracle weighs stETH 1.0 and RSTK 0.5; its policy is vetoable (10 blocks), 50 % per
//!   incident, 100 % per epoch, burnt; the DA's is instant, 20 % per incident, 50 % per epoch,
//!   5 blocks apart, to Ferdie;
//! - the oracle streams 1 000 stETH over 28 800 blocks (one day) from block 0; DaveStash takes
//!   10 % commission, EveStash 5 %; vault 0's "rstETH Season 1" gives 10 points per stETH per
//!   block, the DA's programme 1 point per weighted stETH per block.

use super::{
	dev_ext,
	fixtures::{instant_full_policy, request_slash, signed, DA, ORACLE},
};
use crate::{
	genesis_config_presets::{LST_MIN_BALANCE, LST_UNIT},
	views, Runtime, Slashing, System, UNIT,
};
use polkadot_sdk::{
	frame_support::assert_ok, sp_keyring::Sr25519Keyring as K, sp_runtime::Perbill,
};
use restake_primitives::views::{
	Amount, OptInView, PolicyStatusView, RewardKind, SlashEventKind, SlashEventView,
	SlashOutcomeView, VaultAmount,
};

/// The oracle's weighted stake: vault 0's 40 stETH at 1.0 plus vault 1's 500 RSTK at 0.5.
const ORACLE_WEIGHT: u128 = 40 * LST_UNIT + 250 * UNIT;
/// What the oracle stream pays in block 2: `⌊2 × 10^21 / 28 800⌋ − ⌊10^21 / 28 800⌋`.
const STREAM_STEP: u128 = 34_722_222_222_222_222;

/// The slashing events of `slasher`'s request of `percent` % of DaveStash to `avs` (with the
/// evidence `[evidence; 32]` and `reason`), read in the block of the request.
fn slash_events_of(
	slasher: K,
	avs: u32,
	percent: u32,
	evidence: u8,
	reason: &[u8],
) -> Vec<SlashEventView<crate::AccountId>> {
	System::reset_events();
	assert_ok!(request_slash(
		slasher,
		avs,
		K::DaveStash,
		Perbill::from_percent(percent),
		evidence,
		reason
	));
	views::slash_events()
}

#[test]
fn vault_profile_shows_exposure_worst_case_and_rates() {
	dev_ext().execute_with(|| {
		let p = views::vault_profile(0).expect("vault 0 exists");
		assert_eq!((p.asset_id, p.lrt_decimals), (Some(1), 21));
		assert_eq!(p.total_assets, Amount(100 * LST_UNIT));
		assert_eq!(p.total_shares, Amount(100 * 10u128.pow(21)));
		assert_eq!(p.assets_per_lrt, Amount(LST_UNIT));
		assert_eq!((p.curator_fee_ppb, p.withdrawal_delay, p.paused), (100_000_000, 20, false));

		// Two exposures, both to DaveStash: 40 stETH to the oracle, 30 stETH to the DA.
		assert_eq!(p.exposures.len(), 2);
		let oracle = p.exposures.iter().find(|e| e.avs == ORACLE).unwrap();
		let da = p.exposures.iter().find(|e| e.avs == DA).unwrap();
		assert_eq!(oracle.operator, K::DaveStash.to_account_id());
		assert_eq!(
			(oracle.stake, oracle.slashable),
			(Amount(40 * LST_UNIT), Amount(40 * LST_UNIT))
		);
		assert_eq!((da.stake, da.weight), (Amount(30 * LST_UNIT), Amount(30 * LST_UNIT)));
		assert_eq!(oracle.commission_ppb, 100_000_000);
		let policy = oracle.policy.as_ref().unwrap();
		assert_eq!(policy.veto_window, Some(10));
		assert_eq!(
			(policy.max_per_incident_ppb, policy.max_per_epoch_ppb),
			(500_000_000, 1_000_000_000)
		);
		assert_eq!((policy.destination.clone(), policy.status), (None, PolicyStatusView::Enabled));
		let da_policy = da.policy.as_ref().unwrap();
		assert_eq!(da_policy.veto_window, None);
		assert_eq!(da_policy.destination, Some(K::Ferdie.to_account_id()));
		// Oracle: 50 % / 100 % of 40; DA: 20 % / 50 % of 30.
		assert_eq!(
			(oracle.worst_loss_per_incident, oracle.worst_loss_per_epoch),
			(Amount(20 * LST_UNIT), Amount(40 * LST_UNIT))
		);
		assert_eq!(
			(da.worst_loss_per_incident, da.worst_loss_per_epoch),
			(Amount(6 * LST_UNIT), Amount(15 * LST_UNIT))
		);
		assert_eq!(p.worst_loss_per_incident, Amount(26 * LST_UNIT));
		assert_eq!(p.worst_loss_per_epoch, Amount(55 * LST_UNIT));

		// The oracle stream: vault 0's share of the oracle's weight, less 10 % commission.
		let to_pair = STREAM_STEP * (40 * LST_UNIT) / ORACLE_WEIGHT;
		let per_block = to_pair - to_pair / 10;
		assert_eq!(per_block, 31_249_804_688_720_695);
		assert_eq!(p.reward_rates.len(), 1);
		let rate = &p.reward_rates[0];
		assert_eq!((rate.kind, rate.avs, rate.asset_id), (RewardKind::Avs, Some(ORACLE), Some(1)));
		assert_eq!(rate.per_block, Amount(per_block));
		// 28 800 blocks a day over 100 LRT.
		assert_eq!(rate.per_lrt_per_day, Amount(per_block * 28_800 / 100));
		assert_eq!(rate.per_lrt_per_year, Amount(per_block * 28_800 * 365 / 100));
		// Paid in stETH, the vault's asset: an APR over its 100 stETH.
		assert_eq!(
			rate.apr_ppb,
			Some(Amount(per_block * 28_800 * 365 * 1_000_000_000 / (100 * LST_UNIT)))
		);
		// It pays until the stream's last block what is left of it (after block 1), in the
		// same share.
		let left_to_pair =
			polkadot_sdk::sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
				1_000 * LST_UNIT - STREAM_STEP,
				40 * LST_UNIT,
				ORACLE_WEIGHT,
				polkadot_sdk::sp_runtime::Rounding::Down,
			)
			.unwrap();
		assert_eq!(
			(rate.until, rate.remaining),
			(28_800, Amount(left_to_pair - left_to_pair / 10))
		);

		// Season 1: 10 points per stETH per block on 100 stETH; the DA: 1 per weighted stETH on 30.
		let points: Vec<_> = p
			.points_rates
			.iter()
			.map(|r| (r.programme, r.per_block, r.per_lrt_per_day))
			.collect();
		assert_eq!(
			points,
			vec![(0, Amount(1_000), Amount(1_000 * 288)), (1, Amount(30), Amount(30 * 288))]
		);
		assert_eq!(p.points_rates[0].name.0, b"rstETH Season 1".to_vec());
		assert!(p.pending_slashes.is_empty());
		assert_eq!(p.operators_slash_record.settled, 0);

		// Vault 1: RSTK earns the oracle's stETH (no APR: another asset), no points.
		let p = views::vault_profile(1).expect("vault 1 exists");
		assert_eq!(p.exposures.len(), 1);
		assert_eq!(p.exposures[0].weight, Amount(250 * UNIT));
		assert_eq!(p.worst_loss_per_incident, Amount(250 * UNIT));
		assert_eq!(p.worst_loss_per_epoch, Amount(500 * UNIT));
		let to_pair = STREAM_STEP * (250 * UNIT) / ORACLE_WEIGHT;
		let per_block = to_pair - to_pair / 20;
		assert_eq!(p.reward_rates.len(), 1);
		assert_eq!(p.reward_rates[0].per_block, Amount(per_block));
		assert_eq!(p.reward_rates[0].per_lrt_per_day, Amount(per_block * 28_800 / 1_000));
		assert_eq!(p.reward_rates[0].apr_ppb, None);
		assert!(p.points_rates.is_empty());

		assert_eq!(views::vault_profile(2), None);
	});
}

#[test]
fn operator_and_avs_profiles_show_stake_and_concentration() {
	dev_ext().execute_with(|| {
		let op = views::operator_profile(K::DaveStash.to_account_id()).expect("registered");
		assert_eq!((op.name.0.as_slice(), op.commission_ppb), (&b"Operator A"[..], 100_000_000));
		let by_avs: Vec<_> = op.avss.iter().map(|a| (a.avs, a.status, a.weighted_stake)).collect();
		assert_eq!(
			by_avs,
			vec![
				(ORACLE, OptInView::Active, Amount(40 * LST_UNIT)),
				(DA, OptInView::Active, Amount(30 * LST_UNIT))
			]
		);
		assert_eq!(op.avss[0].vaults[0].vault, 0);
		assert_eq!(op.avss[0].vaults[0].stake, Amount(40 * LST_UNIT));
		assert!(op.leaving.is_empty() && op.pending_slashes.is_empty());
		assert_eq!(views::operator_profile(K::Alice.to_account_id()), None);

		// The oracle: DaveStash holds 40 of 40.00025 (weighted), EveStash 0.00025.
		let avs = views::avs_profile(ORACLE).expect("registered");
		assert_eq!(avs.total_weighted_stake, Amount(ORACLE_WEIGHT));
		assert_eq!(avs.operators[0].operator, K::DaveStash.to_account_id());
		let shares: Vec<_> = avs.operators.iter().map(|o| o.share_ppb).collect();
		// ⌊40 / 40.00025 × 10^9⌋ and ⌊0.00025 / 40.00025 × 10^9⌋.
		assert_eq!(shares, vec![999_993_750, 6_249]);
		assert_eq!(avs.largest_share_ppb, 999_993_750);
		// ⌊999 993 750² / 10^9⌋ + ⌊6 249² / 10^9⌋.
		assert_eq!(avs.herfindahl_ppb, 999_987_500);
		assert_eq!(avs.streams.len(), 1);
		assert_eq!(avs.streams[0].amount, Amount(1_000 * LST_UNIT));
		assert_eq!(avs.streams[0].per_block, Amount(STREAM_STEP));
		assert_eq!((avs.streams[0].start, avs.streams[0].end), (0, 28_800));
		assert_eq!(avs.resolver, Some(K::Ferdie.to_account_id()));

		let da = views::avs_profile(DA).expect("registered");
		assert_eq!((da.largest_share_ppb, da.herfindahl_ppb), (1_000_000_000, 1_000_000_000));
		assert!(da.streams.is_empty());
		assert_eq!(views::avs_profile(2), None);
	});
}

#[test]
fn market_pages_are_bounded_and_chain() {
	dev_ext().execute_with(|| {
		let page = views::vault_profiles(0, 1);
		assert_eq!((page.items.len(), page.items[0].vault, page.next), (1, 0, Some(1)));
		let page = views::vault_profiles(1, 1);
		assert_eq!((page.items[0].vault, page.next), (1, None));
		// A limit above the maximum is capped, zero reads one.
		assert_eq!(views::vault_profiles(0, u32::MAX).items.len(), 2);
		assert_eq!(views::vault_profiles(0, 0).items.len(), 1);
		assert!(views::vault_profiles(7, 16).items.is_empty());
		assert_eq!(views::avs_profiles(0, 16).items.len(), 2);

		let first = views::operator_profiles(None, 1);
		let second = views::operator_profiles(first.next.clone(), 1);
		assert_eq!((first.items.len(), second.items.len(), second.next), (1, 1, None));
		assert_ne!(first.items[0].operator, second.items[0].operator);
		let all = views::operator_profiles(None, 16);
		assert_eq!(all.items.len(), 2);
		assert_eq!(all.next, None);
	});
}

#[test]
fn a_slash_shows_in_events_profiles_and_gauges() {
	dev_ext().execute_with(|| {
		let gauges = views::monitor();
		assert_eq!(gauges.vaults.len(), 2);
		assert_eq!(gauges.vaults[0].total_assets, 100 * LST_UNIT);
		assert_eq!(gauges.vaults[1].assets_per_lrt, UNIT);
		assert_eq!(gauges.streams.len(), 1);
		// The stream's first block is paid out; the ledger holds what it owes (and the
		// minimum balance that keeps its stETH account alive).
		assert_eq!(gauges.streams[0].remaining, 1_000 * LST_UNIT - 34_722_222_222_222_222);
		let steth = gauges.ledger.iter().find(|l| l.asset_id == Some(1)).unwrap();
		assert_eq!(
			(steth.held, steth.outstanding),
			(1_000 * LST_UNIT + LST_MIN_BALANCE, 1_000 * LST_UNIT)
		);

		// A vetoable oracle request captures vault 0's 40 stETH and shows as pending.
		let events = slash_events_of(K::Eve, ORACLE, 10, 1, b"late");
		assert_eq!(events.len(), 1);
		assert_eq!(
			(events[0].kind, events[0].id, events[0].avs),
			(SlashEventKind::Requested, 0, ORACLE)
		);
		assert_eq!(events[0].vaults, vec![VaultAmount { vault: 0, amount: Amount(40 * LST_UNIT) }]);
		let pending = views::vault_profile(0).unwrap().pending_slashes;
		assert_eq!(
			(pending.len(), pending[0].fraction_ppb, pending[0].executable_at),
			(1, 100_000_000, 11)
		);
		let gauges = views::monitor();
		assert_eq!(gauges.pending_by_avs, vec![(ORACLE, 1)]);
		assert_eq!(gauges.pending_by_operator, vec![(K::DaveStash.to_account_id(), 1)]);
		assert_eq!(
			views::operator_profile(K::DaveStash.to_account_id())
				.unwrap()
				.pending_slashes
				.len(),
			1
		);
		assert_eq!(views::avs_profile(ORACLE).unwrap().pending_slashes.len(), 1);

		// Ferdie vetoes it: the event names the AVS and operator from the record.
		System::reset_events();
		assert_ok!(Slashing::veto_slash(signed(K::Ferdie), 0));
		let events = views::slash_events();
		assert_eq!(events.len(), 1);
		assert_eq!(
			(events[0].kind, events[0].operator.clone()),
			(SlashEventKind::Vetoed, K::DaveStash.to_account_id())
		);

		// An instant DA slash of 10 % takes 3 of vault 0's 30 DA stETH at once.
		System::set_block_number(20);
		System::reset_events();
		assert_ok!(request_slash(
			K::Ferdie,
			DA,
			K::DaveStash,
			Perbill::from_percent(10),
			2,
			b"withheld"
		));
		let kinds: Vec<_> = views::slash_events().iter().map(|e| e.kind).collect();
		assert_eq!(kinds, vec![SlashEventKind::Requested, SlashEventKind::Executed]);
		let executed = views::slash_events().pop().unwrap();
		assert_eq!((executed.id, executed.fraction_ppb), (1, 100_000_000));
		assert_eq!(executed.vaults, vec![VaultAmount { vault: 0, amount: Amount(3 * LST_UNIT) }]);

		let p = views::vault_profile(0).unwrap();
		assert_eq!(p.total_assets, Amount(97 * LST_UNIT));
		let record = &p.operators_slash_record;
		assert_eq!((record.settled, record.executed, record.vetoed), (2, 1, 1));
		assert_eq!(record.executed_fraction_ppb, 100_000_000);
		assert_eq!(record.latest[0].outcome, SlashOutcomeView::Executed);
		assert_eq!(record.latest[0].taken, executed.vaults);
		assert_eq!(views::avs_profile(DA).unwrap().slash_record.executed, 1);
		assert_eq!(views::avs_profile(ORACLE).unwrap().slash_record.vetoed, 1);
		assert_eq!(views::monitor().vaults[0].total_assets, 97 * LST_UNIT);
		assert!(views::monitor().pending_by_avs.is_empty());
	});
}

#[test]
fn a_scheduled_allocation_change_shows_with_its_stake_and_block() {
	dev_ext().execute_with(|| {
		// Alice, vault 0's curator, raises the oracle allocation to 60 % and lowers the DA's
		// to 10 %: the first waits for the allocation delay, the second stays slashable
		// until the deallocation delay.
		let alice = signed(K::Alice);
		let op = K::DaveStash.to_account_id();
		assert_ok!(crate::Operators::allocate(
			alice.clone(),
			0,
			op.clone().into(),
			ORACLE,
			Perbill::from_percent(60)
		));
		assert_ok!(crate::Operators::allocate(alice, 0, op.into(), DA, Perbill::from_percent(10)));
		let p = views::vault_profile(0).unwrap();
		let oracle = p.exposures.iter().find(|e| e.avs == ORACLE).unwrap();
		let da = p.exposures.iter().find(|e| e.avs == DA).unwrap();
		let (up, down) = (oracle.pending.unwrap(), da.pending.unwrap());
		assert_eq!(up.stake, Amount(60 * LST_UNIT));
		assert!(up.from > System::block_number());
		assert_eq!(down.stake, Amount(10 * LST_UNIT));
		// Until then the stake in force and at risk is unchanged: 40 and 30.
		assert_eq!((oracle.stake, da.slashable), (Amount(40 * LST_UNIT), Amount(30 * LST_UNIT)));
		assert_eq!(p.worst_loss_per_incident, Amount(26 * LST_UNIT));
		System::set_block_number(up.from.max(down.from));
		let p = views::vault_profile(0).unwrap();
		assert!(p.exposures.iter().all(|e| e.pending.is_none()));
		// 50 % of 60 + 20 % of 10.
		assert_eq!(p.worst_loss_per_incident, Amount(32 * LST_UNIT));
	});
}

#[test]
fn scheduled_risk_shows_before_it_applies() {
	use restake_primitives::SlashDestination;
	dev_ext().execute_with(|| {
		// The DA's owner schedules an instant 100 % policy; the curator raises vault 0's DA
		// allocation to 60 %. Neither applies yet: the worst case now is unchanged.
		let policy = instant_full_policy(SlashDestination::Account(K::Ferdie.to_account_id()));
		assert_ok!(Slashing::set_policy(signed(K::Ferdie), DA, policy));
		assert_ok!(crate::Operators::allocate(
			signed(K::Alice),
			0,
			K::DaveStash.to_account_id().into(),
			DA,
			Perbill::from_percent(60),
		));
		let p = views::vault_profile(0).unwrap();
		assert_eq!(
			(p.worst_loss_per_incident, p.worst_loss_per_epoch),
			(Amount(26 * LST_UNIT), Amount(55 * LST_UNIT))
		);
		let da = p.exposures.iter().find(|e| e.avs == DA).unwrap();
		let scheduled = da.pending_policy.as_ref().expect("the riskier policy waits");
		assert_eq!(scheduled.policy.max_per_incident_ppb, 1_000_000_000);
		assert!(scheduled.from > System::block_number());
		// Once both apply: 100 % of 60 from the DA, 50 % (100 % per epoch) of 40 from the oracle.
		assert_eq!(da.scheduled_worst_loss_per_incident, Amount(60 * LST_UNIT));
		assert_eq!(p.scheduled_worst_loss_per_incident, Amount(80 * LST_UNIT));
		assert_eq!(p.scheduled_worst_loss_per_epoch, Amount(100 * LST_UNIT));
	});
}

#[test]
fn the_fee_in_force_shows_once_a_scheduled_rise_is_due() {
	dev_ext().execute_with(|| {
		assert_ok!(crate::Vaults::set_curator_fee(signed(K::Alice), 0, Perbill::from_percent(20),));
		let p = views::vault_profile(0).unwrap();
		let pending = p.pending_curator_fee.expect("a rise waits");
		assert_eq!((p.curator_fee_ppb, pending.ppb), (100_000_000, 200_000_000));
		// Due but not yet stored (nothing touched the vault): the profile shows it in force.
		System::set_block_number(pending.from);
		let p = views::vault_profile(0).unwrap();
		assert_eq!((p.curator_fee_ppb, p.pending_curator_fee), (200_000_000, None));
	});
}

#[test]
fn a_request_settled_in_its_block_names_the_vaults_it_captured() {
	use pallet_slashing::PolicyStatus;
	dev_ext().execute_with(|| {
		// The oracle turns log-only (less risky: at once); a request is logged in its block.
		let mut policy = pallet_slashing::Policies::<Runtime>::get(ORACLE).unwrap();
		policy.status = PolicyStatus::LogOnly;
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, policy));
		let events = slash_events_of(K::Eve, ORACLE, 10, 3, b"dry run");
		let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
		assert_eq!(kinds, vec![SlashEventKind::Requested, SlashEventKind::Logged]);
		let captured = vec![VaultAmount { vault: 0, amount: Amount(40 * LST_UNIT) }];
		assert_eq!((&events[0].vaults, &events[1].vaults), (&captured, &captured));
		// A log-only policy cannot take anything: no worst case from the oracle.
		let p = views::vault_profile(0).unwrap();
		assert_eq!(p.worst_loss_per_incident, Amount(6 * LST_UNIT));
	});
}

#[test]
fn a_riskier_policy_before_a_decrease_counts_the_stake_still_slashable() {
	use restake_primitives::SlashDestination;
	dev_ext().execute_with(|| {
		// The oracle's owner schedules an instant 100 % policy; the curator lowers the oracle
		// allocation to 10 %. If the policy applies first, the 40 stETH still slashable until
		// the decrease is all at risk.
		let policy = instant_full_policy(SlashDestination::Burn);
		assert_ok!(Slashing::set_policy(signed(K::Eve), ORACLE, policy));
		// The decrease is asked for later, so it lands after the policy.
		System::set_block_number(50);
		assert_ok!(crate::Operators::allocate(
			signed(K::Alice),
			0,
			K::DaveStash.to_account_id().into(),
			ORACLE,
			Perbill::from_percent(10),
		));
		let p = views::vault_profile(0).unwrap();
		let oracle = p.exposures.iter().find(|e| e.avs == ORACLE).unwrap();
		let (policy_from, decrease_from) =
			(oracle.pending_policy.as_ref().unwrap().from, oracle.pending.unwrap().from);
		assert!(
			policy_from < decrease_from,
			"the policy applies first ({policy_from} < {decrease_from})"
		);
		assert_eq!(oracle.scheduled_worst_loss_per_incident, Amount(40 * LST_UNIT));
		// And never below what the profile shows once the policy is in force.
		System::set_block_number(policy_from);
		let later = views::vault_profile(0).unwrap();
		let oracle_later = later.exposures.iter().find(|e| e.avs == ORACLE).unwrap();
		assert!(oracle.scheduled_worst_loss_per_incident >= oracle_later.worst_loss_per_incident);
	});
}
