use super::*;
use crate::{PendingPolicies, Policies};

#[test]
fn first_policy_and_risk_increases_wait_for_the_delay() {
	build_and_execute(|| {
		assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, veto_policy()));
		assert!(Policies::<Test>::get(VETO_AVS).is_none());
		assert_eq!(
			slashing_events(),
			vec![Event::PolicyChangeScheduled {
				avs: VETO_AVS,
				policy: veto_policy(),
				effective_at: 1 + POLICY_DELAY
			}]
		);
		assert_noop!(
			Slashing::apply_policy(RuntimeOrigin::signed(STRANGER), VETO_AVS),
			Error::<Test>::NoDuePolicyChange
		);
		// A request before the policy applies finds no policy.
		assert_noop!(request(VETO_AVS, 10), Error::<Test>::NoPolicy);
		System::set_block_number(1 + POLICY_DELAY);
		assert_ok!(Slashing::apply_policy(RuntimeOrigin::signed(STRANGER), VETO_AVS));
		assert_eq!(Policies::<Test>::get(VETO_AVS), Some(veto_policy()));

		// Shorter veto window, higher cap, new destination: each is riskier and waits.
		for riskier in [
			SlashPolicy { veto_window: Some(5), ..veto_policy() },
			SlashPolicy { max_fraction_per_incident: Perbill::from_percent(60), ..veto_policy() },
			SlashPolicy { destination: SlashDestination::Account(STRANGER), ..veto_policy() },
			SlashPolicy { cooldown: 1, ..veto_policy() },
			SlashPolicy { veto_window: None, ..veto_policy() },
		] {
			assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, riskier));
			assert!(PendingPolicies::<Test>::contains_key(VETO_AVS));
			assert_eq!(Policies::<Test>::get(VETO_AVS), Some(veto_policy()));
		}
	});
}

#[test]
fn relaxing_a_policy_applies_at_once_and_drops_a_scheduled_one() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		assert_ok!(Slashing::set_policy(
			RuntimeOrigin::signed(OWNER),
			VETO_AVS,
			SlashPolicy { max_fraction_per_incident: Perbill::from_percent(90), ..veto_policy() }
		));
		let safer = SlashPolicy {
			max_fraction_per_incident: Perbill::from_percent(10),
			veto_window: Some(20),
			..veto_policy()
		};
		assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, safer.clone()));
		assert_eq!(Policies::<Test>::get(VETO_AVS), Some(safer));
		assert!(!PendingPolicies::<Test>::contains_key(VETO_AVS));
	});
}

#[test]
fn policy_errors() {
	build_and_execute(|| {
		assert_noop!(
			Slashing::set_policy(RuntimeOrigin::signed(STRANGER), VETO_AVS, veto_policy()),
			Error::<Test>::NotAvsOwner
		);
		assert_noop!(
			Slashing::set_policy(RuntimeOrigin::signed(OWNER), 9, veto_policy()),
			Error::<Test>::AvsNotFound
		);
		assert_noop!(
			Slashing::set_policy(
				RuntimeOrigin::signed(OWNER),
				VETO_AVS,
				SlashPolicy { veto_window: Some(MAX_VETO + 1), ..veto_policy() }
			),
			Error::<Test>::InvalidVetoWindow
		);
		assert_noop!(
			Slashing::set_policy(RuntimeOrigin::signed(OWNER), INSTANT_AVS, veto_policy()),
			Error::<Test>::InvalidVetoWindow
		);
	});
}

#[test]
fn governance_sets_a_ceiling_above_every_policy() {
	build_and_execute(|| {
		set_and_apply(INSTANT_AVS, instant_policy());
		assert_noop!(
			Slashing::set_global_max_fraction(
				RuntimeOrigin::signed(OWNER),
				Perbill::from_percent(5)
			),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::set_global_max_fraction(
			RuntimeOrigin::root(),
			Perbill::from_percent(5)
		));
		assert_noop!(request(INSTANT_AVS, 6), Error::<Test>::SlashExceedsPolicyCap);
		assert_ok!(request(INSTANT_AVS, 5));
	});
}

#[test]
fn a_due_scheduled_policy_is_what_a_new_policy_is_compared_with() {
	build_and_execute(|| {
		set_and_apply(VETO_AVS, veto_policy());
		let harsher =
			SlashPolicy { max_fraction_per_incident: Perbill::from_percent(60), ..veto_policy() };
		assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, harsher));
		System::set_block_number(System::block_number() + POLICY_DELAY);
		// 55 % is safer than the 60 % now in force (though never applied by a call): at once.
		let softer =
			SlashPolicy { max_fraction_per_incident: Perbill::from_percent(55), ..veto_policy() };
		slashing_events();
		assert_ok!(Slashing::set_policy(RuntimeOrigin::signed(OWNER), VETO_AVS, softer.clone()));
		assert_eq!(
			slashing_events(),
			vec![Event::PolicySet { avs: VETO_AVS, policy: softer.clone() }]
		);
		assert_eq!(Policies::<Test>::get(VETO_AVS), Some(softer));
	});
}

#[test]
fn pending_policy_encodes_as_the_tuple_it_replaced() {
	use codec::{Decode, Encode};
	// `PendingPolicies` held `(policy, applies_from)` before: the named record reads the old
	// bytes and writes the same, so no migration is needed.
	let pending = crate::PendingPolicy { policy: veto_policy(), applies_from: 42u64 };
	let tuple = (veto_policy(), 42u64);
	assert_eq!(pending.encode(), tuple.encode());
	assert_eq!(crate::PendingPolicy::decode(&mut &tuple.encode()[..]).unwrap(), pending);
}
