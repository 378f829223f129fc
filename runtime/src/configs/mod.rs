//! Configuration of every pallet in the runtime.

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
pub mod call_filter;
pub mod fees;
pub mod restaking;

use crate::{
	AccountId, AssetId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin,
	RuntimeTask, System, EXISTENTIAL_DEPOSIT, MILLI_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT,
	VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::{limits::BlockWeights, EnsureRoot, EnsureSigned};
use pallet_transaction_payment::FungibleAdapter;
use polkadot_sdk::*;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;

/// We allow `Normal` extrinsics to fill up the block up to 75%, the rest can be used by
/// `Operational` extrinsics.
pub(crate) const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per 3-second block (`MILLI_SECS_PER_BLOCK`).
pub(crate) const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

/// Largest block, in bytes.
pub(crate) const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// `MAXIMUM_BLOCK_WEIGHT`, of which normal transactions may use `NORMAL_DISPATCH_RATIO`;
	/// the empty block's and each extrinsic's base weight measured on this runtime
	/// (`benchmark overhead`, `weights::block_weights` and `weights::extrinsic_weights`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// 5 MiB blocks, of which `Normal` transactions may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(MAX_BLOCK_LENGTH)
			.modify_max_length_for_class(DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
			})
			.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The default configuration of a solochain's `frame_system`, with Restake's types.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	/// LRT moves only through the vault pallet (rewards settle first).
	type BaseCallFilter = call_filter::LrtMovesThroughVaults;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB only (`node/`): storage reads and writes are
	/// charged what `benchmark storage` measured on a populated ParityDB state of this chain
	/// (`weights::paritydb_weights`; 95th percentiles: 4.6 µs and 13.8 µs, against Substrate's
	/// reference 8 µs and 50 µs).
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	/// Measured on this runtime (`scripts/benchmark.sh`).
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	/// The transaction extensions every signed extrinsic runs, measured on this runtime.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

parameter_types! {
	/// Maximum number of named reserves, holds and freezes per account.
	pub const MaxBalanceEntries: u32 = 50;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = MaxBalanceEntries;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = MaxBalanceEntries;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// A full block of normal transactions costs `fees::FULL_BLOCK_FEE` (10 UNIT).
	type WeightToFee = fees::WeightToFee;
	/// A block full by length costs the same.
	type LengthToFee = fees::LengthToFee;
	/// Fees rise under sustained congestion and fall back when it ends.
	type FeeMultiplierUpdate = fees::SlowAdjustingFeeUpdate;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Deposit to create an asset: discourages spam of the asset registry.
	pub const AssetDeposit: Balance = 10 * UNIT;
	/// Deposit per asset account that is not sufficient.
	pub const AssetAccountDeposit: Balance = 10 * MILLI_UNIT;
	/// Base deposit for asset metadata.
	pub const MetadataDepositBase: Balance = 100 * MILLI_UNIT;
	/// Metadata deposit per byte.
	pub const MetadataDepositPerByte: Balance = MILLI_UNIT;
	/// Deposit per approval.
	pub const ApprovalDeposit: Balance = 10 * MILLI_UNIT;
}

/// `pallet-assets` is the home of listed LSTs and of the vaults' LRTs, so wallets and
/// polkadot.js show them like any other token.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
