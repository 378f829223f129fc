//! Configuration of the restaking pallets.

use crate::{AccountId, AssetId, Assets, Balances, BlockNumber, Runtime, RuntimeHoldReason, UNIT};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU128, ConstU32, Get,
	},
	weights::Weight,
	PalletId,
};
use frame_system::EnsureRoot;
use polkadot_sdk::*;
use sp_runtime::Perbill;

/// The native token and every `pallet-assets` asset behind one `fungibles` interface.
pub type NativeAndAssets =
	UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

parameter_types! {
	/// Derives every vault's keyless account.
	pub const VaultsPalletId: PalletId = PalletId(*b"rs/vault");
	/// Highest curator fee on rewards.
	pub const MaxCuratorFee: Perbill = Perbill::from_percent(20);
	/// Floor of every vault's withdrawal delay (20 blocks = 1 minute). Vaults choose their
	/// own delay above it: the dev preset's vaults use minutes, the local testnet's days.
	pub const MinWithdrawalDelay: BlockNumber = 20;
	/// Ceiling of every vault's withdrawal delay (14 days, EigenLayer's withdrawal delay).
	/// Slashing policies and commissions raise risk for every vault at once: they wait out
	/// the longest delay a vault actually has, so this bounds how long such changes take.
	pub const MaxWithdrawalDelay: BlockNumber = 14 * crate::DAYS;
	/// Risk-raising changes wait a vault's withdrawal delay plus this: longer than the
	/// longest a pending slash can hold a matured claim (veto window + execution deadline),
	/// so a holder who asked to leave when the change was announced is out before it applies.
	pub const RiskChangeExtraDelay: BlockNumber =
		MaxVetoWindow::get() + SlashExecutionDeadline::get() + 1;
}

parameter_types! {
	/// Allocation increases wait 10 blocks (30 s) before they count and can be slashed.
	pub const AllocationDelay: BlockNumber = 10;
	/// Decreases, opt-outs and deregistrations wait 20 blocks and stay slashable meanwhile:
	/// at least the longest veto window, at most `MinWithdrawalDelay`.
	pub const DeallocationDelay: BlockNumber = 20;
	/// Operator commission increases wait 40 blocks: longer than a withdrawal takes.
	pub const CommissionIncreaseDelay: BlockNumber = 40;
	/// Highest operator commission.
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
	/// A new allocation puts at least 10^12 base units of the vault's asset behind its pair
	/// (1 RSTK; 10^-6 of an 18-decimal LST): an empty vault cannot take a pair's slot. An
	/// operator who wants to choose its vaults sets an allowlist.
	pub const MinAllocation: u128 = crate::UNIT;
}

impl pallet_operators::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Vaults = crate::Vaults;
	type SlashHolds = crate::Slashing;
	type OnStakeChanged = crate::Lrt2;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AvsDeposit = ConstU128<{ 100 * UNIT }>;
	type OperatorDeposit = ConstU128<{ 100 * UNIT }>;
	type AllocationDelay = AllocationDelay;
	type DeallocationDelay = DeallocationDelay;
	type CommissionIncreaseDelay = CommissionIncreaseDelay;
	type MaxCommission = MaxCommission;
	type MaxAvsPerOperator = ConstU32<16>;
	type MaxOperatorsPerAvs = ConstU32<64>;
	type MaxVaultsPerPair = ConstU32<16>;
	type MaxAllocationsPerVault = ConstU32<MAX_PAIRS_PER_VAULT>;
	type MaxAcceptedAssets = ConstU32<8>;
	type MaxVaultAllowlist = ConstU32<32>;
	type MinAllocation = MinAllocation;
	type StringLimit = ConstU32<64>;
	type WeightInfo = crate::weights::pallet_operators::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::OperatorsBenchmarkHelper;
}

parameter_types! {
	/// Riskier slashing policies wait at least 60 blocks, and always longer than the longest
	/// withdrawal delay of any vault.
	pub const PolicyChangeDelay: BlockNumber = 60;
	/// A request can execute for 20 blocks after its veto window, then expires: a withdrawal
	/// it holds waits at most `MaxVetoWindow` + 20 = 40 blocks past its unlock.
	pub const SlashExecutionDeadline: BlockNumber = 20;
	/// No request below 0.1 %: dust requests cannot be chained to hold stake.
	pub const MinSlashFraction: Perbill = Perbill::from_perthousand(1);
	/// Funds slashed to an account wait 20 blocks, cancellable by governance.
	pub const SlashEscrowDelay: BlockNumber = 20;
	/// Longest veto window: the deallocation delay, so vetoable stake cannot leave first.
	pub const MaxVetoWindow: BlockNumber = DeallocationDelay::get();
	/// Epochs of 100 blocks (5 minutes) for per-epoch slashing caps.
	pub const SlashingEpoch: BlockNumber = 100;
}

impl pallet_slashing::Config for Runtime {
	type Stake = crate::Operators;
	type Vaults = crate::Vaults;
	type AdminOrigin = EnsureRoot<AccountId>;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A request's record (up to ~700 bytes with 16 vaults) holds 1 UNIT from the slasher.
	type SlashDeposit = ConstU128<UNIT>;
	/// Records stay readable for 28 days after settlement, then anyone may prune them.
	type HistoryRetention = ConstU32<{ 28 * crate::DAYS }>;
	type PolicyChangeDelay = PolicyChangeDelay;
	type ExecutionDeadline = SlashExecutionDeadline;
	type MinSlashFraction = MinSlashFraction;
	type EscrowDelay = SlashEscrowDelay;
	// Every (operator, AVS) pair a vault can back, each with its AVS's pending requests.
	type MaxHoldsPerVault = ConstU32<{ MAX_PAIRS_PER_VAULT * MAX_PENDING_PER_AVS }>;
	type MaxSlashesPerEpoch = ConstU32<16>;
	type MaxVetoWindow = MaxVetoWindow;
	type EpochLength = SlashingEpoch;
	type MaxPendingPerAvs = ConstU32<MAX_PENDING_PER_AVS>;
	type MaxVaultsPerSlash = ConstU32<16>;
	type ReasonLimit = ConstU32<128>;
	type WeightInfo = crate::weights::pallet_slashing::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::SlashingBenchmarkHelper;
}

/// LRT of vault `i` is `pallet-assets` asset `LRT_ASSET_ID_OFFSET + i`.
pub const LRT_ASSET_ID_OFFSET: u32 = 1_000;
/// With `10^3` virtual shares per asset unit, an LRT with 3 more decimals than its asset
/// shows 1 LRT ≈ 1 asset.
pub const VIRTUAL_SHARES: u128 = 1_000;

impl pallet_vaults::Config for Runtime {
	type AssetId = AssetId;
	type Assets = NativeAndAssets;
	type Lrt = Assets;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = VaultsPalletId;
	type VaultDeposit = ConstU128<{ 100 * UNIT }>;
	type LrtAssetIdOffset = ConstU32<LRT_ASSET_ID_OFFSET>;
	type MinWithdrawalDelay = MinWithdrawalDelay;
	/// Vault-asset rewards reach the exchange rate over 10 minutes (see pallet-lrt2's drip).
	type RewardReleasePeriod = ConstU32<{ 10 * crate::MINUTES }>;
	type MaxWithdrawalDelay = MaxWithdrawalDelay;
	type RiskChangeExtraDelay = RiskChangeExtraDelay;
	type MaxCuratorFee = MaxCuratorFee;
	type VirtualShares = ConstU128<VIRTUAL_SHARES>;
	type MaxWithdrawalRequests = ConstU32<16>;
	type MaxAllowedAvs = ConstU32<16>;
	type StringLimit = ConstU32<32>;
	type OnSharesChanged = crate::Lrt2;
	type OnStakeChanged = crate::Lrt2;
	type SlashHolds = crate::Slashing;
	type Allocations = crate::Operators;
	type WeightInfo = crate::weights::pallet_vaults::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::VaultsBenchmarkHelper;
}

/// (operator, AVS) pairs one vault may allocate to: bounds the work of syncing a vault's
/// rewards on every deposit, transfer and withdrawal.
pub const MAX_PAIRS_PER_VAULT: u32 = 16;
/// Pending slash requests one AVS may have at a time.
pub const MAX_PENDING_PER_AVS: u32 = 8;

parameter_types! {
	/// Derives the LRT² ledger's keyless account.
	pub const Lrt2PalletId: PalletId = PalletId(*b"rs/lrt2 ");
}

/// The reward assets a chain upgrading to LRT² storage version 2 starts with: the native
/// token and the listed LSTs (the genesis presets list the same).
pub struct InitialRewardAssets;
impl frame_support::traits::Get<alloc::vec::Vec<NativeOrWithId<AssetId>>> for InitialRewardAssets {
	fn get() -> alloc::vec::Vec<NativeOrWithId<AssetId>> {
		core::iter::once(NativeOrWithId::Native)
			.chain(
				crate::genesis_config_presets::LISTED_LSTS
					.iter()
					.map(|lst| NativeOrWithId::WithId(lst.id)),
			)
			.collect()
	}
}

impl pallet_lrt2::Config for Runtime {
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = NativeAndAssets;
	type Vaults = crate::Vaults;
	type Stake = crate::Operators;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A stream's or programme's record (about 150 bytes) holds 1 UNIT from its creator
	/// until it is closed: nobody grows storage for free.
	type StreamDeposit = ConstU128<UNIT>;
	type ProgrammeDeposit = ConstU128<UNIT>;
	type PalletId = Lrt2PalletId;
	/// Streams last at least 10 blocks and at most about a year (3-second blocks).
	type MinStreamDuration = ConstU32<10>;
	type MaxStreamDuration = ConstU32<{ 365 * 24 * 1_200 }>;
	type MaxStreamsPerAvs = ConstU32<8>;
	type MaxPairsPerVault = ConstU32<MAX_PAIRS_PER_VAULT>;
	type MaxSourcesPerVault = ConstU32<16>;
	/// Points programmes that may credit one vault at a time: the vault's own four and those
	/// of its AVSs. A finished one gives its place to a new one.
	type MaxPointSources = ConstU32<16>;
	/// Finished sources of each kind (AVS streams, points) a vault keeps for holders that
	/// have not been settled since they finished (anyone may settle them with `lrt2.settle`).
	/// Each one is settled with every holder settlement and may be retired in any sync, so it
	/// adds to their declared worst case (and to `claim`'s, which has 16 of each).
	type MaxRetiredSources = ConstU32<4>;
	// The native token, the listed LSTs and room for governance to list a few more.
	type MaxRewardAssets = ConstU32<8>;
	/// Vault rewards outside the vault's asset reach holders over 10 minutes: a deposit
	/// placed just before one earns a block's share, not the holders'.
	type RewardDripPeriod = ConstU32<{ 10 * crate::MINUTES }>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxVaultsPerHolder = ConstU32<8>;
	type MaxReceivedVaults = ConstU32<4>;
	/// The vaults an operator's `claim` syncs first (commission accrues at every sync of
	/// them anyway).
	type MaxVaultsPerOperator = ConstU32<4>;
	type MaxClaimEntries = ConstU32<16>;
	type ClaimSettleBudget = ClaimSettleBudget;
	type MaxProgrammes = ConstU32<4>;
	type MaxOpenBounties = ConstU32<16>;
	type NameLimit = ConstU32<32>;
	type WeightInfo = crate::weights::pallet_lrt2::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Lrt2BenchmarkHelper;
}

/// What one `lrt2.claim` may spend settling the caller's vaults: two vaults at their worst
/// case. A claim then reserves well under a tenth of a block (blocks of claims fill past
/// 90 %), and settles every vault of a holder whose vaults are typical (a few pairs and
/// sources each cost a small part of the worst case) in one call; a holder in many
/// worst-case vaults is settled over several claims, each resuming where the last stopped.
pub struct ClaimSettleBudget;
impl Get<Weight> for ClaimSettleBudget {
	fn get() -> Weight {
		pallet_lrt2::Pallet::<Runtime>::claim_vault_weight().saturating_mul(2)
	}
}
