//! A test runtime: System, Balances, Assets (LSTs and LRTs) and Vaults.

use crate::{self as pallet_vaults, VaultParams};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{
			fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
			ConstU128, ConstU32, ConstU64,
		},
		weights::Weight,
		PalletId,
	},
	frame_system::{self, EnsureRoot},
	pallet_assets, pallet_balances,
	sp_runtime::{BuildStorage, Perbill},
};

pub type AccountId = u64;
pub type Balance = u128;
pub type AssetId = u32;
type Block = frame_system::mocking::MockBlock<Test>;

restake_primitives::mock_runtime!(
	0 => System: frame_system,
	1 => Balances: pallet_balances,
	2 => Assets: pallet_assets,
	3 => Vaults: pallet_vaults,
);

restake_primitives::impl_mock_system_and_balances!(Test, Block, ED);

pub const ED: Balance = 10;

restake_primitives::impl_mock_assets!(Test);

parameter_types! {
	pub const VaultsPalletId: PalletId = PalletId(*b"rs/vault");
	pub const MaxCuratorFee: Perbill = Perbill::from_percent(20);
}

/// Test constants.
pub const VAULT_DEPOSIT: Balance = 100;
pub const LRT_OFFSET: u32 = 1_000;
pub const MIN_DELAY: u64 = 10;
pub const RELEASE_PERIOD: u64 = 10;
pub const EXTRA_DELAY: u64 = 5;
pub const VIRTUAL_SHARES: u128 = 1_000;
pub const MAX_REQUESTS: u32 = 4;
pub const MAX_AVS: u32 = 3;

impl pallet_vaults::Config for Test {
	type AssetId = AssetId;
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;
	type Lrt = Assets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = VaultsPalletId;
	type VaultDeposit = ConstU128<VAULT_DEPOSIT>;
	type LrtAssetIdOffset = ConstU32<LRT_OFFSET>;
	type MinWithdrawalDelay = ConstU64<MIN_DELAY>;
	type RewardReleasePeriod = ConstU64<RELEASE_PERIOD>;
	type MaxWithdrawalDelay = ConstU64<1_000>;
	type RiskChangeExtraDelay = ConstU64<EXTRA_DELAY>;
	type MaxCuratorFee = MaxCuratorFee;
	type VirtualShares = ConstU128<VIRTUAL_SHARES>;
	type MaxWithdrawalRequests = ConstU32<MAX_REQUESTS>;
	type MaxAllowedAvs = ConstU32<MAX_AVS>;
	type StringLimit = ConstU32<32>;
	type OnSharesChanged = ();
	type OnStakeChanged = ();
	type SlashHolds = MockSlashHolds;
	type Allocations = MockAllocations;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

std::thread_local! {
	/// Vaults with a pending slash.
	pub static PENDING_SLASH: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Slash holds as the test sets them: a vault in `PENDING_SLASH` is held since block 0.
pub struct MockSlashHolds;
impl restake_primitives::traits::SlashHolds<AccountId, u64> for MockSlashHolds {
	fn vault_held_since(vault: u32) -> Option<u64> {
		PENDING_SLASH.with(|p| p.borrow().contains(&vault)).then_some(0)
	}
	fn pair_held(_: &AccountId, _: restake_primitives::AvsId, _: u64) -> bool {
		false
	}
}

/// AVS ids from `UNKNOWN_AVS` on are not registered.
pub const UNKNOWN_AVS: restake_primitives::AvsId = 500;

/// The operator pallet as the vault pallet sees it: AVSs below `UNKNOWN_AVS` exist, no vault
/// has allocations.
pub struct MockAllocations;
impl restake_primitives::traits::VaultAllocations for MockAllocations {
	fn has_allocations(_: u32) -> bool {
		false
	}
	fn avs_exists(avs: restake_primitives::AvsId) -> bool {
		avs < UNKNOWN_AVS
	}
	fn wind_down_avs(vault: u32, avs: restake_primitives::AvsId) -> Weight {
		WOUND_DOWN.with(|w| w.borrow_mut().push((vault, avs)));
		Weight::from_parts(WIND_DOWN_USED, 0)
	}
	fn wind_down_avs_weight() -> Weight {
		Weight::from_parts(WIND_DOWN_DECLARED, 0)
	}
}

/// What the mock's `wind_down_avs` reports it used, and declares at most.
pub const WIND_DOWN_USED: u64 = 7;
pub const WIND_DOWN_DECLARED: u64 = 100;

std::thread_local! {
	/// `(vault, avs)` of every `wind_down_avs` call, oldest first.
	pub static WOUND_DOWN: std::cell::RefCell<Vec<(u32, restake_primitives::AvsId)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Creates the benchmark LST in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn create_asset_and_fund(who: &AccountId, amount: u128) -> NativeOrWithId<AssetId> {
		use polkadot_sdk::frame_support::traits::fungibles::{Create, Inspect, Mutate};
		if !<Assets as Inspect<_>>::asset_exists(BENCH_LST) {
			<Assets as Create<_>>::create(BENCH_LST, 0, true, 1).expect("asset created");
		}
		<Assets as Mutate<_>>::mint_into(BENCH_LST, who, amount).expect("minted");
		NativeOrWithId::WithId(BENCH_LST)
	}
	fn create_avs() -> restake_primitives::AvsId {
		NEXT_BENCH_AVS.with(|n| {
			let avs = *n.borrow();
			*n.borrow_mut() = avs + 1;
			avs
		})
	}
}

#[cfg(feature = "runtime-benchmarks")]
std::thread_local! {
	/// The next AVS id `create_avs` hands out (all below `UNKNOWN_AVS` exist).
	static NEXT_BENCH_AVS: std::cell::RefCell<restake_primitives::AvsId> = const { std::cell::RefCell::new(0) };
}

/// Accounts.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// An LST with min balance 5.
pub const STETH: AssetId = 7;
/// The LST the benchmarks create.
#[allow(dead_code)]
pub const BENCH_LST: AssetId = 8;
pub const INITIAL_NATIVE: Balance = 1_000_000;
pub const INITIAL_LST: Balance = 1_000_000_000_000;

/// The asset kind of the test LST.
pub fn steth() -> NativeOrWithId<AssetId> {
	NativeOrWithId::WithId(STETH)
}

/// Default vault parameters: no cap, min deposit 1, delay `MIN_DELAY`, fee 10 %.
pub fn params() -> VaultParams<u64> {
	VaultParams {
		deposit_cap: u128::MAX,
		min_deposit: 1,
		withdrawal_delay: MIN_DELAY,
		curator_fee: Perbill::from_percent(10),
	}
}

pub fn new_test_ext() -> polkadot_sdk::sp_io::TestExternalities {
	PENDING_SLASH.with(|p| p.borrow_mut().clear());
	WOUND_DOWN.with(|w| w.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE].iter().map(|a| (*a, INITIAL_NATIVE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(STETH, ALICE, true, 5)],
		metadata: vec![(STETH, b"Staked Ether".to_vec(), b"stETH".to_vec(), 18)],
		accounts: [ALICE, BOB, CHARLIE, DAVE].iter().map(|a| (STETH, *a, INITIAL_LST)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = polkadot_sdk::sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks every invariant of the pallet.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold after the test");
	});
}

/// Moves to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// The vault pallet's events since the last call, oldest first.
pub fn vault_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Vaults(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}
