//! # Restake runtime
//!
//! The FRAME runtime of the Restake chain: a standalone Aura + GRANDPA chain that implements
//! liquid restaking 2.0 on-chain.
//!
//! - [`configs`]: the configuration of every pallet.
//! - [`apis`]: the runtime APIs the node and clients call.
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.
//!
//! The native token is [`TOKEN_SYMBOL`] with [`TOKEN_DECIMALS`] decimals; addresses use the
//! SS58 prefix [`SS58_PREFIX`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod views;
pub mod weights;

use alloc::vec::Vec;
pub use polkadot_sdk::{self, *};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: the node knows the block format without knowing the runtime's extrinsics.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys an authority holds: one for Aura block authoring, one for GRANDPA finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime version. Bump `spec_version` on every change of runtime logic.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("restake"),
	impl_name: alloc::borrow::Cow::Borrowed("restake-node"),
	authoring_version: 1,
	spec_version: 112,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

/// The symbol of the native token, as wallets show it.
pub const TOKEN_SYMBOL: &str = "RSTK";
/// The number of decimals of the native token.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address prefix of this chain (a value not registered by another network).
pub const SS58_PREFIX: u16 = 4242;

/// Block time targeted by Aura, in milliseconds.
pub const MILLI_SECS_PER_BLOCK: u64 = 3000;
/// Aura slot duration: one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Time is measured in number of blocks.
/// One minute, in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// One hour, in blocks.
pub const HOURS: BlockNumber = MINUTES * 60;
/// One day, in blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// One whole native token (`10^TOKEN_DECIMALS` plancks).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a token.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a token.
pub const MICRO_UNIT: Balance = 1_000_000;

/// The minimum balance an account must hold to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// A signature on the chain.
pub type Signature = MultiSignature;
/// An account id: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of the native token or of any asset.
pub type Balance = u128;
/// The index of a transaction in an account's history.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// The identifier of a `pallet-assets` asset (LSTs and LRTs).
pub type AssetId = u32;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier type.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions applied to every signed transaction.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade. Each is versioned: it runs once, at
/// the on-chain storage version it migrates from, and is a no-op afterwards.
///
/// - spec 101: vaults v1 → v2, every vault gains its lifetime flows.
/// - spec 103: LRT² v1 → v2, the native token and the listed LSTs become the reward assets.
/// - spec 104: slashing v2 → v3, pending requests are indexed by operator.
/// - spec 105: LRT² v2 → v3, vaults record the AVS programmes their pairs still earn from.
pub type Migrations = (
	pallet_vaults::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_operators::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_operators::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_slashing::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_slashing::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_lrt2::migrations::v2::MigrateV1ToV2<Runtime, configs::restaking::InitialRewardAssets>,
	pallet_lrt2::migrations::v3::MigrateV2ToV3<Runtime>,
);

/// Executive: dispatches incoming extrinsics to the right pallet.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(8)]
	pub type Assets = pallet_assets;

	// Restaking.
	#[runtime::pallet_index(20)]
	pub type Vaults = pallet_vaults;
	#[runtime::pallet_index(21)]
	pub type Operators = pallet_operators;
	#[runtime::pallet_index(22)]
	pub type Slashing = pallet_slashing;
	#[runtime::pallet_index(23)]
	pub type Lrt2 = pallet_lrt2;
}
