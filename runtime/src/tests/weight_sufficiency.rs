//! The weight a call is charged covers the storage it really touches (issue 18), on the paths
//! the adversarial review found under-charged: an instant slash, a reward in the vault's own
//! asset (compounded into it), and a vault sync whose AVSs stream every listed asset. The
//! randomised whole-system test runs the same check after every call of every kind.

use super::{
	dev_ext,
	storage_counter::{check_charged, count_storage, StorageCount},
};
use crate::{
	genesis_config_presets::{DA_AVS, LST_UNIT, ORACLE_AVS},
	AccountId, RuntimeCall, RuntimeOrigin, System, UNIT,
};
use polkadot_sdk::frame_support::traits::fungible::NativeOrWithId;
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		dispatch::{DispatchResultWithPostInfo, GetDispatchInfo},
		traits::UnfilteredDispatchable,
		weights::Weight,
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{traits::Dispatchable, Perbill},
};

/// Dispatches `call` from `who`, checks it succeeded and that its charged weight (after the
/// refund) covers the storage it touched; returns both.
fn dispatch_counted(who: K, call: RuntimeCall) -> (Weight, StorageCount) {
	let info = call.get_dispatch_info();
	let signer: AccountId = who.to_account_id();
	let (result, touched): (DispatchResultWithPostInfo, _) = count_storage(Some(&signer), || {
		call.clone().dispatch(RuntimeOrigin::signed(signer.clone()))
	});
	if let Err(e) = &result {
		panic!("{call:?} failed: {e:?}");
	}
	let charged =
		check_charged(&info, &result, &touched).unwrap_or_else(|e| panic!("{call:?}: {e}"));
	(charged, touched)
}

fn root(call: RuntimeCall) {
	assert_ok!(call.dispatch_bypass_filter(RuntimeOrigin::root()));
}

#[test]
fn an_instant_slash_is_charged_for_its_capture_and_execution() {
	dev_ext().execute_with(|| {
		// The DA's policy is instant (slasher Ferdie); vault 0 backs (DaveStash, DA).
		let (charged, touched) = dispatch_counted(
			K::Ferdie,
			RuntimeCall::Slashing(pallet_slashing::Call::request_slash {
				avs: DA_AVS,
				operator: K::DaveStash.to_account_id().into(),
				fraction: Perbill::from_percent(20),
				evidence: H256::zero(),
				reason: Default::default(),
			}),
		);
		assert!(touched.writes > 10, "the slash ran: {touched:?}, charged {charged:?}");
	});
}

#[test]
fn a_reward_in_the_vaults_own_asset_is_charged_for_compounding_it() {
	dev_ext().execute_with(|| {
		let before = pallet_vaults::Vaults::<crate::Runtime>::get(0).unwrap().total_assets;
		// Vault 0 holds stETH; a reward in stETH compounds into it.
		dispatch_counted(
			K::Charlie,
			RuntimeCall::Lrt2(pallet_lrt2::Call::reward_vault {
				vault: 0,
				asset: NativeOrWithId::WithId(1),
				amount: LST_UNIT,
			}),
		);
		let after = pallet_vaults::Vaults::<crate::Runtime>::get(0).unwrap().total_assets;
		assert!(after > before, "compounded: {before} -> {after}");
	});
}

#[test]
fn a_sync_of_a_vault_whose_avss_stream_every_listed_asset_is_charged_for_it() {
	dev_ext().execute_with(|| {
		// List four more reward assets (eight in all), give the AVS owners some of each, and
		// have both AVSs of vault 0 stream all eight.
		let owners = [(ORACLE_AVS, K::Eve), (DA_AVS, K::Ferdie)];
		let mut assets = vec![NativeOrWithId::Native];
		assets.extend((1..=3).map(NativeOrWithId::WithId));
		for id in 100..104u32 {
			root(RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::force_create {
				id: id.into(),
				owner: K::Alice.to_account_id().into(),
				is_sufficient: true,
				min_balance: 1,
			}));
			for (_, owner) in owners {
				assert_ok!(crate::Assets::mint(
					RuntimeOrigin::signed(K::Alice.to_account_id()),
					id.into(),
					owner.to_account_id().into(),
					1_000 * LST_UNIT,
				));
			}
			root(RuntimeCall::Lrt2(pallet_lrt2::Call::list_reward_asset {
				asset: NativeOrWithId::WithId(id),
			}));
			assets.push(NativeOrWithId::WithId(id));
		}
		for (avs, owner) in owners {
			for asset in &assets {
				let amount = if *asset == NativeOrWithId::Native { 10 * UNIT } else { LST_UNIT };
				let listed = pallet_lrt2::ActiveStreams::<crate::Runtime>::get(avs).len();
				if listed >= 8 {
					break;
				}
				let result = crate::Lrt2::fund_stream(
					RuntimeOrigin::signed(owner.to_account_id()),
					avs,
					asset.clone(),
					amount,
					1_000,
				);
				assert!(result.is_ok() || *asset == NativeOrWithId::WithId(1), "{result:?}");
			}
		}
		for (avs, _) in owners {
			assert_eq!(
				pallet_lrt2::ActiveStreams::<crate::Runtime>::get(avs).len(),
				8,
				"AVS {avs}"
			);
		}
		System::set_block_number(System::block_number() + 50);
		let (_, touched) =
			dispatch_counted(K::Bob, RuntimeCall::Lrt2(pallet_lrt2::Call::poke { vault: 0 }));
		assert!(touched.writes >= 16, "every stream of both pairs accrued: {touched:?}");
	});
}

/// The storage the hot restaking calls touch on the dev chain, item by item (printed with
/// `--nocapture`): what `docs/performance.md` reports per call, and a ceiling a change that
/// adds writes must raise here on purpose. (Before issue 18: deposit 34 reads and 21 writes,
/// LRT transfer 26 and 19; the claim lists were rewritten unchanged.) Each call runs in a block of its own after the
/// vault's first sync of the block (the steady state of a busy block).
#[test]
fn the_hot_restaking_calls_touch_no_more_storage_than_recorded() {
	use super::storage_counter::by_item;
	dev_ext().execute_with(|| {
		let vault = 0;
		let steady = || {
			System::set_block_number(System::block_number() + 3);
			assert_ok!(crate::Lrt2::poke(RuntimeOrigin::signed(K::Bob.to_account_id()), vault));
		};
		let mut report = Vec::new();
		let mut measure = |label: &'static str, who: K, call: RuntimeCall, max: (u64, u64)| {
			steady();
			let (charged, touched) = dispatch_counted(who, call);
			println!(
				"{label}: {} reads, {} writes, charged {:.1} µs\n  writes {:?}\n  reads {:?}",
				touched.reads,
				touched.writes,
				charged.ref_time() as f64 / 1e6,
				by_item(&touched.written),
				by_item(&touched.read)
			);
			report.push((label, touched.reads, touched.writes));
			assert!(
				touched.reads <= max.0 && touched.writes <= max.1,
				"{label}: {} reads and {} writes, more than the {max:?} recorded",
				touched.reads,
				touched.writes
			);
		};
		measure(
			"deposit",
			K::Charlie,
			RuntimeCall::Vaults(pallet_vaults::Call::deposit { vault, assets: LST_UNIT }),
			(33, 19),
		);
		measure(
			"transfer_shares",
			K::Charlie,
			RuntimeCall::Vaults(pallet_vaults::Call::transfer_shares {
				vault,
				to: K::Dave.to_account_id().into(),
				shares: LST_UNIT / 10,
			}),
			(25, 17),
		);
		// (+1 read since claim settles within a budget: where the previous claim stopped.)
		measure("claim", K::Charlie, RuntimeCall::Lrt2(pallet_lrt2::Call::claim {}), (25, 13));
		measure(
			"claim_from",
			K::Charlie,
			RuntimeCall::Lrt2(pallet_lrt2::Call::claim_from {
				vaults: vec![vault].try_into().unwrap(),
			}),
			(21, 13),
		);
	});
}

/// Past distributions are folded into the reward indexes: a claim after one reward to a vault
/// and a claim after thirty read and write exactly the same storage (docs/design.md, "Work is
/// bounded by configuration, never by holders or history").
#[test]
fn a_claim_touches_the_same_storage_after_one_or_thirty_distributions() {
	let claim_after = |distributions: u64| {
		dev_ext().execute_with(|| {
			for _ in 0..distributions {
				assert_ok!(crate::Lrt2::reward_vault(
					RuntimeOrigin::signed(K::Eve.to_account_id()),
					0,
					NativeOrWithId::Native,
					UNIT,
				));
				System::set_block_number(System::block_number() + 1);
			}
			// Every drip released.
			System::set_block_number(System::block_number() + 20 * crate::MINUTES);
			dispatch_counted(K::Charlie, RuntimeCall::Lrt2(pallet_lrt2::Call::claim {})).1
		})
	};
	let (one, thirty) = (claim_after(1), claim_after(30));
	assert!(one.writes > 0, "the claim paid something: {one:?}");
	assert_eq!((one.reads, one.writes), (thirty.reads, thirty.writes));
}
