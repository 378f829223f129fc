//! The spec-101 and spec-102 runtime upgrades on a populated chain: the `development` genesis after
//! deposits, a queued withdrawal, rewards and an executed slash, rewritten in the version-1
//! layout of the vault pallet, then upgraded through `Executive::try_runtime_upgrade` with
//! every `pre_upgrade`/`post_upgrade`, decode and `try_state` check.

use super::{
	dev_ext,
	fixtures::{request_slash, signed, ORACLE},
	storage_root,
};
use crate::{Executive, Runtime, RuntimeOrigin, System, Vaults};
use codec::Encode;
use pallet_vaults::{migrations::v2::VaultV1, VaultFlows};
use polkadot_sdk::{
	frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, StorageVersion},
	},
	frame_try_runtime::UpgradeCheckSelect,
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::Perbill,
};

const LST: u128 = crate::genesis_config_presets::LST_UNIT;

/// Activity in every flow of vault 0: deposits, a withdrawal request, rewards, a slash.
fn populate() {
	Vaults::deposit(signed(K::Ferdie), 0, 50 * LST).expect("deposit");
	Vaults::deposit(signed(K::Dave), 1, 10 * crate::UNIT).expect("native deposit");
	Vaults::request_withdrawal(signed(K::Charlie), 0, 10 * LST * 1_000).expect("request");
	Vaults::add_rewards(signed(K::Alice), 0, 3 * LST).expect("rewards");
	System::set_block_number(30);
	// AVS 0 slashes instantly: its slasher Eve takes 10% of operator A's allocation.
	request_slash(K::Eve, ORACLE, K::DaveStash, Perbill::from_percent(10), 1, b"")
		.expect("instant slash");
	// The rewards have reached the exchange rate (a version-1 chain releases nothing over
	// time): the next change of the vault after the release period moves them in.
	System::set_block_number(31 + 10 * crate::MINUTES);
	Vaults::deposit(signed(K::Ferdie), 0, LST).expect("deposit");
	assert!(pallet_vaults::CompoundDrips::<Runtime>::get(0).is_none());
}

/// Rewrites every vault in its version-1 layout and the pallet's version to 1, as a chain
/// running spec 100 holds them.
fn downgrade_vaults() -> u32 {
	let mut n = 0;
	for (id, vault) in pallet_vaults::Vaults::<Runtime>::iter().collect::<Vec<_>>() {
		unhashed::put_raw(
			&pallet_vaults::Vaults::<Runtime>::hashed_key_for(id),
			&VaultV1::downgrade(vault).encode(),
		);
		n += 1;
	}
	StorageVersion::new(1).put::<Vaults>();
	n
}

#[test]
fn spec_101_migrates_populated_vaults_under_try_runtime_checks() {
	dev_ext().execute_with(|| {
		populate();
		let before: Vec<_> = pallet_vaults::Vaults::<Runtime>::iter().collect();
		assert!(before.iter().any(|(_, v)| v.queued_assets != 0), "a queue exists");
		let vaults = downgrade_vaults();
		assert_eq!(vaults, 2);
		assert!(
			pallet_vaults::Vaults::<Runtime>::iter().count() < before.len(),
			"the old layout does not decode as the new one"
		);

		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.expect("migration, pre/post checks, decoding and try_state pass");
		let db = <Runtime as polkadot_sdk::frame_system::Config>::DbWeight::get();
		assert!(weight.all_gte(db.reads_writes(vaults.into(), vaults.into())), "{weight:?}");
		assert_eq!(Vaults::on_chain_storage_version(), StorageVersion::new(2));

		for (id, old) in before {
			let new = pallet_vaults::Vaults::<Runtime>::get(id).expect("vault kept");
			let opening = old.total_assets + old.queued_assets;
			assert_eq!(new.flows, VaultFlows { deposited: opening, ..Default::default() });
			assert_eq!(
				pallet_vaults::Vault { flows: old.flows, ..new.clone() }.encode(),
				old.encode(),
				"every other field kept"
			);
		}

		// Versioned: a second run changes nothing.
		let root = storage_root();
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(storage_root(), root, "a second upgrade changed storage");

		// The flows follow new activity.
		let opening = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().flows;
		Vaults::deposit(signed(K::Bob), 0, 7 * LST).expect("deposit after upgrade");
		let flows = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().flows;
		assert_eq!(flows.deposited, opening.deposited + 7 * LST);
		pallet_vaults::Pallet::<Runtime>::do_try_state().expect("flow invariant holds");
	});
}

#[test]
fn the_migrations_are_no_ops_on_a_chain_already_at_version_2() {
	dev_ext().execute_with(|| {
		populate();
		assert_eq!(Vaults::on_chain_storage_version(), StorageVersion::new(2));
		let root = storage_root();
		let weight = <crate::Migrations as polkadot_sdk::frame_support::traits::OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(storage_root(), root, "the migration rewrote migrated vaults");
		let db = <Runtime as polkadot_sdk::frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads(7), "only the versions are read");
	});
}

/// Spec 102: the slashing pallet's version-1 pending requests (which recorded vaults, not the
/// stake they captured) become requests that capture and hold the pair's stake, their
/// counters are removed, under every try-runtime check.
#[test]
fn spec_102_keeps_version_1_pending_slashes_as_captures_under_try_runtime_checks() {
	use pallet_slashing::migrations::v2::RequestV1;
	use polkadot_sdk::frame_support::{
		storage::storage_prefix, Blake2_128Concat, StorageHasher, Twox64Concat,
	};
	dev_ext().execute_with(|| {
		let slashing_key = |item: &[u8], suffix: Vec<u8>| {
			let mut key = storage_prefix(b"Slashing", item).to_vec();
			key.extend(suffix);
			key
		};
		let old = RequestV1::<crate::AccountId, u32, _, _> {
			avs: 0,
			operator: K::DaveStash.to_account_id(),
			fraction: Perbill::from_percent(10),
			evidence: H256::repeat_byte(3),
			reason: Default::default(),
			requested_at: 1,
			executable_at: 11,
			vaults: vec![0u32].try_into().unwrap(),
		};
		let _: &RequestV1<
			crate::AccountId,
			u32,
			<Runtime as pallet_slashing::Config>::ReasonLimit,
			<Runtime as pallet_slashing::Config>::MaxVaultsPerSlash,
		> = &old;
		unhashed::put_raw(
			&slashing_key(b"PendingSlashes", Twox64Concat::hash(&5u32.encode())),
			&old.encode(),
		);
		unhashed::put(&slashing_key(b"PendingPerAvs", Twox64Concat::hash(&0u32.encode())), &1u32);
		unhashed::put(&slashing_key(b"PendingPerVault", Twox64Concat::hash(&0u32.encode())), &1u32);
		let mut state_key = Twox64Concat::hash(&0u32.encode());
		state_key.extend(Blake2_128Concat::hash(&K::DaveStash.to_account_id().encode()));
		unhashed::put(
			&slashing_key(b"OperatorSlashState", state_key),
			&(1u32, 0u32, Perbill::from_percent(10)),
		);
		// A second one, of the DA, whose slashing was disabled before the upgrade.
		let of_disabled =
			RequestV1 { avs: 1, vaults: vec![0u32].try_into().unwrap(), ..old.clone() };
		unhashed::put_raw(
			&slashing_key(b"PendingSlashes", Twox64Concat::hash(&4u32.encode())),
			&of_disabled.encode(),
		);
		pallet_slashing::Policies::<Runtime>::mutate(1, |policy| {
			policy.as_mut().expect("the DA has a policy").status =
				pallet_slashing::PolicyStatus::Disabled
		});
		pallet_slashing::NextSlashId::<Runtime>::put(6);
		StorageVersion::new(1).put::<crate::Slashing>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.expect("migration, pre/post checks, decoding and try_state pass");
		assert_eq!(crate::Slashing::on_chain_storage_version(), StorageVersion::new(3));
		// Kept: it captures the pair's stake now and holds it, so no window opens at the
		// upgrade for vault 0's holders to leave ahead of it.
		let kept = pallet_slashing::PendingSlashes::<Runtime>::get(5).expect("kept pending");
		assert_eq!(kept.requested_at, 1);
		assert_eq!(kept.captured.iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![0]);
		assert_eq!(kept.expires_at, 11 + crate::configs::restaking::SlashExecutionDeadline::get());
		assert_eq!(
			<crate::Slashing as restake_primitives::traits::SlashHolds<_, _>>::vault_held_since(0),
			Some(1)
		);
		assert!(pallet_slashing::SlashHistory::<Runtime>::get(5).is_none());
		// It counts towards the oracle's rolling epoch cap, as if requested after the upgrade.
		assert_eq!(
			pallet_slashing::RecentSlashes::<Runtime>::get(0, K::DaveStash.to_account_id())
				.into_inner(),
			vec![(1, Perbill::from_percent(10))]
		);
		// The disabled AVS's request is voided, not revived.
		assert!(pallet_slashing::PendingSlashes::<Runtime>::get(4).is_none());
		assert_eq!(
			pallet_slashing::SlashHistory::<Runtime>::get(4).map(|r| r.outcome),
			Some(pallet_slashing::SlashOutcome::Voided)
		);
		assert!(unhashed::get_raw(&slashing_key(
			b"PendingPerAvs",
			Twox64Concat::hash(&0u32.encode())
		))
		.is_none());

		// Requests work under the new rules right after.
		System::set_block_number(30);
		request_slash(K::Eve, ORACLE, K::DaveStash, Perbill::from_percent(10), 1, b"")
			.expect("a new request");
		pallet_slashing::Pallet::<Runtime>::do_try_state().expect("slashing invariants hold");
	});
}

/// Spec 104: slashing v2 → v3 indexes the requests pending at the upgrade by operator, so
/// `pending_slashes` filtered by an operator finds them without scanning.
#[test]
fn spec_104_indexes_pending_slashes_by_operator_under_try_runtime_checks() {
	dev_ext().execute_with(|| {
		System::set_block_number(30);
		let operator = K::DaveStash.to_account_id();
		request_slash(K::Eve, ORACLE, K::DaveStash, Perbill::from_percent(10), 1, b"")
			.expect("a vetoable request of the oracle");
		let id = pallet_slashing::NextSlashId::<Runtime>::get() - 1;
		assert!(pallet_slashing::PendingSlashes::<Runtime>::contains_key(id));
		// As a spec-103 chain holds it: no operator index.
		let _ = pallet_slashing::OperatorRequests::<Runtime>::clear(u32::MAX, None);
		StorageVersion::new(2).put::<crate::Slashing>();
		assert!(crate::Slashing::pending_slashes(None, Some(operator.clone())).is_empty());

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.expect("migration, pre/post checks, decoding and try_state pass");
		assert_eq!(crate::Slashing::on_chain_storage_version(), StorageVersion::new(3));
		let found: Vec<_> = crate::Slashing::pending_slashes(None, Some(operator.clone()))
			.into_iter()
			.map(|(id, _)| id)
			.collect();
		assert_eq!(found, vec![id]);
		assert!(crate::Slashing::pending_slashes(None, Some(K::Alice.to_account_id())).is_empty());
	});
}

/// Rewrites LRT² storage as version 1 held it: no reward-asset list, pairs without their
/// commission. Returns the number of pairs.
fn downgrade_lrt2() -> usize {
	pallet_lrt2::RewardAssets::<Runtime>::kill();
	let mut pairs = 0;
	for (vault, list) in pallet_lrt2::VaultPairs::<Runtime>::iter().collect::<Vec<_>>() {
		let old: Vec<_> = list
			.into_iter()
			.map(pallet_lrt2::migrations::v2::PairStateV1::downgrade)
			.collect();
		pairs += old.len();
		unhashed::put_raw(
			&pallet_lrt2::VaultPairs::<Runtime>::hashed_key_for(vault),
			&old.encode(),
		);
	}
	StorageVersion::new(1).put::<crate::Lrt2>();
	pairs
}

/// Spec 103 on a chain at LRT² version 1 (no reward-asset list): the native token and the
/// listed LSTs become the reward assets, so streams keep being fundable after the upgrade.
#[test]
fn spec_103_lists_the_initial_reward_assets_under_try_runtime_checks() {
	dev_ext().execute_with(|| {
		assert_eq!(downgrade_lrt2(), 3, "the dev genesis has three allocations");
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("upgrade and checks");
		assert_eq!(crate::Lrt2::on_chain_storage_version(), StorageVersion::new(3));
		for (_, list) in pallet_lrt2::VaultPairs::<Runtime>::iter() {
			for pair in list {
				assert_eq!(
					pair.commission,
					pallet_operators::Pallet::<Runtime>::commission_of(&pair.operator).unwrap(),
					"each pair records its operator's commission"
				);
			}
		}
		let listed = pallet_lrt2::RewardAssets::<Runtime>::get();
		assert_eq!(listed.len(), 4, "native and three LSTs: {listed:?}");
		crate::Lrt2::fund_stream(
			signed(K::Eve),
			crate::genesis_config_presets::ORACLE_AVS,
			polkadot_sdk::frame_support::traits::fungible::NativeOrWithId::Native,
			crate::UNIT,
			100,
		)
		.expect("the native token still funds streams");
	});
}

/// Review of issue 16: version 1 let junk rewards fill a vault's source list; the upgrade
/// drops sources in unlisted assets so listed rewards find their room afterwards.
#[test]
fn spec_103_drops_junk_reward_sources_of_version_1() {
	use polkadot_sdk::frame_support::traits::fungible::NativeOrWithId;
	dev_ext().execute_with(|| {
		pallet_lrt2::VaultSources::<Runtime>::mutate(0, |sources| {
			let mut id = 100u32;
			while sources.len() < 16 {
				sources
					.try_push(pallet_lrt2::Source::Vault {
						vault: 0,
						asset: NativeOrWithId::WithId(id),
					})
					.expect("fits");
				id += 1;
			}
		});
		downgrade_lrt2();
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("upgrade and checks");
		assert!(pallet_lrt2::VaultSources::<Runtime>::get(0).iter().all(|s| !matches!(
			s,
			pallet_lrt2::Source::Vault { asset: NativeOrWithId::WithId(100..), .. }
		)));
		crate::Lrt2::reward_vault(signed(K::Ferdie), 0, NativeOrWithId::Native, crate::UNIT)
			.expect("listed rewards find room after the upgrade");
	});
}

/// Spec 105 on a chain at LRT² version 2: vaults synced while an AVS programme ran keep
/// earning its points up to its end even when it is closed (issue 16, finding 8) before they
/// sync again.
#[test]
fn spec_105_keeps_the_points_of_avs_programmes_closed_before_a_vault_syncs() {
	use restake_primitives::traits::StakeInspect;
	dev_ext().execute_with(|| {
		let pair = pallet_lrt2::VaultPairs::<Runtime>::get(0)[0].clone();
		let owner = crate::Operators::avs_roles(pair.avs).expect("dev AVS").owner;
		let start = System::block_number() + 1;
		let id = pallet_lrt2::NextProgrammeId::<Runtime>::get();
		crate::Lrt2::create_programme(
			RuntimeOrigin::signed(owner),
			pallet_lrt2::ProgrammeScope::Avs(pair.avs),
			b"Season".to_vec().try_into().unwrap(),
			polkadot_sdk::sp_runtime::FixedU128::from_u32(1),
			start,
			start + 9,
		)
		.expect("programme");
		System::set_block_number(start + 2);
		crate::Lrt2::sync_vault(0);
		let points = || {
			pallet_lrt2::VaultPools::<Runtime>::get(
				0,
				pallet_lrt2::Source::Points { programme: id },
			)
			.credited
		};
		let early = points();
		assert!(early > 0, "vault 0 earned points while the programme ran");
		// As version 2 stored it: no programme lists.
		let owing = pallet_lrt2::ProgrammePairs::<Runtime>::get(id);
		assert!(owing > 0);
		let _ = pallet_lrt2::AvsPairs::<Runtime>::clear(u32::MAX, None);
		let _ = pallet_lrt2::ProgrammePairs::<Runtime>::clear(u32::MAX, None);
		// Version 2 kept the pairs of destroyed vaults: vault 99's, which nothing can sync.
		let stale = pallet_lrt2::VaultPairs::<Runtime>::get(0);
		for pair in &stale {
			pallet_lrt2::AvsWeights::<Runtime>::mutate(pair.avs, |w| *w += pair.weight);
		}
		pallet_lrt2::VaultPairs::<Runtime>::insert(99, stale);
		StorageVersion::new(2).put::<crate::Lrt2>();
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("upgrade and checks");
		assert_eq!(crate::Lrt2::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(pallet_lrt2::ProgrammePairs::<Runtime>::get(id), owing, "pairs recounted");
		assert!(pallet_lrt2::VaultPairs::<Runtime>::get(99).is_empty(), "stale pairs removed");
		// Closed long after its end, before vault 0 syncs again.
		System::set_block_number(start + 30);
		crate::Lrt2::close_programme(signed(K::Ferdie), id).expect("anyone closes it");
		assert!(pallet_lrt2::Programmes::<Runtime>::get(id).is_some(), "vault 0 still owed");
		crate::Lrt2::sync_vault(0);
		// Blocks start ..= start + 2 earned `early`; the 7 after them earn 7/3 of it.
		assert_eq!(points(), early + early / 3 * 7);
		assert!(pallet_lrt2::ProgrammePairs::<Runtime>::get(id) < owing);
	});
}
