//! A test runtime with the real vault and operator pallets: System, Balances, Assets, Vaults,
//! Operators and the LRT² ledger, wired as in the runtime.

use crate::{self as pallet_lrt2};
use polkadot_sdk::{
	frame_support::{
		assert_ok, derive_impl, parameter_types,
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
use restake_primitives::{AvsId, VaultId};

pub type AccountId = u64;
pub type Balance = u128;
pub type AssetId = u32;
pub type AssetKind = NativeOrWithId<AssetId>;
type Block = frame_system::mocking::MockBlock<Test>;

restake_primitives::mock_runtime!(
	0 => System: frame_system,
	1 => Balances: pallet_balances,
	2 => Assets: pallet_assets,
	3 => Vaults: pallet_vaults,
	4 => Operators: pallet_operators,
	5 => Lrt2: pallet_lrt2,
);

restake_primitives::impl_mock_system_and_balances!(Test, Block, ED);

pub const ED: Balance = 10;

restake_primitives::impl_mock_assets!(Test);

type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	pub const VaultsPalletId: PalletId = PalletId(*b"rs/vault");
	pub const Lrt2PalletId: PalletId = PalletId(*b"rs/lrt2 ");
	pub const MaxCuratorFee: Perbill = Perbill::from_percent(20);
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
	/// Unbounded unless a test lowers it (`ClaimSettleBudget::set`).
	pub static ClaimSettleBudget: Weight = Weight::from_parts(u64::MAX / 4, u64::MAX / 4);
}

impl pallet_vaults::Config for Test {
	type AssetId = AssetId;
	type Assets = NativeAndAssets;
	type Lrt = Assets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = VaultsPalletId;
	type VaultDeposit = ConstU128<100>;
	type LrtAssetIdOffset = ConstU32<LRT_OFFSET>;
	type MinWithdrawalDelay = ConstU64<10>;
	type RewardReleasePeriod = ConstU64<10>;
	type MaxWithdrawalDelay = ConstU64<1_000>;
	type RiskChangeExtraDelay = ConstU64<5>;
	type MaxCuratorFee = MaxCuratorFee;
	type VirtualShares = ConstU128<1>;
	type MaxWithdrawalRequests = ConstU32<4>;
	type MaxAllowedAvs = ConstU32<4>;
	type StringLimit = ConstU32<32>;
	type OnSharesChanged = Lrt2;
	type OnStakeChanged = Lrt2;
	type SlashHolds = ();
	type Allocations = Operators;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

impl pallet_operators::Config for Test {
	type AssetKind = AssetKind;
	type Vaults = Vaults;
	type SlashHolds = ();
	type OnStakeChanged = Lrt2;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = ConstU128<50>;
	type OperatorDeposit = ConstU128<20>;
	type AllocationDelay = ConstU64<ALLOCATION_DELAY>;
	type DeallocationDelay = ConstU64<10>;
	type CommissionIncreaseDelay = ConstU64<15>;
	type MaxCommission = MaxCommission;
	type MaxAvsPerOperator = ConstU32<4>;
	type MaxOperatorsPerAvs = ConstU32<4>;
	type MaxVaultsPerPair = ConstU32<4>;
	type MaxAllocationsPerVault = ConstU32<MAX_PAIRS>;
	type MaxAcceptedAssets = ConstU32<4>;
	type MaxVaultAllowlist = ConstU32<4>;
	type MinAllocation = polkadot_sdk::frame_support::traits::ConstU128<0>;
	type StringLimit = ConstU32<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

impl pallet_lrt2::Config for Test {
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Vaults = Vaults;
	type Stake = Operators;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StreamDeposit = ConstU128<STREAM_DEPOSIT>;
	type ProgrammeDeposit = ConstU128<PROGRAMME_DEPOSIT>;
	type PalletId = Lrt2PalletId;
	type MinStreamDuration = ConstU64<MIN_DURATION>;
	type MaxStreamDuration = ConstU64<1_000_000>;
	type MaxStreamsPerAvs = ConstU32<MAX_STREAMS>;
	type MaxPairsPerVault = ConstU32<MAX_PAIRS>;
	type MaxSourcesPerVault = ConstU32<8>;
	type MaxPointSources = ConstU32<4>;
	type MaxRetiredSources = ConstU32<MAX_RETIRED>;
	type MaxRewardAssets = ConstU32<4>;
	type RewardDripPeriod = ConstU64<DRIP_PERIOD>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxVaultsPerHolder = ConstU32<MAX_VAULTS_PER_HOLDER>;
	type MaxReceivedVaults = ConstU32<2>;
	type MaxVaultsPerOperator = ConstU32<4>;
	type MaxClaimEntries = ConstU32<8>;
	type ClaimSettleBudget = ClaimSettleBudget;
	type MaxProgrammes = ConstU32<2>;
	type MaxOpenBounties = ConstU32<2>;
	type NameLimit = ConstU32<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// The vault pallet's benchmarks need an LST: this mock's stETH.
#[cfg(feature = "runtime-benchmarks")]
impl pallet_vaults::benchmarking::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn create_asset_and_fund(who: &AccountId, amount: u128) -> AssetKind {
		use polkadot_sdk::frame_support::traits::fungibles;
		assert_ok!(<Assets as fungibles::Mutate<_>>::mint_into(STETH, who, amount));
		steth()
	}
	fn create_avs() -> AvsId {
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		let owner: AccountId = 9_999;
		assert_ok!(<Balances as Mutate<_>>::mint_into(&owner, 1_000_000_000));
		pallet_operators::Pallet::<Test>::create_benchmark_avs(&owner)
			.expect("benchmark AVS can be registered")
	}
}

/// The operator pallet's benchmarks need a vault that permits the AVS, with stake.
#[cfg(feature = "runtime-benchmarks")]
impl pallet_operators::benchmarking::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn create_vault(curator: &AccountId, avs: AvsId) -> VaultId {
		pallet_vaults::Pallet::<Test>::create_benchmark_vault(curator, avs)
			.expect("benchmark vault can be created")
	}
}

/// Sets up the benchmarks' scenarios in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn reward_assets(who: &AccountId, amount: u128) -> Vec<AssetKind> {
		use polkadot_sdk::frame_support::traits::fungibles::Mutate;
		assert_ok!(<Assets as Mutate<_>>::mint_into(USDC, who, amount));
		assert_ok!(<Assets as Mutate<_>>::mint_into(DAI, who, amount));
		assert_ok!(
			<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<_>>::mint_into(
				who, amount
			)
		);
		vec![usdc(), NativeOrWithId::Native, NativeOrWithId::WithId(DAI)]
	}
	fn fund(who: &AccountId, amount: u128) {
		use polkadot_sdk::frame_support::traits::{fungible, fungibles};
		assert_ok!(<Balances as fungible::Mutate<_>>::mint_into(who, amount));
		assert_ok!(<Assets as fungibles::Mutate<_>>::mint_into(STETH, who, amount));
	}
	fn vault_with_pairs(
		curator: &AccountId,
		holder: &AccountId,
		pairs: u32,
	) -> (VaultId, Vec<AvsId>) {
		let vault = create_vault(*curator);
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(*holder), vault, 1_000_000));
		let mut avss = Vec::new();
		for _ in 0..pairs {
			let next = pallet_operators::NextAvsId::<Test>::get();
			let owner = 10_000 + u64::from(next);
			let operator = 20_000 + u64::from(next);
			<Self as crate::benchmarking::BenchmarkHelper<Test>>::fund(&owner, 1_000_000_000);
			<Self as crate::benchmarking::BenchmarkHelper<Test>>::fund(&operator, 1_000_000_000);
			let avs = register_avs(owner);
			register_operator(operator, Perbill::from_percent(10));
			assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(*curator), vault, avs));
			System::set_block_number(System::block_number() + 20);
			allocate_now(*curator, vault, operator, avs, Perbill::from_percent(5));
			avss.push(avs);
		}
		(vault, avss)
	}
	fn avs_operator(avs: AvsId) -> AccountId {
		20_000 + u64::from(avs)
	}
	fn avs_without_stake() -> AvsId {
		<Self as crate::benchmarking::BenchmarkHelper<Test>>::fund(&30_000, 1_000_000_000);
		register_avs(30_000)
	}
}

/// Test constants.
pub const LRT_OFFSET: u32 = 1_000;
pub const ALLOCATION_DELAY: u64 = 5;
pub const MIN_DURATION: u64 = 5;
pub const DRIP_PERIOD: u64 = 10;
pub const STREAM_DEPOSIT: u128 = 5;
pub const PROGRAMME_DEPOSIT: u128 = 7;
pub const MAX_STREAMS: u32 = 3;
pub const MAX_PAIRS: u32 = 4;
pub const MAX_VAULTS_PER_HOLDER: u32 = 3;
pub const MAX_RETIRED: u32 = 2;

/// Accounts.
pub const CURATOR: AccountId = 1;
pub const AVS_OWNER: AccountId = 2;
pub const OPERATOR: AccountId = 3;
pub const ALICE: AccountId = 4;
pub const BOB: AccountId = 5;
pub const CHARLIE: AccountId = 6;
pub const STRANGER: AccountId = 7;
pub const OPERATOR_2: AccountId = 8;

/// The LST the vaults hold (min balance 1) and a reward token (min balance 1).
pub const STETH: AssetId = 7;
pub const USDC: AssetId = 9;
/// A third reward asset, for the benchmarks (`claim` pays more entries than a holder has
/// vaults).
pub const DAI: AssetId = 11;
pub const INITIAL: Balance = 1_000_000_000_000_000_000_000_000;

pub fn steth() -> AssetKind {
	NativeOrWithId::WithId(STETH)
}
/// What the first funding of `asset` adds to the ledger as its permanent seed.
pub fn ledger_seed(asset: AssetId) -> u128 {
	<Assets as polkadot_sdk::frame_support::traits::fungibles::Inspect<AccountId>>::minimum_balance(
		asset,
	)
}

/// The native token as a reward asset.
pub fn native() -> AssetKind {
	NativeOrWithId::Native
}

pub fn usdc() -> AssetKind {
	NativeOrWithId::WithId(USDC)
}

pub fn new_test_ext() -> polkadot_sdk::sp_io::TestExternalities {
	let accounts = [CURATOR, AVS_OWNER, OPERATOR, ALICE, BOB, CHARLIE, STRANGER, OPERATOR_2];
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let ledger = pallet_lrt2::Pallet::<Test>::account_id();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts
			.iter()
			.map(|a| (*a, 1_000_000_000))
			.chain(core::iter::once((ledger, ED)))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(STETH, CURATOR, true, 1), (USDC, CURATOR, true, 1), (DAI, CURATOR, true, 1)],
		accounts: accounts
			.iter()
			.flat_map(|a| [(STETH, *a, INITIAL), (USDC, *a, INITIAL)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_lrt2::GenesisConfig::<Test> {
		reward_assets: vec![NativeOrWithId::Native, steth(), usdc()],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = polkadot_sdk::sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks every invariant of the ledger.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().expect("LRT² invariants hold after the test");
	});
}

/// Moves to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// A stETH vault curated by `curator` with a 0 % fee and the minimum delay.
pub fn create_vault(curator: AccountId) -> VaultId {
	let id = pallet_vaults::NextVaultId::<Test>::get();
	assert_ok!(Vaults::create_vault(
		RuntimeOrigin::signed(curator),
		steth(),
		pallet_vaults::VaultParams {
			deposit_cap: u128::MAX,
			min_deposit: 1,
			withdrawal_delay: 10,
			curator_fee: Perbill::zero(),
		},
		b"Restaked stETH".to_vec().try_into().unwrap(),
		b"rstETH".to_vec().try_into().unwrap(),
		18,
	));
	id
}

/// An AVS owned by `owner` that accepts stETH at weight 100 %.
pub fn register_avs(owner: AccountId) -> AvsId {
	let id = pallet_operators::NextAvsId::<Test>::get();
	assert_ok!(Operators::register_avs(
		RuntimeOrigin::signed(owner),
		b"avs".to_vec().try_into().unwrap(),
		b"uri".to_vec().try_into().unwrap(),
		false,
		owner,
		Some(owner),
	));
	assert_ok!(Operators::set_accepted_asset(
		RuntimeOrigin::signed(owner),
		id,
		steth(),
		Some(Perbill::one())
	));
	id
}

/// Registers `operator` with `commission`.
pub fn register_operator(operator: AccountId, commission: Perbill) {
	assert_ok!(Operators::register_operator(
		RuntimeOrigin::signed(operator),
		b"op".to_vec().try_into().unwrap(),
		commission,
	));
}

/// `operator` opts in to `avs`, the vault allocates `share` to the pair and it takes effect
/// (the clock moves to the block it applies).
pub fn allocate_now(
	curator: AccountId,
	vault: VaultId,
	operator: AccountId,
	avs: AvsId,
	share: Perbill,
) {
	if pallet_operators::OptIns::<Test>::get(avs, operator).is_none() {
		assert_ok!(Operators::opt_in(RuntimeOrigin::signed(operator), avs));
	}
	assert_ok!(Operators::allocate(RuntimeOrigin::signed(curator), vault, operator, avs, share));
	// An increase waits for the allocation delay or the vault's exit delay, whichever is longer.
	let effective_at = pallet_operators::Allocations::<Test>::get((vault, operator, avs))
		.and_then(|a| a.pending)
		.map_or(System::block_number(), |p| p.effective_at);
	run_to_block(effective_at);
	assert_ok!(Operators::settle_allocation(RuntimeOrigin::signed(curator), vault, operator, avs));
}

/// The standard scene: vault 0 (stETH) allowing AVS 0, `OPERATOR` (10 % commission) opted in
/// with 100 % of the vault allocated, in force. Returns (vault, avs).
pub fn scene() -> (VaultId, AvsId) {
	let vault = create_vault(CURATOR);
	let avs = register_avs(AVS_OWNER);
	register_operator(OPERATOR, Perbill::from_percent(10));
	assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(CURATOR), vault, avs));
	run_to_block(System::block_number() + 20);
	allocate_now(CURATOR, vault, OPERATOR, avs, Perbill::one());
	(vault, avs)
}

/// [`scene`], with `ALICE` holding 1 000 000 LRT of the vault and the AVS streaming `amount`
/// USDC over `duration` blocks from now. Returns (vault, avs, the stream's first block).
pub fn scene_with_stream(amount: Balance, duration: u64) -> (VaultId, AvsId, u64) {
	let (vault, avs) = scene();
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault, 1_000_000));
	let start = System::block_number();
	assert_ok!(Lrt2::fund_stream(RuntimeOrigin::signed(AVS_OWNER), avs, usdc(), amount, duration));
	(vault, avs, start)
}

/// [`scene`] and a second vault of `CURATOR` allocating nothing: `ALICE` holds 1 000 000 LRT
/// of the first, `ALICE` 1 000 and `BOB` 3 000 of the second. Returns (vault a, vault b, avs).
pub fn two_vaults_scene() -> (VaultId, VaultId, AvsId) {
	let (vault_a, avs) = scene();
	let vault_b = create_vault(CURATOR);
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault_a, 1_000_000));
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(ALICE), vault_b, 1_000));
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), vault_b, 3_000));
	(vault_a, vault_b, avs)
}

/// [`scene`] and a second vault of `CURATOR` allocating 100 % to the same operator and AVS,
/// in force; no deposits. Returns (vault a, vault b, avs).
pub fn two_vaults_backing_scene() -> (VaultId, VaultId, AvsId) {
	let (vault_a, avs) = scene();
	let vault_b = create_vault(CURATOR);
	assert_ok!(Vaults::allow_avs(RuntimeOrigin::signed(CURATOR), vault_b, avs));
	run_to_block(System::block_number() + 20);
	allocate_now(CURATOR, vault_b, OPERATOR, avs, Perbill::one());
	(vault_a, vault_b, avs)
}

/// `who`'s unclaimed token rewards from `source` (after settling its vaults).
pub fn pending(who: AccountId, source: crate::SourceOf<Test>) -> u128 {
	crate::Pallet::<Test>::pending_rewards(who)
		.into_iter()
		.find(|(s, _)| *s == source)
		.map(|(_, a)| a)
		.unwrap_or(0)
}

/// The LRT² ledger's events since the last call, oldest first.
pub fn lrt2_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Lrt2(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}
