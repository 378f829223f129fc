//! Genesis presets built into the runtime: `development` (one authority, `--dev`) and
//! `local_testnet` (Alice, Bob and Charlie validate; what zombienet runs).
//!
//! Both presets list three liquid staking tokens (LSTs) as `pallet-assets` assets and give
//! every dev account a balance of each, so restaking can start in the first block.

use crate::{
	AccountId, AssetId, Balance, BalancesConfig, BlockNumber, RuntimeGenesisConfig, SudoConfig,
	DAYS, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use core::str::FromStr;
use frame_support::build_struct_json_patch;
use frame_support::traits::fungible::NativeOrWithId;
use polkadot_sdk::*;
use restake_primitives::AvsId;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Native balance of every endowed dev account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Balance of each LST every endowed dev account holds.
pub const LST_ENDOWMENT: Balance = 10_000 * LST_UNIT;
/// One whole LST (the LSTs use 18 decimals, like the tokens they represent).
pub const LST_UNIT: Balance = 1_000_000_000_000_000_000;
/// Withdrawal delay of the dev chain's vaults: 20 blocks (one minute).
pub const DEV_WITHDRAWAL_DELAY: BlockNumber = 20;
/// Withdrawal delay of the local testnet's vaults: 7 days.
pub const LOCAL_WITHDRAWAL_DELAY: BlockNumber = 7 * DAYS;
/// Smallest balance an LST account may hold.
pub const LST_MIN_BALANCE: Balance = 1_000_000;

/// An LST listed at genesis: id, name, symbol.
pub struct ListedLst {
	/// The `pallet-assets` id.
	pub id: AssetId,
	/// Human-readable name.
	pub name: &'static str,
	/// Ticker symbol.
	pub symbol: &'static str,
}

/// The liquid staking tokens every preset lists.
pub const LISTED_LSTS: [ListedLst; 3] = [
	ListedLst { id: 1, name: "Lido Staked Ether", symbol: "stETH" },
	ListedLst { id: 2, name: "Rocket Pool Ether", symbol: "rETH" },
	ListedLst { id: 3, name: "Coinbase Wrapped Staked Ether", symbol: "cbETH" },
];

/// Two vaults every preset starts with: an stETH vault curated by Alice and a native RSTK
/// vault curated by Bob, with `withdrawal_delay` blocks between request and claim.
fn genesis_vaults(
	withdrawal_delay: BlockNumber,
) -> Vec<pallet_vaults::GenesisVault<AccountId, AssetId, BlockNumber>> {
	let vault = |curator: Sr25519Keyring, asset, name: &str, symbol: &str, decimals, fee| {
		pallet_vaults::GenesisVault {
			curator: curator.to_account_id(),
			asset,
			deposit_cap: u128::MAX,
			min_deposit: 1_000_000,
			withdrawal_delay,
			curator_fee_ppb: fee,
			lrt_name: name.as_bytes().to_vec(),
			lrt_symbol: symbol.as_bytes().to_vec(),
			lrt_decimals: decimals,
			allowed_avs: Vec::new(),
		}
	};
	vec![
		pallet_vaults::GenesisVault {
			allowed_avs: vec![ORACLE_AVS, DA_AVS],
			..vault(Sr25519Keyring::Alice, Some(1), "Restaked stETH", "rstETH", 21, 100_000_000)
		},
		pallet_vaults::GenesisVault {
			allowed_avs: vec![ORACLE_AVS],
			..vault(Sr25519Keyring::Bob, None, "Restaked RSTK", "rRSTK", 15, 50_000_000)
		},
	]
}

/// AVS 0: an oracle network owned by Eve (its slasher), vetoable by Ferdie.
pub const ORACLE_AVS: AvsId = 0;
/// AVS 1: a data-availability layer owned by Ferdie that approves its operators.
pub const DA_AVS: AvsId = 1;

/// Two AVSs, two operators (DaveStash, EveStash) opted in, and allocations of both vaults
/// in force from the first block. (Not the Alice/Bob/Charlie stashes: zombienet rewrites
/// their balances to fund its validators.)
fn genesis_operators() -> pallet_operators::GenesisConfig<crate::Runtime> {
	use pallet_operators::{
		GenesisAcceptedAsset, GenesisAllocation, GenesisAvs, GenesisOperator, GenesisOptIn,
	};
	let (eve, ferdie) =
		(Sr25519Keyring::Eve.to_account_id(), Sr25519Keyring::Ferdie.to_account_id());
	let (op_a, op_b) =
		(Sr25519Keyring::DaveStash.to_account_id(), Sr25519Keyring::EveStash.to_account_id());
	pallet_operators::GenesisConfig {
		avss: vec![
			GenesisAvs {
				owner: eve.clone(),
				name: b"Restake Oracle".to_vec(),
				uri: b"https://oracle.restake.invalid".to_vec(),
				requires_approval: false,
				slasher: eve,
				resolver: Some(ferdie.clone()),
			},
			GenesisAvs {
				owner: ferdie.clone(),
				name: b"Restake DA".to_vec(),
				uri: b"https://da.restake.invalid".to_vec(),
				requires_approval: true,
				slasher: ferdie,
				resolver: None,
			},
		],
		operators: vec![
			GenesisOperator {
				account: op_a.clone(),
				name: b"Operator A".to_vec(),
				commission_ppb: 100_000_000,
			},
			GenesisOperator {
				account: op_b.clone(),
				name: b"Operator B".to_vec(),
				commission_ppb: 50_000_000,
			},
		],
		opt_ins: vec![
			GenesisOptIn { operator: op_a.clone(), avs: ORACLE_AVS },
			GenesisOptIn { operator: op_a.clone(), avs: DA_AVS },
			GenesisOptIn { operator: op_b.clone(), avs: ORACLE_AVS },
		],
		accepted_assets: vec![
			GenesisAcceptedAsset {
				avs: ORACLE_AVS,
				asset: NativeOrWithId::WithId(1),
				weight_ppb: 1_000_000_000,
			},
			GenesisAcceptedAsset {
				avs: ORACLE_AVS,
				asset: NativeOrWithId::Native,
				weight_ppb: 500_000_000,
			},
			GenesisAcceptedAsset {
				avs: DA_AVS,
				asset: NativeOrWithId::WithId(1),
				weight_ppb: 1_000_000_000,
			},
		],
		allocations: vec![
			GenesisAllocation {
				vault: 0,
				operator: op_a.clone(),
				avs: ORACLE_AVS,
				share_ppb: 400_000_000,
			},
			GenesisAllocation { vault: 0, operator: op_a, avs: DA_AVS, share_ppb: 300_000_000 },
			GenesisAllocation { vault: 1, operator: op_b, avs: ORACLE_AVS, share_ppb: 500_000_000 },
		],
	}
}

/// Genesis deposits: Charlie holds rstETH, Dave holds rRSTK.
fn genesis_deposits() -> Vec<pallet_vaults::GenesisDeposit<AccountId>> {
	vec![
		pallet_vaults::GenesisDeposit {
			vault: 0,
			depositor: Sr25519Keyring::Charlie.to_account_id(),
			assets: 100 * LST_UNIT,
		},
		pallet_vaults::GenesisDeposit {
			vault: 1,
			depositor: Sr25519Keyring::Dave.to_account_id(),
			assets: 1_000 * UNIT,
		},
	]
}

fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	root_key: AccountId,
	endowed_accounts: Vec<AccountId>,
	withdrawal_delay: BlockNumber,
) -> Value {
	let lst_assets: Vec<(AssetId, AccountId, bool, Balance)> = LISTED_LSTS
		.iter()
		.map(|lst| (lst.id, root_key.clone(), true, LST_MIN_BALANCE))
		.collect();
	let lst_metadata: Vec<(AssetId, Vec<u8>, Vec<u8>, u8)> = LISTED_LSTS
		.iter()
		.map(|lst| (lst.id, lst.name.as_bytes().to_vec(), lst.symbol.as_bytes().to_vec(), 18))
		.collect();
	let lst_accounts: Vec<(AssetId, AccountId, Balance)> = LISTED_LSTS
		.iter()
		.flat_map(|lst| {
			endowed_accounts.iter().map(move |who| (lst.id, who.clone(), LST_ENDOWMENT))
		})
		.collect();

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, ENDOWMENT))
				// The LRT² ledger's account exists from genesis, so paying rewards never reaps it.
				.chain(core::iter::once((
					pallet_lrt2::Pallet::<crate::Runtime>::account_id(),
					EXISTENTIAL_DEPOSIT
				)))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root_key) },
		assets: pallet_assets::GenesisConfig {
			assets: lst_assets,
			metadata: lst_metadata,
			accounts: lst_accounts,
		},
		vaults: pallet_vaults::GenesisConfig {
			vaults: genesis_vaults(withdrawal_delay),
			deposits: genesis_deposits(),
		},
		operators: genesis_operators(),
		lrt_2: genesis_lrt2(),
		slashing: pallet_slashing::GenesisConfig {
			policies: vec![
				// Oracle: vetoable by Ferdie for 10 blocks, up to 50 % per incident, burnt.
				pallet_slashing::GenesisPolicy {
					avs: ORACLE_AVS,
					veto_window: Some(10),
					max_fraction_per_incident_ppb: 500_000_000,
					max_fraction_per_epoch_ppb: 1_000_000_000,
					cooldown: 0,
					destination: None,
				},
				// DA: instant, up to 20 % per incident, 5 blocks apart, to Ferdie's insurance.
				pallet_slashing::GenesisPolicy {
					avs: DA_AVS,
					veto_window: None,
					max_fraction_per_incident_ppb: 200_000_000,
					max_fraction_per_epoch_ppb: 500_000_000,
					cooldown: 5,
					destination: Some(Sr25519Keyring::Ferdie.to_account_id()),
				},
			],
		},
	})
}

/// Reward stream of the Oracle AVS: 1 000 stETH over one day.
pub const ORACLE_STREAM: Balance = 1_000 * LST_UNIT;
/// Its duration: one day of 3-second blocks.
pub const ORACLE_STREAM_BLOCKS: BlockNumber = DAYS;

/// A running reward stream (the Oracle AVS pays its stake in stETH for a day) and two points
/// programmes: Alice's stETH vault "Season 1" (10 points per stETH per block) and the DA AVS
/// (1 point per allocated stETH per block, the asset it accepts), both for 30 days.
fn genesis_lrt2() -> pallet_lrt2::GenesisConfig<crate::Runtime> {
	use sp_runtime::{FixedPointNumber, FixedU128};
	pallet_lrt2::GenesisConfig {
		// Rewards are paid in the native token and the listed LSTs only.
		reward_assets:
			<crate::configs::restaking::InitialRewardAssets as frame_support::traits::Get<_>>::get(),
		synced_vaults: vec![0, 1],
		streams: vec![pallet_lrt2::GenesisStream {
			funder: Sr25519Keyring::Eve.to_account_id(),
			avs: ORACLE_AVS,
			asset: NativeOrWithId::WithId(1),
			amount: ORACLE_STREAM,
			duration: ORACLE_STREAM_BLOCKS,
		}],
		programmes: vec![
			pallet_lrt2::GenesisProgramme {
				owner: Sr25519Keyring::Alice.to_account_id(),
				scope: pallet_lrt2::ProgrammeScope::Vault(0),
				name: b"rstETH Season 1".to_vec(),
				rate: FixedU128::saturating_from_rational(10, LST_UNIT),
				start: 0,
				end: 30 * DAYS,
			},
			pallet_lrt2::GenesisProgramme {
				owner: Sr25519Keyring::Ferdie.to_account_id(),
				scope: pallet_lrt2::ProgrammeScope::Avs(DA_AVS),
				name: b"DA points".to_vec(),
				rate: FixedU128::saturating_from_rational(1, LST_UNIT),
				start: 0,
				end: 30 * DAYS,
			},
		],
	}
}

/// Aura (sr25519) and GRANDPA (ed25519) keys of a well-known dev account.
fn authority(name: &str) -> (AuraId, GrandpaId) {
	let aura = Sr25519Keyring::from_str(name).expect("a well-known sr25519 dev account");
	let grandpa = Ed25519Keyring::from_str(name).expect("a well-known ed25519 dev account");
	(aura.public().into(), grandpa.public().into())
}

/// The `local_testnet` preset: Alice, Bob and Charlie author and finalize.
pub fn local_testnet_config_genesis() -> Value {
	testnet_genesis(
		vec![authority("Alice"), authority("Bob"), authority("Charlie")],
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::iter()
			.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
			.map(|k| k.to_account_id())
			.collect(),
		LOCAL_WITHDRAWAL_DELAY,
	)
}

/// The `development` preset: Alice alone authors and finalizes.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority("Alice")],
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::iter()
			.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
			.map(|k| k.to_account_id())
			.collect(),
		DEV_WITHDRAWAL_DELAY,
	)
}

/// Returns the JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
