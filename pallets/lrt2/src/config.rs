//! The ledger's configuration and why it holds funds: a section of the pallet module
//! (`frame_support::pallet_macros::pallet_section`).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// Imported into [`crate::pallet`] with `#[import_section(config)]`.
#[pallet_section]
mod config {
	/// Configuration of the LRT² ledger.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// How assets are named (native or a `pallet-assets` id), as in the vault pallet.
		type AssetKind: Parameter + Member + MaxEncodedLen + Ord + Clone + MaybeSerializeDeserialize;

		/// Every asset rewards can be paid in: native and `pallet-assets` in one interface.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = Self::AssetKind, Balance = u128>;

		/// The vault pallet: LRT supply and balances, stake, curators, compounding.
		type Vaults: VaultInspect<Self::AccountId, u128, AssetKind = Self::AssetKind>
			+ VaultCompound<Self::AccountId, u128>;

		/// The operator pallet: AVS roles, allocations, commission.
		type Stake: StakeInspect<Self::AccountId, u128>;

		/// The native token: holds the deposits for streams.
		type NativeBalance: polkadot_sdk::frame_support::traits::fungible::MutateHold<
			Self::AccountId,
			Balance = u128,
			Reason = Self::RuntimeHoldReason,
		>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Native deposit held from a stream's funder for its record, returned when the
		/// finished stream is closed (`close_stream`).
		#[pallet::constant]
		type StreamDeposit: Get<u128>;

		/// Native deposit held from a programme's owner for its record, returned when the
		/// finished programme is closed (`close_programme`).
		#[pallet::constant]
		type ProgrammeDeposit: Get<u128>;

		/// Derives the ledger's keyless account, which holds every unpaid reward.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Shortest stream duration in blocks.
		#[pallet::constant]
		type MinStreamDuration: Get<BlockNumberFor<Self>>;

		/// Longest stream duration (and bounty expiry) in blocks.
		#[pallet::constant]
		type MaxStreamDuration: Get<BlockNumberFor<Self>>;

		/// Streams running at once per AVS.
		#[pallet::constant]
		type MaxStreamsPerAvs: Get<u32>;

		/// (operator, AVS) pairs the ledger tracks per vault (≥ the operator pallet's
		/// allocations per vault).
		#[pallet::constant]
		type MaxPairsPerVault: Get<u32>;

		/// Token sources from AVSs (the assets they stream) per vault. Rewards third parties
		/// add to a vault (`reward_vault`, [`Config::MaxRewardAssets`]) and points programmes
		/// ([`Config::MaxPointSources`]) have their own room on top, so neither can ever crowd
		/// AVS streams out.
		#[pallet::constant]
		type MaxSourcesPerVault: Get<u32>;

		/// Points programmes (of its AVSs or its own) that may credit a vault at a time: their
		/// room in the vault's source list, apart from token rewards. A finished programme
		/// gives its place to a new one (its source retires, see `MaxRetiredSources`); points
		/// beyond a full room of running programmes are not tallied.
		#[pallet::constant]
		type MaxPointSources: Get<u32>;

		/// Sources of each kind (AVS streams, points) a vault keeps after they left its list to
		/// make room for new ones, until every LRT that held them has been settled (anyone may
		/// settle a holder with `settle`). While this many of a kind wait, a finished source of
		/// that kind keeps its place in the list.
		#[pallet::constant]
		type MaxRetiredSources: Get<u32>;

		/// Assets governance lists as rewards (the native token, LSTs). Only listed assets
		/// can fund streams, bounties or vault rewards: an asset anyone can create (and then
		/// freeze) cannot enter the ledger.
		#[pallet::constant]
		type MaxRewardAssets: Get<u32>;

		/// Blocks over which a reward added to a vault in one step (`reward_vault`) reaches its
		/// holders, evenly: a deposit placed just before it earns only its blocks' share.
		#[pallet::constant]
		type RewardDripPeriod: Get<BlockNumberFor<Self>>;

		/// Lists and delists reward assets.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Vaults `claim` syncs for one holder among those it entered by its own action
		/// (deposit, `track_vault`). A holder in more vaults is still settled whenever its LRT
		/// there changes.
		#[pallet::constant]
		type MaxVaultsPerHolder: Get<u32>;

		/// Vaults `claim` also syncs among those whose LRT the holder only received from
		/// others: a separate list, so LRT dust sent by anyone never displaces the holder's own.
		#[pallet::constant]
		type MaxReceivedVaults: Get<u32>;

		/// Vaults an operator's commission is synced from when it claims (pairs beyond it
		/// still accrue commission whenever their vault syncs).
		#[pallet::constant]
		type MaxVaultsPerOperator: Get<u32>;

		/// Entries one claim pays out at most; the rest waits for the next claim.
		#[pallet::constant]
		type MaxClaimEntries: Get<u32>;

		/// The weight one `claim` may spend settling the caller's vaults before it pays (never
		/// less than one vault's worst case): it stops before a vault that could take it past
		/// the budget, and the next claim resumes after the last vault settled. It keeps what a
		/// claim reserves in a block small whatever vaults a holder is in.
		#[pallet::constant]
		type ClaimSettleBudget: Get<Weight>;

		/// Points programmes per AVS and per vault.
		#[pallet::constant]
		type MaxProgrammes: Get<u32>;

		/// Open bounties per AVS.
		#[pallet::constant]
		type MaxOpenBounties: Get<u32>;

		/// Longest programme name.
		#[pallet::constant]
		type NameLimit: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up vaults, AVSs and allocations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: super::benchmarking::BenchmarkHelper<Self>;
	}

	/// Why this pallet holds native funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a stream's record, returned when the finished stream is closed.
		#[codec(index = 0)]
		StreamDeposit,
		/// The deposit for a programme's record, returned when the finished programme is
		/// closed.
		#[codec(index = 1)]
		ProgrammeDeposit,
	}
}
