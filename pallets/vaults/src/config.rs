//! The vault pallet's configuration trait and hold reasons.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod config {
	/// Configuration of the vault pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// Identifier of a `pallet-assets` asset (LSTs and LRTs).
		type AssetId: Parameter
			+ Member
			+ Copy
			+ MaxEncodedLen
			+ Ord
			+ From<u32>
			+ MaybeSerializeDeserialize;

		/// The underlying assets vaults hold: native and `pallet-assets` assets in one
		/// interface (e.g. `UnionOf<Balances, Assets, ..>`).
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetKindOf<Self>, Balance = u128>;

		/// Where LRTs live: created, minted and burnt by this pallet only.
		type Lrt: fungibles::Create<Self::AccountId, AssetId = Self::AssetId, Balance = u128>
			+ fungibles::Mutate<Self::AccountId>
			+ fungibles::Destroy<Self::AccountId>
			+ fungibles::metadata::Mutate<Self::AccountId>
			+ fungibles::metadata::MetadataDeposit<u128>;

		/// The native token: holds the vault creation deposit and seeds vault accounts.
		type NativeBalance: fungible::Mutate<Self::AccountId, Balance = u128>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Origin that may pause or resume any vault (governance).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives each vault's keyless account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Native deposit held from a vault's creator until the vault is destroyed.
		#[pallet::constant]
		type VaultDeposit: Get<u128>;

		/// LRT of vault `i` is asset `LrtAssetIdOffset + i`.
		#[pallet::constant]
		type LrtAssetIdOffset: Get<u32>;

		/// Lowest withdrawal delay a vault may set; at least the deallocation delay.
		#[pallet::constant]
		type MinWithdrawalDelay: Get<BlockNumberFor<Self>>;

		/// Blocks over which rewards in a vault's own asset (`add_rewards`) reach its exchange
		/// rate, evenly.
		#[pallet::constant]
		type RewardReleasePeriod: Get<BlockNumberFor<Self>>;

		/// Highest withdrawal delay a vault may set. Risk-raising changes wait longer than the
		/// delays of the vaults they affect, so this bounds how long such changes can take.
		#[pallet::constant]
		type MaxWithdrawalDelay: Get<BlockNumberFor<Self>>;

		/// Added to a vault's withdrawal delay for risk-raising changes (fee increases, new
		/// AVSs, and through [`ExitDelays`](restake_primitives::traits::ExitDelays) allocation
		/// increases, slashing policies and commissions): such a change waits strictly longer
		/// than a withdrawal takes, including the longest a pending slash can hold a matured
		/// claim (the runtime sets it above veto window + execution deadline).
		#[pallet::constant]
		type RiskChangeExtraDelay: Get<BlockNumberFor<Self>>;

		/// Highest curator fee.
		#[pallet::constant]
		type MaxCuratorFee: Get<Perbill>;

		/// Virtual shares `V` in the share maths (≥ 1).
		#[pallet::constant]
		type VirtualShares: Get<u128>;

		/// Queued withdrawal requests per holder and vault.
		#[pallet::constant]
		type MaxWithdrawalRequests: Get<u32>;

		/// AVSs in one vault's allowlist.
		#[pallet::constant]
		type MaxAllowedAvs: Get<u32>;

		/// Longest LRT name or symbol.
		#[pallet::constant]
		type StringLimit: Get<u32>;

		/// Told before a holder's LRT balance changes (the LRT² ledger settles rewards).
		type OnSharesChanged: OnSharesChanged<Self::AccountId, u128>;

		/// Told after a vault's active assets changed (the LRT² ledger re-weighs its stake).
		type OnStakeChanged: OnStakeChanged;

		/// Slash requests in flight: withdrawals that matured after a request that captured
		/// the vault's stake wait for its outcome (at most its veto window plus deadline).
		type SlashHolds: restake_primitives::traits::SlashHolds<
			Self::AccountId,
			BlockNumberFor<Self>,
		>;

		/// Whether a vault's stake is allocated: a vault is destroyed only without allocations.
		type Allocations: restake_primitives::traits::VaultAllocations;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates and funds assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: super::benchmarking::BenchmarkHelper<Self>;
	}

	/// Why this pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for creating a vault, returned when it is destroyed.
		#[codec(index = 0)]
		VaultCreation,
	}
}
