//! The operator pallet's configuration trait and hold reasons.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod config {
	/// Configuration of the operator pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// How assets are named (must match the vault pallet's).
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord + Clone + MaybeSerializeDeserialize;

		/// The vault pallet: who curates a vault, its stake, its allowlist, its slash hook, and
		/// how long its holders need to leave.
		type Vaults: VaultInspect<Self::AccountId, u128, AssetKind = Self::AssetKind>
			+ VaultSlash<Self::AccountId, u128>
			+ ExitDelays<BlockNumberFor<Self>>;

		/// Slash requests in flight: stake they captured cannot leave a pair until they
		/// resolve.
		type SlashHolds: SlashHolds<Self::AccountId, BlockNumberFor<Self>>;

		/// Told after a vault's allocations changed (the LRT² ledger re-weighs its stake).
		type OnStakeChanged: OnStakeChanged;

		/// The native token: holds AVS and operator deposits and self-bonds.
		type NativeBalance: fungible::MutateHold<
			Self::AccountId,
			Reason = Self::RuntimeHoldReason,
			Balance = u128,
		>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Deposit held to register an AVS.
		#[pallet::constant]
		type AvsDeposit: Get<u128>;

		/// Deposit held to register an operator.
		#[pallet::constant]
		type OperatorDeposit: Get<u128>;

		/// Blocks before an allocation increase takes effect (and becomes slashable).
		#[pallet::constant]
		type AllocationDelay: Get<BlockNumberFor<Self>>;

		/// Blocks before a decrease, an opt-out or a deregistration takes effect; stake stays
		/// slashable meanwhile. At least the longest veto window.
		#[pallet::constant]
		type DeallocationDelay: Get<BlockNumberFor<Self>>;

		/// Least blocks before an operator's commission increase applies; it also waits
		/// longer than the withdrawal delay of every vault that has allocated to the operator.
		#[pallet::constant]
		type CommissionIncreaseDelay: Get<BlockNumberFor<Self>>;

		/// Highest operator commission.
		#[pallet::constant]
		type MaxCommission: Get<Perbill>;

		/// AVSs one operator can be opted in to.
		#[pallet::constant]
		type MaxAvsPerOperator: Get<u32>;

		/// Operators one AVS can have.
		#[pallet::constant]
		type MaxOperatorsPerAvs: Get<u32>;

		/// Vaults that can allocate to one (operator, AVS) pair.
		#[pallet::constant]
		type MaxVaultsPerPair: Get<u32>;

		/// (operator, AVS) pairs one vault can allocate to.
		#[pallet::constant]
		type MaxAllocationsPerVault: Get<u32>;

		/// Assets one AVS can accept.
		#[pallet::constant]
		type MaxAcceptedAssets: Get<u32>;

		/// Vaults an operator's allowlist can name (`set_vault_allowlist`).
		#[pallet::constant]
		type MaxVaultAllowlist: Get<u32>;

		/// Least stake, in the vault asset's base units, a vault must put behind a pair to
		/// start allocating to it: empty vaults cannot take the pair's `MaxVaultsPerPair` slots.
		#[pallet::constant]
		type MinAllocation: Get<u128>;

		/// Longest name or URI.
		#[pallet::constant]
		type StringLimit: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates vaults and their curators for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: super::benchmarking::BenchmarkHelper<Self>;
	}

	/// Why this pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for registering an AVS.
		#[codec(index = 0)]
		AvsRegistration,
		/// The deposit of an operator (and the self-bond it held before spec 106).
		#[codec(index = 1)]
		OperatorBond,
	}
}
