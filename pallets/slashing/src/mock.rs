//! A test runtime: System and Slashing, with an in-memory operator registry.

use crate::{self as pallet_slashing};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{ConstU32, ConstU64},
	},
	frame_system::{self, EnsureRoot},
	pallet_balances,
	sp_runtime::{BuildStorage, DispatchError, Perbill},
};
use restake_primitives::{
	traits::{AllocationSlash, AvsRoles, StakeInspect},
	AvsId, SlashDestination, VaultId,
};
use std::{cell::RefCell, collections::BTreeMap};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

restake_primitives::mock_runtime!(
	0 => System: frame_system,
	1 => Slashing: pallet_slashing,
	2 => Balances: pallet_balances,
);

restake_primitives::impl_mock_system_and_balances!(Test, Block, 1);

/// The in-memory stake: AVS roles, slashable operators and per-vault allocations.
#[derive(Default)]
pub struct MockStakeState {
	pub roles: BTreeMap<AvsId, AvsRoles<AccountId>>,
	pub slashable: Vec<(AccountId, AvsId)>,
	/// (operator, avs) → [(vault, allocated stake)]
	pub allocations: BTreeMap<(AccountId, AvsId), Vec<(VaultId, u128)>>,
	/// Slashes taken: (operator, avs, fraction)
	pub slashes: Vec<(AccountId, AvsId, Perbill)>,
	/// AVSs past their exit window.
	pub deregistered: Vec<AvsId>,
	/// Escrow per vault, and what was released (vault, amount, destination) or returned
	/// (vault, amount).
	pub escrowed: BTreeMap<VaultId, u128>,
	pub released: Vec<(VaultId, u128, SlashDestination<AccountId>)>,
	pub returned: Vec<(VaultId, u128)>,
	/// Vaults whose asset cannot move (frozen): releases fail.
	pub frozen: Vec<VaultId>,
	/// The longest exit delay of any vault.
	pub longest_exit: u64,
}

thread_local! {
	pub static STAKE: RefCell<MockStakeState> = RefCell::new(MockStakeState::default());
}

pub struct MockStake;
impl StakeInspect<AccountId, u128> for MockStake {
	fn avs_roles(avs: AvsId) -> Option<AvsRoles<AccountId>> {
		STAKE.with(|s| s.borrow().roles.get(&avs).cloned())
	}
	fn is_slashable_operator(operator: &AccountId, avs: AvsId) -> bool {
		STAKE.with(|s| s.borrow().slashable.contains(&(*operator, avs)))
	}
	fn avs_can_slash(avs: AvsId) -> bool {
		STAKE.with(|s| {
			s.borrow().roles.contains_key(&avs) && !s.borrow().deregistered.contains(&avs)
		})
	}
	fn slashable_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> u128 {
		STAKE.with(|s| {
			s.borrow()
				.allocations
				.get(&(*operator, avs))
				.and_then(|v| v.iter().find(|(x, _)| *x == vault).map(|(_, a)| *a))
				.unwrap_or(0)
		})
	}
	fn effective_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> u128 {
		Self::slashable_allocation(vault, operator, avs)
	}
	fn pair_vaults(operator: &AccountId, avs: AvsId) -> Vec<VaultId> {
		STAKE.with(|s| {
			s.borrow()
				.allocations
				.get(&(*operator, avs))
				.map(|v| v.iter().map(|(x, _)| *x).collect())
				.unwrap_or_default()
		})
	}
	fn vault_pairs(vault: VaultId) -> Vec<(AccountId, AvsId)> {
		STAKE.with(|s| {
			s.borrow()
				.allocations
				.iter()
				.filter(|(_, v)| v.iter().any(|(x, _)| *x == vault))
				.map(|(pair, _)| *pair)
				.collect()
		})
	}
	fn weighted_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> u128 {
		Self::slashable_allocation(vault, operator, avs)
	}
	fn commission(_: &AccountId) -> polkadot_sdk::sp_runtime::Perbill {
		polkadot_sdk::sp_runtime::Perbill::zero()
	}
}
impl AllocationSlash<AccountId, u128> for MockStake {
	fn max_vaults_per_allocation() -> u32 {
		4
	}
	fn observer_weight_per_vault() -> polkadot_sdk::frame_support::weights::Weight {
		polkadot_sdk::frame_support::weights::Weight::zero()
	}
	fn capture(operator: &AccountId, avs: AvsId) -> Vec<(VaultId, u128)> {
		STAKE.with(|s| {
			s.borrow()
				.allocations
				.get(&(*operator, avs))
				.map(|v| v.iter().copied().filter(|(_, a)| *a > 0).collect())
				.unwrap_or_default()
		})
	}
	fn slash_captured(
		operator: &AccountId,
		avs: AvsId,
		captured: &[(VaultId, u128)],
		fraction: Perbill,
	) -> Result<Vec<(VaultId, u128)>, DispatchError> {
		STAKE.with(|s| {
			let mut s = s.borrow_mut();
			s.slashes.push((*operator, avs, fraction));
			let mut taken = Vec::new();
			if let Some(allocs) = s.allocations.get_mut(&(*operator, avs)) {
				for (vault, captured) in captured {
					let Some((_, stake)) = allocs.iter_mut().find(|(v, _)| v == vault) else {
						continue;
					};
					let t = fraction.mul_ceil((*captured).min(*stake));
					*stake -= t;
					taken.push((*vault, t));
				}
			}
			for (vault, t) in &taken {
				*s.escrowed.entry(*vault).or_default() += t;
			}
			Ok(taken)
		})
	}
}

/// The vault side: the escrow.
pub struct MockVaults;
impl restake_primitives::traits::VaultSlash<AccountId, u128> for MockVaults {
	fn slash_vault(_: VaultId, amount: u128) -> Result<u128, DispatchError> {
		Ok(amount)
	}
	fn release_escrow(
		vault: VaultId,
		amount: u128,
		destination: &SlashDestination<AccountId>,
	) -> Result<bool, DispatchError> {
		STAKE.with(|s| {
			let mut s = s.borrow_mut();
			if s.frozen.contains(&vault) {
				return Err(DispatchError::Other("frozen"));
			}
			*s.escrowed.entry(vault).or_default() -= amount;
			s.released.push((vault, amount, *destination));
			Ok(matches!(destination, SlashDestination::Account(to) if *to != UNPAYABLE))
		})
	}
	fn return_escrow(vault: VaultId, amount: u128) {
		STAKE.with(|s| {
			let mut s = s.borrow_mut();
			*s.escrowed.entry(vault).or_default() -= amount;
			s.returned.push((vault, amount));
		});
	}
}
impl restake_primitives::traits::StakeExitDelays<AccountId, u64> for MockStake {
	fn avs_exit_delay(_: AvsId) -> u64 {
		STAKE.with(|s| s.borrow().longest_exit)
	}
	fn operator_exit_delay(_: &AccountId) -> u64 {
		STAKE.with(|s| s.borrow().longest_exit)
	}
}

/// An account that cannot receive escrowed funds (they are burnt).
pub const UNPAYABLE: AccountId = 99;

pub const POLICY_DELAY: u64 = 30;
pub const MAX_VETO: u64 = 20;
pub const EPOCH: u64 = 100;
pub const MAX_PENDING: u32 = 2;
pub const DEADLINE: u64 = 15;
pub const ESCROW_DELAY: u64 = 7;
pub const SLASH_DEPOSIT: u128 = 3;
pub const HISTORY_RETENTION: u64 = 50;

pub struct MinSlashFraction;
impl polkadot_sdk::frame_support::traits::Get<Perbill> for MinSlashFraction {
	fn get() -> Perbill {
		Perbill::from_parts(1_000)
	}
}

impl pallet_slashing::Config for Test {
	type Stake = MockStake;
	type Vaults = MockVaults;
	type AdminOrigin = EnsureRoot<AccountId>;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SlashDeposit = polkadot_sdk::frame_support::traits::ConstU128<SLASH_DEPOSIT>;
	type HistoryRetention = ConstU64<HISTORY_RETENTION>;
	type PolicyChangeDelay = ConstU64<POLICY_DELAY>;
	type ExecutionDeadline = ConstU64<DEADLINE>;
	type MinSlashFraction = MinSlashFraction;
	type EscrowDelay = ConstU64<ESCROW_DELAY>;
	type MaxHoldsPerVault = ConstU32<8>;
	type MaxSlashesPerEpoch = ConstU32<4>;
	type MaxVetoWindow = ConstU64<MAX_VETO>;
	type EpochLength = ConstU64<EPOCH>;
	type MaxPendingPerAvs = ConstU32<MAX_PENDING>;
	type MaxVaultsPerSlash = ConstU32<4>;
	type ReasonLimit = ConstU32<32>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Sets up the in-memory stake for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn setup_pair(owner: &AccountId, operator: &AccountId, n: u32) -> AvsId {
		STAKE.with(|s| {
			let mut s = s.borrow_mut();
			s.roles
				.insert(7, AvsRoles { owner: *owner, slasher: *owner, resolver: Some(*owner) });
			s.slashable.push((*operator, 7));
			s.allocations.insert((*operator, 7), (0..n).map(|v| (v, 1_000)).collect());
		});
		7
	}
}

pub const OWNER: AccountId = 1;
pub const SLASHER: AccountId = 2;
pub const RESOLVER: AccountId = 3;
pub const OPERATOR: AccountId = 4;
pub const STRANGER: AccountId = 5;
/// AVS 0: vetoable (resolver 3); AVS 1: no resolver.
pub const VETO_AVS: AvsId = 0;
pub const INSTANT_AVS: AvsId = 1;

pub fn new_test_ext() -> polkadot_sdk::sp_io::TestExternalities {
	STAKE.with(|s| {
		let mut s = s.borrow_mut();
		*s = MockStakeState::default();
		s.roles.insert(
			VETO_AVS,
			AvsRoles { owner: OWNER, slasher: SLASHER, resolver: Some(RESOLVER) },
		);
		s.roles
			.insert(INSTANT_AVS, AvsRoles { owner: OWNER, slasher: SLASHER, resolver: None });
		s.slashable = vec![(OPERATOR, VETO_AVS), (OPERATOR, INSTANT_AVS)];
		s.allocations.insert((OPERATOR, VETO_AVS), vec![(0, 1_000), (1, 500)]);
		s.allocations.insert((OPERATOR, INSTANT_AVS), vec![(0, 2_000)]);
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, SLASHER, RESOLVER, OPERATOR, STRANGER].map(|a| (a, 1_000)).to_vec(),
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

/// The slashing pallet's events since the last call, oldest first.
pub fn slashing_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Slashing(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}
