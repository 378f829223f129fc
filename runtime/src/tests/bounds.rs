//! Spam and bounds: every user-created entry is bounded. Each test fills one bound on the real
//! runtime, shows the next attempt fails with its documented error and changes nothing, and
//! that the call's declared weight at the bound fits in a block.

use super::{dev_ext, fixtures::dispatch, storage_root};
use crate::{AccountId, Runtime, RuntimeCall, RuntimeOrigin, System};
use polkadot_sdk::frame_support::traits::Get;
use polkadot_sdk::{
	frame_support::{dispatch::GetDispatchInfo, traits::fungible::NativeOrWithId},
	frame_system::limits::BlockWeights,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{traits::Dispatchable, DispatchError},
};

const LST: u128 = crate::genesis_config_presets::LST_UNIT;

/// The next call past a full bound fails with `error`, changes nothing, and the call's
/// declared weight fits in a normal block.
#[track_caller]
fn refused_at_bound(who: K, call: RuntimeCall, error: DispatchError) {
	let max = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get();
	let normal =
		BlockWeights::get(&max, polkadot_sdk::frame_support::dispatch::DispatchClass::Normal)
			.max_extrinsic
			.expect("normal extrinsics are limited");
	let weight = call.get_dispatch_info().total_weight();
	assert!(normal.all_gte(weight), "{call:?} declares {weight:?}, above {normal:?}");
	let root = storage_root();
	assert_eq!(dispatch(who, call), Err(error));
	assert_eq!(storage_root(), root, "a refused call changed storage");
}

/// Dispatches `call()` from `who` `times` times, each within its bound.
#[track_caller]
fn fill(who: K, times: u32, call: impl Fn() -> RuntimeCall) {
	for _ in 0..times {
		let call = call();
		if let Err(e) = dispatch(who, call.clone()) {
			panic!("{call:?} within the bound: {e:?}");
		}
	}
}

/// Registering a spam AVS (anyone may, against a deposit).
fn register_spam_avs() -> RuntimeCall {
	RuntimeCall::Operators(pallet_operators::Call::register_avs {
		name: b"spam".to_vec().try_into().unwrap(),
		uri: b"spam".to_vec().try_into().unwrap(),
		requires_approval: false,
		slasher: K::Bob.to_account_id().into(),
		resolver: None,
	})
}

#[test]
fn withdrawal_requests_per_holder_are_bounded() {
	dev_ext().execute_with(|| {
		let max = <Runtime as pallet_vaults::Config>::MaxWithdrawalRequests::get();
		let request = || {
			RuntimeCall::Vaults(pallet_vaults::Call::request_withdrawal { vault: 0, shares: LST })
		};
		fill(K::Charlie, max, request);
		refused_at_bound(
			K::Charlie,
			request(),
			pallet_vaults::Error::<Runtime>::TooManyWithdrawalRequests.into(),
		);
		// Claiming all of them at once fits in a block too.
		System::set_block_number(System::block_number() + 20);
		let claim = RuntimeCall::Vaults(pallet_vaults::Call::claim_withdrawals {
			vault: 0,
			owner: K::Charlie.to_account_id().into(),
		});
		dispatch(K::Charlie, claim).expect("claims every request");
	});
}

#[test]
fn streams_per_avs_are_bounded() {
	dev_ext().execute_with(|| {
		let max: u32 = <Runtime as pallet_lrt2::Config>::MaxStreamsPerAvs::get();
		let fund = || {
			RuntimeCall::Lrt2(pallet_lrt2::Call::fund_stream {
				avs: 0,
				asset: NativeOrWithId::WithId(1),
				amount: LST,
				duration: 100,
			})
		};
		// The genesis stream is one of them.
		fill(K::Eve, max - 1, fund);
		refused_at_bound(K::Eve, fund(), pallet_lrt2::Error::<Runtime>::TooManyStreams.into());
	});
}

#[test]
fn open_bounties_per_avs_are_bounded() {
	dev_ext().execute_with(|| {
		let max = <Runtime as pallet_lrt2::Config>::MaxOpenBounties::get();
		let post = || {
			RuntimeCall::Lrt2(pallet_lrt2::Call::post_bounty {
				avs: 0,
				asset: NativeOrWithId::WithId(1),
				amount: LST,
				expires_in: 100,
			})
		};
		fill(K::Eve, max, post);
		refused_at_bound(K::Eve, post(), pallet_lrt2::Error::<Runtime>::TooManyBounties.into());
	});
}

#[test]
fn points_programmes_per_scope_are_bounded() {
	dev_ext().execute_with(|| {
		let max: u32 = <Runtime as pallet_lrt2::Config>::MaxProgrammes::get();
		let create = || {
			RuntimeCall::Lrt2(pallet_lrt2::Call::create_programme {
				scope: pallet_lrt2::ProgrammeScope::Avs(0),
				name: Default::default(),
				rate: polkadot_sdk::sp_runtime::FixedU128::from_u32(1),
				start: 5,
				end: 1_000,
			})
		};
		let existing = pallet_lrt2::AvsProgrammes::<Runtime>::get(0).len() as u32;
		fill(K::Eve, max.saturating_sub(existing), create);
		assert_eq!(pallet_lrt2::AvsProgrammes::<Runtime>::get(0).len() as u32, max);
		refused_at_bound(K::Eve, create(), pallet_lrt2::Error::<Runtime>::TooManyProgrammes.into());
	});
}

#[test]
fn allowed_avss_per_vault_are_bounded() {
	dev_ext().execute_with(|| {
		let max = <Runtime as pallet_vaults::Config>::MaxAllowedAvs::get();
		// Register AVSs (each holds a deposit) until the vault's list can be filled.
		fill(K::Bob, max, register_spam_avs);
		let allow = |avs| RuntimeCall::Vaults(pallet_vaults::Call::allow_avs { vault: 0, avs });
		// Vault 0 allows AVSs 0 and 1 from genesis.
		for avs in 2..max {
			dispatch(K::Alice, allow(avs)).expect("allowed within the bound");
		}
		refused_at_bound(
			K::Alice,
			allow(max),
			pallet_vaults::Error::<Runtime>::TooManyAllowedAvs.into(),
		);
	});
}

#[test]
fn avss_per_operator_are_bounded() {
	dev_ext().execute_with(|| {
		let max: u32 = <Runtime as pallet_operators::Config>::MaxAvsPerOperator::get();
		let first = pallet_operators::NextAvsId::<Runtime>::get();
		fill(K::Bob, max + 1, register_spam_avs);
		let opt_in = |avs| RuntimeCall::Operators(pallet_operators::Call::opt_in { avs });
		// Operator B (Eve//stash) is opted in to AVS 0 from genesis.
		for avs in first..first + max - 1 {
			dispatch(K::EveStash, opt_in(avs)).expect("opt-in within the bound");
		}
		refused_at_bound(
			K::EveStash,
			opt_in(first + max - 1),
			pallet_operators::Error::<Runtime>::TooManyAvs.into(),
		);
	});
}

#[test]
fn every_user_created_root_entry_holds_a_deposit() {
	dev_ext().execute_with(|| {
		use polkadot_sdk::frame_support::traits::fungible::InspectHold;
		let bob = K::Bob.to_account_id();
		let held = || crate::Balances::total_balance_on_hold(&bob);
		let before = held();
		dispatch(
			K::Bob,
			RuntimeCall::Operators(pallet_operators::Call::register_avs {
				name: b"x".to_vec().try_into().unwrap(),
				uri: b"x".to_vec().try_into().unwrap(),
				requires_approval: false,
				slasher: bob.clone().into(),
				resolver: None,
			}),
		)
		.unwrap();
		assert!(held() >= before + 100 * crate::UNIT, "an AVS holds its deposit");
		let before = held();
		dispatch(
			K::Bob,
			RuntimeCall::Operators(pallet_operators::Call::register_operator {
				name: b"x".to_vec().try_into().unwrap(),
				commission: Default::default(),
			}),
		)
		.unwrap();
		assert!(held() >= before + 100 * crate::UNIT, "an operator holds its deposit");
		let before = held();
		dispatch(
			K::Bob,
			RuntimeCall::Vaults(pallet_vaults::Call::create_vault {
				asset: NativeOrWithId::WithId(2),
				params: pallet_vaults::VaultParams {
					deposit_cap: u128::MAX,
					min_deposit: 1,
					withdrawal_delay: 20,
					curator_fee: Default::default(),
				},
				lrt_name: b"x".to_vec().try_into().unwrap(),
				lrt_symbol: b"x".to_vec().try_into().unwrap(),
				lrt_decimals: 18,
			}),
		)
		.unwrap();
		assert!(held() >= before + 100 * crate::UNIT, "a vault holds its deposit");
	});
}

/// Every call whose declared weight composes many vault syncs fits in a normal block: a claim
/// over every vault a holder and an operator can list (issue 16's weights made `sync_vault`
/// 3.2 × heavier; at 16 operator vaults a claim declared 1.89 s of a block's 1.5 s and was
/// refused by the pool in e2e).
#[test]
fn the_heaviest_declared_calls_fit_in_a_normal_block() {
	let max = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get();
	let normal =
		BlockWeights::get(&max, polkadot_sdk::frame_support::dispatch::DispatchClass::Normal)
			.max_extrinsic
			.expect("normal extrinsics are limited");
	for call in [
		RuntimeCall::Lrt2(pallet_lrt2::Call::claim {}),
		RuntimeCall::Lrt2(pallet_lrt2::Call::close_programme { programme: 0 }),
		RuntimeCall::Slashing(pallet_slashing::Call::execute_slash { id: 0 }),
		RuntimeCall::Operators(pallet_operators::Call::complete_opt_out {
			operator: AccountId::new([0; 32]).into(),
			avs: 0,
		}),
		RuntimeCall::Operators(pallet_operators::Call::eject_operator {
			avs: 0,
			operator: AccountId::new([0; 32]).into(),
		}),
		RuntimeCall::Operators(pallet_operators::Call::opt_out { avs: 0 }),
	] {
		let weight = call.get_dispatch_info().total_weight();
		assert!(normal.all_gte(weight), "{call:?} declares {weight:?}, above {normal:?}");
	}
}

/// A claim reserves a small part of a block (and of its fee): `claim` settles the caller's
/// vaults within a budget of two vaults' worst case and resumes where it stopped at the next
/// call, `claim_from` declares only the vaults listed. Blocks of claims fill past 90 %, and the
/// reservation costs well under 1 UNIT. Before, `claim` reserved the worst case of every vault
/// a holder and an operator may be in (614 ms: blocks of claims stopped at ≈ 60 %).
#[test]
fn a_claim_reserves_under_a_tenth_of_a_block() {
	let max = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get();
	let normal =
		BlockWeights::get(&max, polkadot_sdk::frame_support::dispatch::DispatchClass::Normal)
			.max_total
			.expect("the normal class is limited");
	let one =
		RuntimeCall::Lrt2(pallet_lrt2::Call::claim_from { vaults: vec![0].try_into().unwrap() })
			.get_dispatch_info();
	let all = RuntimeCall::Lrt2(pallet_lrt2::Call::claim {}).get_dispatch_info();
	dev_ext().execute_with(|| {
		let fee = crate::TransactionPayment::compute_fee(40, &one, 0);
		let all_fee = crate::TransactionPayment::compute_fee(40, &all, 0);
		println!(
			"declared: claim {:.1} ms, fee {all_fee}; claim_from([0]) {:.1} ms, fee {fee}",
			all.total_weight().ref_time() as f64 / 1e9,
			one.total_weight().ref_time() as f64 / 1e9
		);
		assert!(fee < crate::UNIT, "claim_from reserves {fee}");
		assert!(all_fee < crate::UNIT, "claim reserves {all_fee}");
	});
	assert!(one.total_weight().ref_time() * 10 < normal.ref_time(), "{one:?}");
	assert!(all.total_weight().ref_time() * 10 < normal.ref_time(), "{all:?}");
}

/// An opt-out (and an AVS's ejection of an operator) re-weighs every vault of the pair in the
/// LRT² ledger: it declares that worst case and is charged for the vaults it had. Before,
/// `opt_out` declared only its own benchmark, without the ledger's syncs (≈ 150 × less than
/// its worst case).
#[test]
fn an_opt_out_declares_the_ledgers_reweighing_and_is_charged_for_its_vaults() {
	use restake_primitives::traits::OnStakeChanged;
	dev_ext().execute_with(|| {
		let max_vaults: u32 =
			<Runtime as pallet_operators::Config>::MaxVaultsPerPair::get();
		let per_vault = <crate::Lrt2 as OnStakeChanged>::on_stake_changed_weight();
		for call in [
			RuntimeCall::Operators(pallet_operators::Call::opt_out { avs: 0 }),
			RuntimeCall::Operators(pallet_operators::Call::eject_operator {
				avs: 0,
				operator: K::DaveStash.to_account_id().into(),
			}),
		] {
			let declared = call.get_dispatch_info().call_weight;
			assert!(
				declared.all_gte(per_vault.saturating_mul(max_vaults.into())),
				"{call:?} declares {declared:?}, less than {max_vaults} syncs"
			);
		}
		// DaveStash's pair with the oracle has one vault.
		let call = RuntimeCall::Operators(pallet_operators::Call::opt_out { avs: 0 });
		let declared = call.get_dispatch_info().call_weight;
		let post = call.dispatch(RuntimeOrigin::signed(K::DaveStash.to_account_id())).unwrap();
		let actual = post.actual_weight.expect("an opt-out reports what it used");
		assert!(actual.all_lt(declared), "charged {actual:?} of {declared:?}");
		let one = <crate::weights::pallet_operators::WeightInfo<Runtime> as pallet_operators::WeightInfo>::opt_out(1);
		assert!(actual.all_gte(one), "charged {actual:?}, less than the opt-out of one vault");
	});
}
