//! A test runtime: System, Balances and Operators, with an in-memory vault registry.

use crate::{self as pallet_operators};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{ConstU128, ConstU32, ConstU64},
	},
	frame_system, pallet_balances,
	sp_runtime::{BuildStorage, DispatchError, Perbill},
};
use restake_primitives::{
	shares::split_pro_rata,
	traits::{VaultInspect, VaultSlash},
	AvsId, VaultId,
};
use std::{cell::RefCell, collections::BTreeMap};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

restake_primitives::mock_runtime!(
	0 => System: frame_system,
	1 => Balances: pallet_balances,
	2 => Operators: pallet_operators,
);

restake_primitives::impl_mock_system_and_balances!(Test, Block, 1);

/// A vault of the in-memory registry.
#[derive(Clone, Debug, Default)]
pub struct MockVault {
	pub curator: AccountId,
	pub asset: u32,
	pub active: u128,
	pub queued: u128,
	pub allowed: Vec<AvsId>,
	/// Assets slashed so far (into escrow).
	pub slashed: Vec<u128>,
	/// The vault's exit delay (`ExitDelays::exit_delay`); 0 unless a test sets it.
	pub exit_delay: u64,
}

thread_local! {
	pub static VAULTS: RefCell<BTreeMap<VaultId, MockVault>> = const { RefCell::new(BTreeMap::new()) };
}

/// Adds vault `id` curated by `curator` holding `active` of asset `asset`, allowing `allowed`.
pub fn add_vault(id: VaultId, curator: AccountId, asset: u32, active: u128, allowed: &[AvsId]) {
	VAULTS.with(|v| {
		v.borrow_mut().insert(
			id,
			MockVault { curator, asset, active, allowed: allowed.to_vec(), ..Default::default() },
		)
	});
}

/// Runs `f` on vault `id`.
pub fn with_vault<R>(id: VaultId, f: impl FnOnce(&mut MockVault) -> R) -> R {
	VAULTS.with(|v| f(v.borrow_mut().get_mut(&id).expect("mock vault exists")))
}

/// The in-memory vault registry, standing in for `pallet-vaults`.
pub struct MockVaults;
impl VaultInspect<AccountId, u128> for MockVaults {
	type AssetKind = u32;
	fn vault_asset(vault: VaultId) -> Option<u32> {
		VAULTS.with(|v| v.borrow().get(&vault).map(|v| v.asset))
	}
	fn vault_exists(vault: VaultId) -> bool {
		VAULTS.with(|v| v.borrow().contains_key(&vault))
	}
	fn curator(vault: VaultId) -> Option<AccountId> {
		VAULTS.with(|v| v.borrow().get(&vault).map(|v| v.curator))
	}
	fn active_assets(vault: VaultId) -> u128 {
		VAULTS.with(|v| v.borrow().get(&vault).map_or(0, |v| v.active))
	}
	fn queued_assets(vault: VaultId) -> u128 {
		VAULTS.with(|v| v.borrow().get(&vault).map_or(0, |v| v.queued))
	}
	fn total_shares(vault: VaultId) -> u128 {
		Self::active_assets(vault)
	}
	fn allows_avs(vault: VaultId, avs: AvsId) -> bool {
		VAULTS.with(|v| v.borrow().get(&vault).is_some_and(|v| v.allowed.contains(&avs)))
	}
	fn shares_of(_: VaultId, _: &AccountId) -> u128 {
		0
	}
}
impl VaultSlash<AccountId, u128> for MockVaults {
	fn slash_vault(vault: VaultId, amount: u128) -> Result<u128, DispatchError> {
		VAULTS.with(|v| {
			let mut vaults = v.borrow_mut();
			let v = vaults.get_mut(&vault).ok_or(DispatchError::Other("no vault"))?;
			let (a, q) = split_pro_rata(amount, v.active, v.queued);
			v.active -= a;
			v.queued -= q;
			v.slashed.push(a + q);
			Ok(a + q)
		})
	}
	fn release_escrow(
		_: VaultId,
		_: u128,
		_: &restake_primitives::SlashDestination<AccountId>,
	) -> Result<bool, DispatchError> {
		Ok(false)
	}
	fn return_escrow(_: VaultId, _: u128) {}
}
impl restake_primitives::traits::ExitDelays<u64> for MockVaults {
	fn exit_delay(vault: VaultId) -> u64 {
		VAULTS.with(|v| v.borrow().get(&vault).map_or(0, |v| v.exit_delay))
	}
}

thread_local! {
	/// Pending slash holds `(operator, avs, requested_at, expires_at)` for tests that need
	/// them; empty, `MockSlashHolds` holds nothing (as `()`).
	pub static HOLDS: RefCell<Vec<(AccountId, AvsId, u64, u64)>> = const { RefCell::new(Vec::new()) };
}

/// `SlashHolds` driven by `HOLDS`, with pallet-slashing's rule: a request holds stake due to
/// leave after it was made, until it expires.
pub struct MockSlashHolds;
impl restake_primitives::traits::SlashHolds<AccountId, u64> for MockSlashHolds {
	fn vault_held_since(_: VaultId) -> Option<u64> {
		None
	}
	fn pair_held(operator: &AccountId, avs: AvsId, leaving_at: u64) -> bool {
		let now = frame_system::Pallet::<Test>::block_number();
		HOLDS.with(|h| {
			h.borrow().iter().any(|(o, a, requested, expires)| {
				o == operator && *a == avs && *expires > now && *requested < leaving_at
			})
		})
	}
}

pub const AVS_DEPOSIT: Balance = 50;
pub const OPERATOR_DEPOSIT: Balance = 20;
pub const ALLOCATION_DELAY: u64 = 5;
pub const DEALLOCATION_DELAY: u64 = 10;
pub const COMMISSION_DELAY: u64 = 15;
pub const MAX_AVS_PER_OPERATOR: u32 = 3;
pub const MAX_OPERATORS_PER_AVS: u32 = 3;
pub const MAX_VAULTS_PER_PAIR: u32 = 3;
pub const MAX_ALLOCATIONS_PER_VAULT: u32 = 3;

polkadot_sdk::frame_support::parameter_types! {
	/// Least stake of a new allocation; tests that need a floor set it.
	pub static MinAllocation: u128 = 0;
}

pub struct MaxCommission;
impl polkadot_sdk::frame_support::traits::Get<Perbill> for MaxCommission {
	fn get() -> Perbill {
		Perbill::from_percent(50)
	}
}

impl pallet_operators::Config for Test {
	type AssetKind = u32;
	type Vaults = MockVaults;
	type SlashHolds = MockSlashHolds;
	type OnStakeChanged = ();
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = ConstU128<AVS_DEPOSIT>;
	type OperatorDeposit = ConstU128<OPERATOR_DEPOSIT>;
	type AllocationDelay = ConstU64<ALLOCATION_DELAY>;
	type DeallocationDelay = ConstU64<DEALLOCATION_DELAY>;
	type CommissionIncreaseDelay = ConstU64<COMMISSION_DELAY>;
	type MaxCommission = MaxCommission;
	type MaxAvsPerOperator = ConstU32<MAX_AVS_PER_OPERATOR>;
	type MaxOperatorsPerAvs = ConstU32<MAX_OPERATORS_PER_AVS>;
	type MaxVaultsPerPair = ConstU32<MAX_VAULTS_PER_PAIR>;
	type MaxAllocationsPerVault = ConstU32<MAX_ALLOCATIONS_PER_VAULT>;
	type MaxAcceptedAssets = ConstU32<2>;
	type MaxVaultAllowlist = ConstU32<3>;
	type MinAllocation = MinAllocation;
	type StringLimit = ConstU32<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Creates mock vaults for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn create_vault(curator: &AccountId, avs: AvsId) -> VaultId {
		let id = VAULTS.with(|v| v.borrow().len() as VaultId);
		add_vault(id, *curator, 1, 1_000_000_000, &[avs]);
		id
	}
}

/// Accounts.
pub const AVS_OWNER: AccountId = 1;
pub const SLASHER: AccountId = 2;
pub const RESOLVER: AccountId = 3;
pub const OPERATOR: AccountId = 4;
pub const OPERATOR_2: AccountId = 5;
pub const CURATOR: AccountId = 6;
pub const STRANGER: AccountId = 7;

pub fn new_test_ext() -> polkadot_sdk::sp_io::TestExternalities {
	VAULTS.with(|v| v.borrow_mut().clear());
	HOLDS.with(|h| h.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=7).map(|a| (a, 10_000)).collect(),
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

/// The operator pallet's events since the last call, oldest first.
pub fn operator_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Operators(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}
