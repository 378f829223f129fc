//! The runtime's side of the restaking pallets' benchmarks (`runtime-benchmarks` only): each
//! pallet's `BenchmarkHelper` sets up real state through the other pallets — vaults with stake,
//! AVSs with operators and allocations, funded LSTs and reward assets — so that every benchmark
//! measures its worst case on the runtime as configured.

use super::restaking::{AllocationDelay, InitialRewardAssets, MinWithdrawalDelay};
use crate::{AccountId, AssetId, Assets, Balances, BlockNumber, Runtime, UNIT};
use frame_support::traits::fungible::NativeOrWithId;
use polkadot_sdk::*;
use sp_runtime::Perbill;

/// Creates real vaults (native, with stake, allowing the AVS) for the operator benchmarks.
pub struct OperatorsBenchmarkHelper;
impl pallet_operators::benchmarking::BenchmarkHelper<Runtime> for OperatorsBenchmarkHelper {
	fn create_vault(
		curator: &AccountId,
		avs: restake_primitives::AvsId,
	) -> restake_primitives::VaultId {
		pallet_vaults::Pallet::<Runtime>::create_benchmark_vault(curator, avs)
			.expect("benchmark vault can be created")
	}
}

/// Real AVSs, operators and vaults for the slashing benchmarks.
pub struct SlashingBenchmarkHelper;
impl pallet_slashing::benchmarking::BenchmarkHelper<AccountId> for SlashingBenchmarkHelper {
	fn setup_pair(owner: &AccountId, operator: &AccountId, n: u32) -> restake_primitives::AvsId {
		use frame_support::traits::fungible::Mutate;
		let curator: AccountId = frame_benchmarking::account("curator", 0, 0);
		for who in [owner, operator, &curator] {
			Balances::set_balance(who, 1_000_000_000 * UNIT);
		}
		pallet_operators::Pallet::<Runtime>::benchmark_pair(owner, operator, &curator, n)
			.expect("benchmark pair can be set up")
	}
}

/// Lists a benchmark LST (asset 999) and funds accounts with it.
pub struct VaultsBenchmarkHelper;
impl pallet_vaults::benchmarking::BenchmarkHelper<Runtime> for VaultsBenchmarkHelper {
	fn create_asset_and_fund(who: &AccountId, amount: crate::Balance) -> NativeOrWithId<AssetId> {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		const BENCH_LST: AssetId = 999;
		if !<Assets as Inspect<AccountId>>::asset_exists(BENCH_LST) {
			let owner: AccountId = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			let _ = <Assets as Create<AccountId>>::create(BENCH_LST, owner, true, 1);
		}
		let _ = <Assets as Mutate<AccountId>>::mint_into(BENCH_LST, who, amount);
		NativeOrWithId::WithId(BENCH_LST)
	}
	fn create_avs() -> restake_primitives::AvsId {
		use frame_support::traits::fungible::Mutate;
		let owner: AccountId = frame_benchmarking::account("avs-owner", 0, 0);
		Balances::set_balance(&owner, 1_000_000_000 * UNIT);
		pallet_operators::Pallet::<Runtime>::create_benchmark_avs(&owner)
			.expect("benchmark AVS can be registered")
	}
}

/// Real vaults, AVSs and allocations for the LRT² benchmarks.
pub struct Lrt2BenchmarkHelper;
impl pallet_lrt2::benchmarking::BenchmarkHelper<Runtime> for Lrt2BenchmarkHelper {
	fn fund(who: &AccountId, amount: crate::Balance) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 1_000_000_000 * UNIT);
		<VaultsBenchmarkHelper as pallet_vaults::benchmarking::BenchmarkHelper<Runtime>>::create_asset_and_fund(who, amount);
	}
	/// Every asset the reward list can hold, funded: the listed LSTs, the native token and
	/// new assets for the slots governance could still fill, so the benchmarks that reward a
	/// vault in every asset (`sync_vault`) run with `MaxRewardAssets` drips.
	fn reward_assets(
		who: &AccountId,
		amount: crate::Balance,
	) -> alloc::vec::Vec<NativeOrWithId<AssetId>> {
		use frame_support::traits::{
			fungibles::{Create, Inspect, Mutate},
			Get,
		};
		let owner: AccountId = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		let listed = InitialRewardAssets::get().len() as u32;
		let max: u32 = <<Runtime as pallet_lrt2::Config>::MaxRewardAssets as Get<u32>>::get();
		let free = max.saturating_sub(listed);
		let mut assets = alloc::vec::Vec::new();
		// New assets first: the streaming benchmarks take the first ones.
		for i in 0..free {
			let id: AssetId = 998 - i;
			if !<Assets as Inspect<AccountId>>::asset_exists(id) {
				let _ = <Assets as Create<AccountId>>::create(id, owner.clone(), true, 1);
			}
			let _ = <Assets as Mutate<AccountId>>::mint_into(id, who, amount);
			assets.push(NativeOrWithId::WithId(id));
		}
		for lst in crate::genesis_config_presets::LISTED_LSTS {
			let _ = <Assets as Mutate<AccountId>>::mint_into(lst.id, who, amount);
			assets.push(NativeOrWithId::WithId(lst.id));
		}
		let _ = <Balances as frame_support::traits::fungible::Mutate<AccountId>>::mint_into(
			who, amount,
		);
		assets.push(NativeOrWithId::Native);
		assets
	}
	fn vault_with_pairs(
		curator: &AccountId,
		holder: &AccountId,
		pairs: u32,
	) -> (restake_primitives::VaultId, alloc::vec::Vec<restake_primitives::AvsId>) {
		use frame_support::traits::fungible::Mutate;
		for who in [curator, holder] {
			Balances::set_balance(who, 1_000_000_000 * UNIT);
		}
		let lst = <VaultsBenchmarkHelper as pallet_vaults::benchmarking::BenchmarkHelper<
			Runtime,
		>>::create_asset_and_fund(curator, 1_000_000 * UNIT);
		<VaultsBenchmarkHelper as pallet_vaults::benchmarking::BenchmarkHelper<Runtime>>::create_asset_and_fund(holder, 1_000_000 * UNIT);
		let vault = pallet_vaults::NextVaultId::<Runtime>::get();
		let signed = |who: &AccountId| crate::RuntimeOrigin::signed(who.clone());
		crate::Vaults::create_vault(
			signed(curator),
			lst.clone(),
			pallet_vaults::VaultParams {
				deposit_cap: u128::MAX,
				min_deposit: 1,
				withdrawal_delay: MinWithdrawalDelay::get(),
				curator_fee: Perbill::zero(),
			},
			b"Bench".to_vec().try_into().expect("fits"),
			b"rB".to_vec().try_into().expect("fits"),
			18,
		)
		.expect("vault created");
		crate::Vaults::deposit(signed(holder), vault, 1_000 * UNIT).expect("deposit");
		let mut avss = alloc::vec::Vec::new();
		for _ in 0..pairs {
			let avs = pallet_operators::NextAvsId::<Runtime>::get();
			let owner: AccountId = frame_benchmarking::account("avs-owner", avs, 0);
			let operator = Self::avs_operator(avs);
			for who in [&owner, &operator] {
				Balances::set_balance(who, 1_000_000_000 * UNIT);
			}
			crate::Operators::register_avs(
				signed(&owner),
				b"bench".to_vec().try_into().expect("fits"),
				b"bench".to_vec().try_into().expect("fits"),
				false,
				owner.clone().into(),
				Some(owner.clone().into()),
			)
			.expect("AVS registered");
			crate::Operators::set_accepted_asset(
				signed(&owner),
				avs,
				lst.clone(),
				Some(Perbill::one()),
			)
			.expect("asset accepted");
			if pallet_operators::Operators::<Runtime>::get(&operator).is_none() {
				crate::Operators::register_operator(
					signed(&operator),
					b"bench".to_vec().try_into().expect("fits"),
					Perbill::from_percent(10),
				)
				.expect("operator registered");
			}
			crate::Operators::opt_in(signed(&operator), avs).expect("opted in");
			// Allowlist changes wait the vault's delay plus the risk margin.
			pallet_vaults::Vaults::<Runtime>::mutate(vault, |v| {
				if let Some(v) = v {
					let _ = v.allowed_avs.try_insert(avs, 0);
				}
			});
			crate::Operators::allocate(
				signed(curator),
				vault,
				operator.clone().into(),
				avs,
				Perbill::from_percent(5),
			)
			.expect("allocated");
			// Increases wait the allocation delay and the vault's exit delay.
			let delay = AllocationDelay::get().max(
				<crate::Vaults as restake_primitives::traits::ExitDelays<BlockNumber>>::exit_delay(
					vault,
				) + 1,
			);
			let now = frame_system::Pallet::<Runtime>::block_number();
			frame_system::Pallet::<Runtime>::set_block_number(now + delay);
			crate::Operators::settle_allocation(
				signed(curator),
				vault,
				operator.clone().into(),
				avs,
			)
			.expect("settled");
			avss.push(avs);
		}
		(vault, avss)
	}
	fn avs_operator(avs: restake_primitives::AvsId) -> AccountId {
		frame_benchmarking::account("avs-operator", avs, 0)
	}
	fn avs_without_stake() -> restake_primitives::AvsId {
		use frame_support::traits::fungible::Mutate;
		let avs = pallet_operators::NextAvsId::<Runtime>::get();
		let owner: AccountId = frame_benchmarking::account("avs-owner", avs, 0);
		Balances::set_balance(&owner, 1_000_000_000 * UNIT);
		crate::Operators::register_avs(
			crate::RuntimeOrigin::signed(owner.clone()),
			b"bench".to_vec().try_into().expect("fits"),
			b"bench".to_vec().try_into().expect("fits"),
			false,
			owner.clone().into(),
			None,
		)
		.expect("AVS registered");
		avs
	}
}
