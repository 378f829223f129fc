//! Issue 16's findings, each replayed on the real runtime (`development` genesis) with only
//! permissionless calls dispatched as transactions are (through the runtime's call filter):
//! nobody can brick another's claim, crowd AVS rewards out of a vault, squat or touch LRT
//! ids, or push a holder's real positions out of `claim` with dust.

use super::{
	dev_ext,
	fixtures::{create_vault, dispatch, signed},
};
use crate::{
	genesis_config_presets::{LST_UNIT, ORACLE_AVS},
	Assets, Lrt2, Runtime, RuntimeCall, RuntimeEvent, System, Vaults, UNIT,
};
use polkadot_sdk::{
	frame_support::traits::{fungible::NativeOrWithId, fungibles::Inspect},
	frame_system,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::DispatchError,
};
use restake_primitives::traits::VaultInspect;

type Asset = NativeOrWithId<u32>;

fn acc(k: K) -> crate::AccountId {
	k.to_account_id()
}

fn filtered() -> DispatchError {
	frame_system::Error::<Runtime>::CallFiltered.into()
}

/// Creates a fresh `pallet-assets` asset owned by `who` (permissionless) and mints it some.
fn junk_asset(who: K, id: u32) -> Asset {
	let admin = polkadot_sdk::sp_runtime::MultiAddress::Id(acc(who));
	dispatch(
		who,
		RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::create {
			id: id.into(),
			admin: admin.clone(),
			min_balance: 1,
		}),
	)
	.expect("anyone can create an asset");
	dispatch(
		who,
		RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::mint {
			id: id.into(),
			beneficiary: admin,
			amount: 1_000_000,
		}),
	)
	.expect("its owner can mint");
	NativeOrWithId::WithId(id)
}

fn reward_vault(who: K, vault: u32, asset: Asset, amount: u128) -> Result<(), DispatchError> {
	dispatch(who, RuntimeCall::Lrt2(pallet_lrt2::Call::reward_vault { vault, asset, amount }))
}

fn lrt2_error(e: pallet_lrt2::Error<Runtime>) -> DispatchError {
	e.into()
}

fn advance(blocks: u32) {
	System::set_block_number(System::block_number() + blocks);
}

/// Finding 1: a junk asset rewarded to a vault and then frozen bricked every claim of every
/// holder. Only listed assets pay rewards now, and a listed asset that cannot be paid (its
/// issuer froze it) is skipped: the rest is paid, the skipped entry stays claimable.
#[test]
fn a_frozen_reward_asset_never_blocks_other_payouts() {
	dev_ext().execute_with(|| {
		let junk = junk_asset(K::Ferdie, 77);
		assert_eq!(
			reward_vault(K::Ferdie, 0, junk, 10),
			Err(lrt2_error(pallet_lrt2::Error::AssetNotListed)),
			"unlisted assets cannot become rewards"
		);
		for call in [
			pallet_lrt2::Call::fund_stream {
				avs: ORACLE_AVS,
				asset: NativeOrWithId::WithId(77),
				amount: 10,
				duration: 100,
			},
			pallet_lrt2::Call::post_bounty {
				avs: ORACLE_AVS,
				asset: NativeOrWithId::WithId(77),
				amount: 10,
				expires_in: 100,
			},
		] {
			assert_eq!(
				dispatch(K::Eve, RuntimeCall::Lrt2(call)),
				Err(lrt2_error(pallet_lrt2::Error::AssetNotListed))
			);
		}

		// Charlie (vault 0) earns native rewards and the Oracle AVS's stETH stream; then
		// stETH's issuer (Alice on the dev chain) freezes stETH.
		reward_vault(K::Ferdie, 0, Asset::Native, 5 * UNIT).expect("native is listed");
		advance(10);
		Assets::freeze_asset(signed(K::Alice), 1.into()).expect("the issuer freezes stETH");
		let charlie = acc(K::Charlie);
		let native_before =
			<crate::Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::balance(
				&charlie,
			);
		System::reset_events();
		Lrt2::claim(signed(K::Charlie)).expect("a claim pays what it can");
		let native_after =
			<crate::Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::balance(
				&charlie,
			);
		assert!(native_after > native_before, "native rewards were paid");
		let skipped: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Lrt2(pallet_lrt2::Event::ClaimSkipped { source, amount, .. }) => {
					Some((source, amount))
				},
				_ => None,
			})
			.collect();
		let steth = pallet_lrt2::Source::Avs { avs: ORACLE_AVS, asset: NativeOrWithId::WithId(1) };
		let owed = skipped.iter().find(|(s, _)| *s == steth).map(|(_, a)| *a);
		assert!(owed.is_some_and(|a| a > 0), "the stETH entry was skipped: {skipped:?}");
		assert_eq!(pallet_lrt2::Earned::<Runtime>::get(&charlie, steth), owed.unwrap());

		// Once thawed, the kept entry pays.
		Assets::thaw_asset(signed(K::Alice), 1.into()).expect("thawed");
		let steth_before = Assets::balance(1, &charlie);
		Lrt2::claim(signed(K::Charlie)).expect("claimed");
		assert!(Assets::balance(1, &charlie) >= steth_before + owed.unwrap());
	});
}

/// Finding 2: junk rewards filled a vault's reward-source list, so a later AVS stream to the
/// vault credited its holders nothing. Third parties can add only listed assets, in their own
/// share of the list: AVS streams always find room.
#[test]
fn third_parties_cannot_crowd_avs_streams_out_of_a_vault() {
	dev_ext().execute_with(|| {
		// Ferdie and Bob try every asset they can make (sixteen: as many as the list held),
		// and every listed one.
		for (who, ids) in [(K::Ferdie, 100..108), (K::Bob, 108..116)] {
			for id in ids {
				let junk = junk_asset(who, id);
				let _ = reward_vault(who, 1, junk, 1);
			}
		}
		for lst in 1..=3 {
			reward_vault(K::Ferdie, 1, NativeOrWithId::WithId(lst), 1).expect("listed");
		}
		// The Oracle AVS (Eve) streams native to the stake allocated to it, vault 1's among it.
		dispatch(
			K::Eve,
			RuntimeCall::Lrt2(pallet_lrt2::Call::fund_stream {
				avs: ORACLE_AVS,
				asset: Asset::Native,
				amount: 1_000 * UNIT,
				duration: 100,
			}),
		)
		.expect("stream funded");
		advance(50);
		Lrt2::poke(signed(K::Ferdie), 1).expect("synced");
		let source = pallet_lrt2::Source::Avs { avs: ORACLE_AVS, asset: Asset::Native };
		assert!(
			pallet_lrt2::VaultSources::<Runtime>::get(1).contains(&source),
			"the AVS stream has a place in vault 1"
		);
		assert!(pallet_lrt2::VaultPools::<Runtime>::get(1, source).credited > 0);
	});
}

/// Finding 3: `assets.create(1000 + NextVaultId)` squatted the next LRT id, blocking every
/// `create_vault`. Finding 4: `touch`, `refund`, freezes and the other `pallet-assets` calls
/// reached LRT ids. Every `pallet-assets` call naming an id in the LRT range is refused, also
/// inside `utility.batch`, and vault creation stays possible.
#[test]
fn lrt_ids_cannot_be_created_or_touched_outside_the_vault_pallet() {
	dev_ext().execute_with(|| {
		let next_lrt = crate::configs::restaking::LRT_ASSET_ID_OFFSET
			+ pallet_vaults::NextVaultId::<Runtime>::get();
		let me = polkadot_sdk::sp_runtime::MultiAddress::Id(acc(K::Ferdie));
		let squat = RuntimeCall::Assets(polkadot_sdk::pallet_assets::Call::create {
			id: next_lrt.into(),
			admin: me.clone(),
			min_balance: 1,
		});
		assert_eq!(dispatch(K::Ferdie, squat.clone()), Err(filtered()));
		let batch = RuntimeCall::Utility(polkadot_sdk::pallet_utility::Call::batch_all {
			calls: vec![squat],
		});
		assert!(dispatch(K::Ferdie, batch).is_err(), "nor inside a batch");
		assert!(!Assets::asset_exists(next_lrt));

		create_vault(K::Ferdie, Asset::Native, 20, b"Ferdie", b"rF", 12)
			.expect("vault creation stays possible");

		let lrt = crate::configs::restaking::LRT_ASSET_ID_OFFSET; // vault 0's LRT
		let charlie = polkadot_sdk::sp_runtime::MultiAddress::Id(acc(K::Charlie));
		use polkadot_sdk::pallet_assets::Call as A;
		let calls: Vec<RuntimeCall> = vec![
			A::touch { id: lrt.into() },
			A::touch_other { id: lrt.into(), who: charlie.clone() },
			A::refund { id: lrt.into(), allow_burn: true },
			A::refund_other { id: lrt.into(), who: charlie.clone() },
			A::freeze { id: lrt.into(), who: charlie.clone() },
			A::block { id: lrt.into(), who: charlie.clone() },
			A::freeze_asset { id: lrt.into() },
			A::start_destroy { id: lrt.into() },
			A::set_min_balance { id: lrt.into(), min_balance: 1 },
			A::transfer { id: lrt.into(), target: me.clone(), amount: 1 },
			A::approve_transfer { id: lrt.into(), delegate: me.clone(), amount: 1 },
		]
		.into_iter()
		.map(RuntimeCall::Assets)
		.collect();
		for call in calls {
			for who in [K::Charlie, K::Ferdie] {
				assert_eq!(dispatch(who, call.clone()), Err(filtered()), "{call:?}");
			}
		}
	});
}

/// Finding 7: eight dust LRT transfers filled a victim's holder-vault list, and `claim` then
/// skipped the victim's real vault. Received LRT never takes the place of the holder's own.
#[test]
fn dust_lrt_cannot_push_a_holders_own_vault_out_of_claim() {
	dev_ext().execute_with(|| {
		let victim = K::Ferdie;
		let max = <<Runtime as pallet_lrt2::Config>::MaxVaultsPerHolder as polkadot_sdk::frame_support::traits::Get<u32>>::get();
		// The attacker (Eve) opens `max` vaults and sends the victim one LRT unit of each.
		for i in 0..max {
			let vault = pallet_vaults::NextVaultId::<Runtime>::get();
			create_vault(K::Eve, Asset::Native, 20, format!("dust{i}").as_bytes(), b"d", 12)
			.expect("vault created");
			Vaults::deposit(signed(K::Eve), vault, UNIT).expect("deposited");
			Vaults::transfer_shares(signed(K::Eve), vault, acc(victim).into(), 1)
				.expect("dust sent");
		}
		// The victim deposits into the stETH vault, which then earns a native reward.
		Vaults::deposit(signed(victim), 0, 10 * LST_UNIT).expect("deposited");
		reward_vault(K::Alice, 0, Asset::Native, 100 * UNIT).expect("rewarded");
		// The reward reaches the holders over the drip period.
		advance(10 * crate::MINUTES);
		let before = <crate::Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::balance(&acc(victim));
		Lrt2::claim(signed(victim)).expect("claimed");
		let paid = <crate::Balances as polkadot_sdk::frame_support::traits::fungible::Inspect<_>>::balance(&acc(victim)) - before;
		let shares = Vaults::shares_of(0, &acc(victim));
		let total = Vaults::total_shares(0);
		let expected = 100 * UNIT * shares / total;
		assert!(paid + 10 >= expected, "paid {paid}, owed about {expected}");
	});
}
