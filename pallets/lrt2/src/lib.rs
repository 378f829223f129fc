//! # LRT² reward ledger
//!
//! One on-chain, auditable ledger for everything an LRT holder or an operator earns:
//!
//! - **AVS reward streams**: an AVS funds `amount` of any asset, paid evenly per block over a
//!   duration to the stake allocated to it. Each block's share goes to the (operator, vault)
//!   pairs pro rata to their weighted allocated stake; the operator's commission is taken
//!   first, the rest goes to the vault's LRT holders. A vault without LRT holders earns
//!   nothing (what is left in it belongs to nobody). Blocks in which no stake with holders is
//!   allocated to the AVS are set aside and returnable to the funder: nothing is lost.
//! - **Vault rewards**: anyone (typically the curator, an LRT protocol) adds rewards to one
//!   vault's holders. In the vault's own asset they compound into the exchange rate (vault
//!   pallet); in any other asset they are paid through the per-holder ledger.
//! - **Task bounties**: an AVS escrows a bounty, awards it to an opted-in operator, or takes
//!   it back after expiry.
//! - **Points programmes**: an AVS owner or a vault curator defines a rate of points per unit
//!   of stake per block over a window; points accrue like rewards, are never transferable and
//!   anyone can read anyone's points.
//!
//! ## Mechanism (O(1) in holders and in past distributions)
//!
//! Three levels of cumulative indexes, each settled lazily:
//!
//! 1. per (AVS, asset): reward per unit of weighted stake ([`AvsPools`]), advanced by the
//!    AVS's streams over the blocks since the last update, divided by the AVS's total weight
//!    ([`AvsWeights`]);
//! 2. per (vault, operator, AVS) pair: the vault's weighted stake and the AVS index it last
//!    saw ([`VaultPairs`]); syncing a vault credits each pair `weight × Δindex`, takes the
//!    commission, and adds the rest to
//! 3. per (vault, source): amount per LRT share ([`VaultPools`]); a holder's accrual is
//!    `shares × Δindex` since its snapshot ([`HolderSnapshots`]).
//!
//! A vault is synced before any holder's LRT balance changes (the vault pallet calls
//! [`restake_primitives::traits::OnSharesChanged`]) and after its stake or allocations change
//! ([`restake_primitives::traits::OnStakeChanged`], from the vault and operator pallets).
//! Between two syncs a vault's stake is constant, so a position earns exactly for the blocks
//! it was at stake: a deposit just before a stream's last block earns one block's share.
//!
//! **LRT follows the holder** by settlement on every movement: LRT moves only through
//! `Vaults::transfer_shares` (the runtime refuses plain `pallet-assets` transfers of LRT),
//! which settles sender and receiver first. Accrued rewards stay with whoever held the LRT
//! while they accrued; the receiver starts from the current index. This keeps LRT liquid
//! (no lock-up to earn) and costs two holder settlements per transfer, bounded by the
//! vault's reward sources.
//!
//! Allocations that become effective at a future block (after the allocation delay) are
//! weighed at the vault's next sync; [`Pallet::poke`] syncs a vault for anyone.
//!
//! ## Claim
//!
//! [`Pallet::claim`] settles every vault the caller holds LRT in, syncs the vaults allocating
//! to its pairs if it is an operator, and pays every token entry it has earned (holder
//! rewards, commission, bounties), up to `MaxClaimEntries` per call. It settles vaults within
//! `ClaimSettleBudget` (a holder in many heavy vaults is settled over several claims, each
//! resuming after the last vault settled, `ClaimVaultCursor`), so what it reserves in a block
//! stays small.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use polkadot_sdk::frame_system;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod impls;
mod ledger;
pub mod migrations;
pub mod runtime_api;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::fungibles, PalletId},
		frame_system::pallet_prelude::*,
		sp_runtime::{traits::Zero, DispatchError, FixedU128},
	};
	use restake_primitives::{
		drip::Drip,
		traits::{StakeInspect, VaultCompound, VaultInspect},
		AvsId, VaultId,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	/// A stream as stored.
	pub type StreamOf<T> =
		Stream<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BlockNumberFor<T>>;
	/// A pair as stored.
	pub type PairStateOf<T> = PairState<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BlockNumberFor<T>,
		<T as Config>::MaxRewardAssets,
	>;
	/// A programme as stored.
	pub type ProgrammeOf<T> = Programme<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::NameLimit,
	>;
	/// A bounty as stored.
	pub type BountyOf<T> =
		Bounty<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BlockNumberFor<T>>;
	/// A source of rewards.
	pub type SourceOf<T> = Source<<T as Config>::AssetKind>;
	/// A vault's retired sources as stored.
	pub type RetiredSourcesOf<T> = RetiredSources<<T as Config>::AssetKind, MaxRetiredEntries<T>>;

	/// Longest raw storage key of an [`Earned`] entry: prefixes, the account's and the
	/// source's hashes and encodings.
	pub type ClaimKeyLimit = polkadot_sdk::frame_support::traits::ConstU32<256>;

	/// The bound of a vault's source list: AVS token sources, vault rewards and points.
	pub struct MaxVaultSources<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<u32> for MaxVaultSources<T> {
		fn get() -> u32 {
			T::MaxSourcesPerVault::get()
				.saturating_add(T::MaxRewardAssets::get())
				.saturating_add(T::MaxPointSources::get())
		}
	}

	/// The bound of a vault's retired sources: `MaxRetiredSources` AVS token sources and as
	/// many points sources, so neither kind's waiting holders can block the other's room.
	pub struct MaxRetiredEntries<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<u32> for MaxRetiredEntries<T> {
		fn get() -> u32 {
			T::MaxRetiredSources::get().saturating_mul(2)
		}
	}

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

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
		type BenchmarkHelper: crate::benchmarking::BenchmarkHelper<Self>;
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

	/// The deposit held for each stream funded since deposits exist (who paid it, how much).
	#[pallet::storage]
	pub type StreamDeposits<T: Config> =
		StorageMap<_, Twox64Concat, StreamId, (T::AccountId, u128)>;

	/// The id the next stream gets.
	#[pallet::storage]
	pub type NextStreamId<T> = StorageValue<_, StreamId, ValueQuery>;

	/// Every stream ever funded, for the audit trail (finished ones stay readable).
	#[pallet::storage]
	pub type Streams<T: Config> = StorageMap<_, Twox64Concat, StreamId, StreamOf<T>>;

	/// Streams of an AVS still paying out.
	#[pallet::storage]
	pub type ActiveStreams<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BoundedVec<StreamId, T::MaxStreamsPerAvs>, ValueQuery>;

	/// Assets an AVS has ever streamed (each has a pool in [`AvsPools`]): at most the listed
	/// reward assets, so an AVS may stream any of them, at once or one after another.
	#[pallet::storage]
	pub type AvsAssets<T: Config> = StorageMap<
		_,
		Twox64Concat,
		AvsId,
		BoundedVec<T::AssetKind, T::MaxRewardAssets>,
		ValueQuery,
	>;

	/// Reward index per (AVS, asset).
	#[pallet::storage]
	pub type AvsPools<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AssetKind,
		AvsPool<BlockNumberFor<T>>,
		ValueQuery,
	>;

	/// Sum of the weights of the pairs allocated to an AVS, as last synced.
	#[pallet::storage]
	pub type AvsWeights<T: Config> = StorageMap<_, Twox64Concat, AvsId, u128, ValueQuery>;

	/// The (operator, AVS) pairs a vault allocates to, with their weight and snapshots.
	#[pallet::storage]
	pub type VaultPairs<T: Config> = StorageMap<
		_,
		Twox64Concat,
		VaultId,
		BoundedVec<PairStateOf<T>, T::MaxPairsPerVault>,
		ValueQuery,
	>;

	/// The block a vault was last synced.
	#[pallet::storage]
	pub type VaultSyncedAt<T: Config> = StorageMap<_, Twox64Concat, VaultId, BlockNumberFor<T>>;

	/// The stake a vault's points programmes count, as of its last sync: points for the blocks
	/// since then use it, whatever changed the stake in between.
	#[pallet::storage]
	pub type VaultPointsStake<T: Config> = StorageMap<_, Twox64Concat, VaultId, u128>;

	/// Vault rewards (`reward_vault`, per vault and asset) still being released to the vault's
	/// holders, at most one per listed reward asset.
	#[pallet::storage]
	pub type VaultDrips<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		T::AssetKind,
		Drip<BlockNumberFor<T>>,
	>;

	/// The reward sources that have paid a vault's holders: at most `MaxSourcesPerVault`
	/// from AVSs and programmes plus at most `MaxRewardAssets` vault rewards.
	#[pallet::storage]
	pub type VaultSources<T: Config> = StorageMap<
		_,
		Twox64Concat,
		VaultId,
		BoundedVec<SourceOf<T>, MaxVaultSources<T>>,
		ValueQuery,
	>;

	/// Sources that left a vault's list to make room (a programme that ended, an AVS the
	/// vault no longer backs) while some of its LRT had not been settled past them.
	#[pallet::storage]
	pub type Retired<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, RetiredSourcesOf<T>, ValueQuery>;

	/// The vault's retirement count (`Retired::epoch`) when a holder was last settled there
	/// (kept once the vault has retired a source): the holder is owed the entries retired
	/// after it, and its snapshots of pools that began after it are from older pools.
	#[pallet::storage]
	pub type HolderEpochs<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The vault's retirement count when a pool began, for pools that began after the vault's
	/// first retirement (none before): a holder snapshot taken at a lower count belongs to an
	/// older pool of the same source, which retired.
	#[pallet::storage]
	pub type PoolsCreated<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, SourceOf<T>, u32>;

	/// Rounding dust of retired vault pools, per asset, once every holder settled them.
	#[pallet::storage]
	pub type RetiredDust<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, u128, ValueQuery>;

	/// The assets rewards may be paid in, listed by governance.
	#[pallet::storage]
	pub type RewardAssets<T: Config> =
		StorageValue<_, BoundedVec<T::AssetKind, T::MaxRewardAssets>, ValueQuery>;

	/// Amount per LRT share per (vault, source).
	#[pallet::storage]
	pub type VaultPools<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		SourceOf<T>,
		VaultPool,
		ValueQuery,
	>;

	/// A holder's index snapshot per (vault, holder, source).
	#[pallet::storage]
	pub type HolderSnapshots<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, VaultId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, SourceOf<T>>,
		),
		RewardIndex,
		ValueQuery,
	>;

	/// The vaults an account entered by its own action (deposit, `track_vault`) and holds (or
	/// held, until its next claim) LRT in: `claim` settles them.
	#[pallet::storage]
	pub type HolderVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxVaultsPerHolder>,
		ValueQuery,
	>;

	/// The vaults whose LRT an account only received from others (transfers): `claim` settles
	/// them too, but they never take the place of [`HolderVaults`].
	#[pallet::storage]
	pub type ReceivedVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxReceivedVaults>,
		ValueQuery,
	>;

	/// The vaults allocating to an operator's pairs, synced when it claims its commission.
	#[pallet::storage]
	pub type OperatorVaults<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<VaultId, T::MaxVaultsPerOperator>,
		ValueQuery,
	>;

	/// Settled, unclaimed token rewards per (account, source).
	#[pallet::storage]
	pub type Earned<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		SourceOf<T>,
		u128,
		ValueQuery,
	>;

	/// Where an account's next `claim` starts among its [`Earned`] entries (the raw storage
	/// key of the last entry the previous claim looked at), when that claim's window was full.
	#[pallet::storage]
	pub type ClaimCursor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<u8, ClaimKeyLimit>>;

	/// Where an account's next `claim` goes on from, when the previous one stopped at
	/// `ClaimSettleBudget` before going through all of the account's vaults: after the last
	/// vault it settled, up to the end of its round, then a new round from the lowest id.
	#[pallet::storage]
	pub type ClaimVaultCursor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ClaimRound>;

	/// Settled points per (account, programme).
	#[pallet::storage]
	pub type Points<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ProgrammeId,
		u128,
		ValueQuery,
	>;

	/// The id the next programme gets.
	#[pallet::storage]
	pub type NextProgrammeId<T> = StorageValue<_, ProgrammeId, ValueQuery>;

	/// Every points programme.
	#[pallet::storage]
	pub type Programmes<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, ProgrammeOf<T>>;

	/// Programmes rewarding stake allocated to an AVS: open ones, and closed ones some pair
	/// still owes (see [`ClosingProgrammes`]).
	#[pallet::storage]
	pub type AvsProgrammes<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BoundedVec<ProgrammeId, T::MaxProgrammes>, ValueQuery>;

	/// Programmes rewarding stake in a vault.
	#[pallet::storage]
	pub type VaultProgrammes<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, BoundedVec<ProgrammeId, T::MaxProgrammes>, ValueQuery>;

	/// How many (vault, operator) pairs of all vaults the ledger tracks for an AVS: every one
	/// owes a new programme of the AVS its points.
	#[pallet::storage]
	pub type AvsPairs<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// How many pairs an AVS programme still has to credit up to its end (those not synced
	/// past it): a closed programme keeps its slot and record until none is left.
	#[pallet::storage]
	pub type ProgrammePairs<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, u32, ValueQuery>;

	/// AVS programmes closed while pairs still owed them: they leave their AVS's list with
	/// the last of those pairs' syncs (anyone may `poke` a vault).
	#[pallet::storage]
	pub type ClosingProgrammes<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, ()>;

	/// The deposit held for each programme created since deposits exist (who paid it, how
	/// much).
	#[pallet::storage]
	pub type ProgrammeDeposits<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, (T::AccountId, u128)>;

	/// The id the next bounty gets.
	#[pallet::storage]
	pub type NextBountyId<T> = StorageValue<_, BountyId, ValueQuery>;

	/// Open (escrowed, not yet awarded or cancelled) bounties.
	#[pallet::storage]
	pub type Bounties<T: Config> = StorageMap<_, Twox64Concat, BountyId, BountyOf<T>>;

	/// Number of open bounties per AVS.
	#[pallet::storage]
	pub type OpenBounties<T: Config> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// Funded into and paid out of the ledger, per asset.
	#[pallet::storage]
	pub type Totals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AssetKind, AssetTotals, ValueQuery>;

	/// Streams and programmes that exist from the first block.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Assets listed as rewards.
		pub reward_assets: alloc::vec::Vec<T::AssetKind>,
		/// Vaults synced first, so their existing allocations weigh in the streams below.
		pub synced_vaults: alloc::vec::Vec<VaultId>,
		/// Streams `(funder = AVS owner, avs, asset, amount, duration)`.
		pub streams: alloc::vec::Vec<(T::AccountId, AvsId, T::AssetKind, u128, BlockNumberFor<T>)>,
		/// Programmes `(owner, scope, name, rate, start, end)`.
		#[allow(clippy::type_complexity)]
		pub programmes: alloc::vec::Vec<(
			T::AccountId,
			ProgrammeScope,
			alloc::vec::Vec<u8>,
			FixedU128,
			BlockNumberFor<T>,
			BlockNumberFor<T>,
		)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let listed: BoundedVec<_, _> =
				self.reward_assets.clone().try_into().expect("genesis reward assets fit");
			RewardAssets::<T>::put(listed);
			for vault in &self.synced_vaults {
				Pallet::<T>::sync_vault(*vault);
			}
			for (funder, avs, asset, amount, duration) in &self.streams {
				Pallet::<T>::do_fund_stream(funder, *avs, asset.clone(), *amount, *duration)
					.expect("genesis stream is valid");
			}
			for (owner, scope, name, rate, start, end) in &self.programmes {
				let name = name.clone().try_into().expect("genesis programme name fits");
				Pallet::<T>::do_create_programme(owner, *scope, name, *rate, *start, *end)
					.expect("genesis programme is valid");
			}
		}
	}

	/// Events of the LRT² ledger.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS funded a reward stream.
		StreamFunded {
			/// The stream.
			stream: StreamId,
			/// The AVS whose stake earns it.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount escrowed.
			amount: u128,
			/// Last block it pays for.
			end: BlockNumberFor<T>,
		},
		/// Unallocated stream amounts went back to the funder.
		UnallocatedReclaimed {
			/// The stream.
			stream: StreamId,
			/// The funder.
			funder: T::AccountId,
			/// Amount returned.
			amount: u128,
		},
		/// Rewards in a non-vault asset were added to a vault's holders.
		VaultRewarded {
			/// The vault.
			vault: VaultId,
			/// Who paid.
			from: T::AccountId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
			/// The block by which it (with what was still being released of earlier rewards
			/// in the asset) has reached the holders.
			until: BlockNumberFor<T>,
		},
		/// A vault was destroyed with vault rewards not yet released (its holders had all
		/// left): they went to its curator, claimable with `claim`.
		UnreleasedRewardsToCurator {
			/// The destroyed vault.
			vault: VaultId,
			/// Its curator.
			curator: T::AccountId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
		},
		/// An AVS escrowed a bounty for its operators.
		BountyPosted {
			/// The bounty.
			bounty: BountyId,
			/// The AVS.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
			/// From this block the AVS may cancel it.
			expires_at: BlockNumberFor<T>,
		},
		/// A bounty was awarded to an operator (claimable at once).
		BountyAwarded {
			/// The bounty.
			bounty: BountyId,
			/// The operator.
			operator: T::AccountId,
			/// The amount.
			amount: u128,
		},
		/// An expired bounty went back to its funder.
		BountyCancelled {
			/// The bounty.
			bounty: BountyId,
			/// The amount returned.
			amount: u128,
		},
		/// A points programme was defined.
		ProgrammeCreated {
			/// The programme.
			programme: ProgrammeId,
			/// Whose stake earns points.
			scope: ProgrammeScope,
			/// Points per unit of stake per block.
			rate: FixedU128,
			/// First block earning points.
			start: BlockNumberFor<T>,
			/// Last block earning points.
			end: BlockNumberFor<T>,
		},
		/// An entry could not be paid in this claim (e.g. its asset is frozen, or the account
		/// cannot receive it yet): it stays claimable, and the rest of the claim went ahead.
		ClaimSkipped {
			/// Who claimed.
			who: T::AccountId,
			/// The entry kept.
			source: SourceOf<T>,
			/// Its amount.
			amount: u128,
			/// Why it could not be paid.
			error: DispatchError,
		},
		/// A claim stopped settling the caller's vaults at its budget (`ClaimSettleBudget`):
		/// what it settled was paid. The next claim settles the caller's vaults after `last`
		/// up to `end`, then starts over from the lowest id (or use `claim_from` for
		/// particular vaults). Whether anything is still owed: `restake_pendingRewards`.
		ClaimResumesAfter {
			/// Who claimed.
			who: T::AccountId,
			/// The last vault it settled.
			last: VaultId,
			/// The last vault of the current round.
			end: VaultId,
		},
		/// Governance listed an asset as a reward asset.
		RewardAssetListed {
			/// The asset.
			asset: T::AssetKind,
		},
		/// Governance delisted a reward asset: it funds nothing new; what it owes stays
		/// claimable.
		RewardAssetDelisted {
			/// The asset.
			asset: T::AssetKind,
		},
		/// A holder put a vault in its own claim list.
		VaultTracked {
			/// The holder.
			who: T::AccountId,
			/// The vault.
			vault: VaultId,
		},
		/// Rewards from one source were paid to an account.
		Claimed {
			/// Who was paid.
			who: T::AccountId,
			/// Where the rewards came from.
			source: SourceOf<T>,
			/// The amount.
			amount: u128,
		},
		/// A finished stream's record was removed and its deposit released.
		StreamClosed {
			/// The stream.
			stream: StreamId,
			/// What it had set aside unallocated, returned to its funder (paid, or credited to
			/// its claimable rewards when it could not be paid now).
			returned: u128,
		},
		/// A finished programme was closed: its slot is free and its deposit released. Points
		/// already earned stay; vaults not yet credited still are, up to its end.
		ProgrammeClosed {
			/// The programme.
			programme: ProgrammeId,
		},
		/// A vault's room for AVS sources (`MaxSourcesPerVault`) was full: its holders' part of
		/// an AVS's streams went back to the AVS's owner, claimable.
		UncreditedToAvsOwner {
			/// The vault.
			vault: VaultId,
			/// The AVS.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
		},
		/// A finished source (a programme past its end, an AVS the vault no longer backs) left
		/// a vault's list to make room for a new one. Holders not yet settled since keep what
		/// it owes them: they are settled from it at their next settlement (`settle` lets
		/// anyone do it).
		SourceRetired {
			/// The vault.
			vault: VaultId,
			/// The source.
			source: SourceOf<T>,
			/// LRT still to be settled from it.
			unsettled: u128,
		},
		/// Every LRT that held a retired source has been settled from it: its record is gone.
		RetiredSourceCleared {
			/// The vault.
			vault: VaultId,
			/// The source.
			source: SourceOf<T>,
		},
	}

	/// Errors of the LRT² ledger. Each leaves storage unchanged.
	#[pallet::error]
	pub enum Error<T> {
		/// No AVS has this id.
		AvsNotFound,
		/// Only the AVS's owner may do this.
		NotAvsOwner,
		/// No vault has this id.
		VaultNotFound,
		/// Only the vault's curator may do this.
		NotCurator,
		/// The amount is zero.
		ZeroAmount,
		/// LRT cannot fund rewards: it moves only through the vaults' `transfer_shares`, which
		/// keeps its own rewards with whoever held it.
		LrtNotAccepted,
		/// The duration or expiry is outside `MinStreamDuration ..= MaxStreamDuration`.
		DurationOutOfRange,
		/// The AVS already runs `MaxStreamsPerAvs` streams.
		TooManyStreams,
		/// The AVS already streamed `MaxRewardAssets` distinct assets (possible only after
		/// governance listed new reward assets in place of others).
		TooManyRewardAssets,
		/// No stream has this id.
		StreamNotFound,
		/// Only the stream's funder may do this.
		NotFunder,
		/// Nothing is unallocated and unreturned in this stream.
		NothingToReclaim,
		/// The vault has no LRT holders to reward.
		VaultHasNoHolders,
		/// The vault already has `MaxSourcesPerVault` reward sources.
		TooManyRewardSources,
		/// No open bounty has this id.
		BountyNotFound,
		/// The AVS already has `MaxOpenBounties` open bounties.
		TooManyBounties,
		/// The bounty has not expired yet.
		BountyNotExpired,
		/// The operator is not opted in to the AVS.
		OperatorNotOptedIn,
		/// The programme must end at or after its start, which must not be in the past.
		InvalidProgrammeWindow,
		/// The programme's rate is zero.
		ZeroRate,
		/// The scope already has `MaxProgrammes` programmes.
		TooManyProgrammes,
		/// Nothing is owed to the account: no entry settled, from its vaults' rewards,
		/// commission or bounties (points are never claimed).
		NothingToClaim,
		/// No ids are left.
		IdsExhausted,
		/// The amount per LRT share does not fit the ledger's arithmetic.
		Overflow,
		/// The asset is not listed as a reward asset (`RewardAssets`).
		AssetNotListed,
		/// The asset is listed already.
		AlreadyListed,
		/// `MaxRewardAssets` assets are listed already.
		RewardAssetListFull,
		/// The caller holds no LRT of this vault.
		NoSharesInVault,
		/// The caller's own vault list (`MaxVaultsPerHolder`) is full: leave a vault first.
		TooManyVaults,
		/// The stream still has blocks to pay for: it can be closed once it has finished.
		StreamStillRunning,
		/// No open programme has this id (never created, or already closed).
		ProgrammeNotFound,
		/// The programme has not ended yet: it can be closed from the block after its end.
		ProgrammeStillRunning,
		/// The account holds no LRT of this vault: there is nothing to settle.
		NotAHolder,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxClaimEntries::get() >= 1, "a claim must pay something");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only queries for wallets and apps (metadata V16 view functions; the runtime APIs answer the same).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Everything `who` could claim now, by source (settles in a throw-away overlay when
		/// called from a runtime API).
		pub fn pending_rewards(who: T::AccountId) -> alloc::vec::Vec<(SourceOf<T>, u128)> {
			let who = &who;
			Self::settle_account(who);
			Earned::<T>::iter_prefix(who).filter(|(_, amount)| !amount.is_zero()).collect()
		}

		/// `who`'s points by programme, including points accrued since its last settlement.
		pub fn points_of(who: T::AccountId) -> alloc::vec::Vec<(ProgrammeId, u128)> {
			let who = &who;
			Self::settle_account(who);
			Points::<T>::iter_prefix(who).collect()
		}

		/// A stream with its paid, remaining and reclaimable amounts, up to this block.
		pub fn stream_status(
			id: StreamId,
		) -> Option<StreamStatus<T::AccountId, T::AssetKind, BlockNumberFor<T>>> {
			let stream = Streams::<T>::get(id)?;
			Self::accrue_pool(stream.avs, &stream.asset);
			let stream = Streams::<T>::get(id)?;
			Some(StreamStatus {
				paid: stream.accrued.saturating_sub(stream.unallocated),
				remaining: stream.remaining(),
				reclaimable: stream.unallocated.saturating_sub(stream.refunded),
				stream,
			})
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Fund a reward stream: `amount` of `asset` paid evenly over the next `duration`
		/// blocks to the stake allocated to `avs`, operator commission first.
		///
		/// - Origin: the AVS's owner; `amount` moves into the ledger's account.
		/// - Blocks in which no stake is allocated to the AVS are kept for the funder
		///   (`reclaim_unallocated`).
		///
		/// Emits `StreamFunded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::fund_stream())]
		pub fn fund_stream(
			origin: OriginFor<T>,
			avs: AvsId,
			asset: T::AssetKind,
			amount: u128,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_stream(&who, avs, asset, amount, duration).map(|_| ())
		}

		/// Close a finished stream: what it set aside unallocated goes back to its funder, its
		/// record is removed and the funder's deposit released.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `StreamClosed`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::close_stream())]
		pub fn close_stream(origin: OriginFor<T>, stream: StreamId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close_stream(stream)
		}

		/// Return to the funder what a stream set aside while no stake was allocated to its
		/// AVS.
		///
		/// - Origin: the stream's funder.
		///
		/// Emits `UnallocatedReclaimed`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reclaim_unallocated())]
		pub fn reclaim_unallocated(origin: OriginFor<T>, stream: StreamId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reclaim_unallocated(&who, stream)
		}

		/// Reward a vault's LRT holders with `amount` of `asset`. In the vault's own asset the
		/// reward compounds into the exchange rate (the vault pallet's `add_rewards`, curator
		/// fee applies); in any other (listed) asset it is released evenly over the next
		/// `RewardDripPeriod` blocks to the LRT held during them (with what is still being
		/// released of earlier rewards in that asset), claimable with `claim`. A deposit made
		/// just before the reward earns only its blocks' share.
		///
		/// - Origin: signed, anyone (typically the vault's curator).
		///
		/// Emits `VaultRewarded` (or the vault pallet's `RewardsAdded`).
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::reward_vault()
				.saturating_add(Pallet::<T>::sync_vault_weight(Pallet::<T>::max_pairs()))
				.max(T::Vaults::compound_weight())
		)]
		pub fn reward_vault(
			origin: OriginFor<T>,
			vault: VaultId,
			asset: T::AssetKind,
			amount: u128,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (compounded, synced) = Self::do_reward_vault(&who, vault, asset, amount)?;
			// Charged the compounding path (the vault's fee mint and stake change) only when
			// it ran; the ledger path with the sync it did.
			Ok((!compounded)
				.then(|| T::WeightInfo::reward_vault().saturating_add(synced))
				.into())
		}

		/// Escrow a task bounty for the AVS's opted-in operators; cancellable from
		/// `expires_in` blocks on.
		///
		/// - Origin: the AVS's owner.
		///
		/// Emits `BountyPosted`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::post_bounty())]
		pub fn post_bounty(
			origin: OriginFor<T>,
			avs: AvsId,
			asset: T::AssetKind,
			amount: u128,
			expires_in: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_post_bounty(&who, avs, asset, amount, expires_in).map(|_| ())
		}

		/// Award an open bounty to an operator opted in to the AVS; the operator claims it
		/// with `claim`.
		///
		/// - Origin: the AVS's owner.
		///
		/// Emits `BountyAwarded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::award_bounty())]
		pub fn award_bounty(
			origin: OriginFor<T>,
			bounty: BountyId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_award_bounty(&who, bounty, operator)
		}

		/// Take back an expired, unawarded bounty.
		///
		/// - Origin: the AVS's owner; the escrow returns to whoever funded it.
		///
		/// Emits `BountyCancelled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::cancel_bounty())]
		pub fn cancel_bounty(origin: OriginFor<T>, bounty: BountyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_bounty(&who, bounty)
		}

		/// Define a points programme: `rate` points per unit of stake per block, from `start`
		/// to `end` (inclusive), for the stake allocated to an AVS (origin: its owner) or the
		/// stake in a vault (origin: its curator).
		///
		/// Emits `ProgrammeCreated`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::create_programme())]
		pub fn create_programme(
			origin: OriginFor<T>,
			scope: ProgrammeScope,
			name: BoundedVec<u8, T::NameLimit>,
			rate: FixedU128,
			start: BlockNumberFor<T>,
			end: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_programme(&who, scope, name, rate, start, end).map(|_| ())
		}

		/// Close a programme that has ended: its slot in the AVS's or vault's list is freed and
		/// its owner's deposit released. Points already earned stay; a vault programme's vault
		/// is credited up to the end first, an AVS programme's vaults are credited at their
		/// next sync as before (its record stays until the last of them has been).
		///
		/// - Origin: signed, anyone (from the block after the programme's end).
		///
		/// Emits `ProgrammeClosed`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::close_programme()
			.saturating_add(Pallet::<T>::sync_vault_weight(Pallet::<T>::max_pairs())))]
		pub fn close_programme(
			origin: OriginFor<T>,
			programme: ProgrammeId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let synced = Self::do_close_programme(programme)?;
			Ok(Some(T::WeightInfo::close_programme().saturating_add(synced)).into())
		}

		/// Claim everything the caller has earned, across all vaults, sources and assets:
		/// holder rewards, operator commission and bounties. Points are settled too but never
		/// paid. One claim settles the caller's vaults within `ClaimSettleBudget` (at least
		/// one vault; `ClaimResumesAfter` when it stopped, and the next claim resumes there)
		/// and pays at most `MaxClaimEntries` entries: call again for the rest.
		///
		/// - Origin: signed. Charged for the vaults it went through and the entries paid,
		///   not the budget.
		/// - `NothingToClaim` when it went through every vault of the caller, found nothing
		///   owed and had nothing to tidy. A caller whose vaults do not fit in one budget
		///   never gets it (every claim makes progress): ask `restake_pendingRewards` (the
		///   runtime API `Lrt2Api::pending_rewards`) whether anything is owed before claiming.
		///
		/// Emits `Claimed` per source paid, `ClaimSkipped` per entry that could not be paid,
		/// `ClaimResumesAfter` when vaults are left for the next claim.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::claim_weight())]
		pub fn claim(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_claim(&who)?;
			Ok(Some(used).into())
		}

		/// Bring a vault's rewards up to date and re-weigh its allocations (after an
		/// allocation became effective, for example).
		///
		/// - Origin: signed, anyone. Charged for the vault's pairs, not the bound.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::sync_vault_weight(T::MaxPairsPerVault::get()))]
		pub fn poke(origin: OriginFor<T>, vault: VaultId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(T::Vaults::vault_exists(vault), Error::<T>::VaultNotFound);
			Ok(Some(Self::sync_vault(vault)).into())
		}

		/// List `asset` as a reward asset: streams, bounties and vault rewards may then be
		/// funded in it.
		///
		/// - Origin: `AdminOrigin` (governance). LRT cannot be listed.
		///
		/// Emits `RewardAssetListed`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::list_reward_asset())]
		pub fn list_reward_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_list_reward_asset(asset)
		}

		/// Delist a reward asset: nothing new can be funded in it; running streams, open
		/// bounties and everything owed in it stay payable.
		///
		/// - Origin: `AdminOrigin` (governance).
		///
		/// Emits `RewardAssetDelisted`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::delist_reward_asset())]
		pub fn delist_reward_asset(origin: OriginFor<T>, asset: T::AssetKind) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			RewardAssets::<T>::try_mutate(|listed| {
				let at =
					listed.iter().position(|a| *a == asset).ok_or(Error::<T>::AssetNotListed)?;
				listed.remove(at);
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::RewardAssetDelisted { asset });
			Ok(())
		}

		/// Put a vault the caller holds LRT in into its own claim list, so `claim` settles it
		/// (for LRT the caller received: received vaults fill a separate, smaller list that
		/// anyone's transfers can fill).
		///
		/// - Origin: signed, a holder of the vault's LRT.
		///
		/// Emits `VaultTracked`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::track_vault())]
		pub fn track_vault(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!T::Vaults::shares_of(vault, &who).is_zero(), Error::<T>::NoSharesInVault);
			Self::track_own(&who, vault).map_err(|_| Error::<T>::TooManyVaults)?;
			Self::deposit_event(Event::VaultTracked { who, vault });
			Ok(())
		}

		/// Settle `holder`'s rewards and points in `vault` at its LRT there: what it earned
		/// becomes its claimable entries, as at its own next deposit, transfer or claim. Lets
		/// anyone move a holder that does not act past the vault's retired sources, whose
		/// records (and the room for new ones) wait for every LRT that held them.
		///
		/// - Origin: signed, anyone. Nothing moves but `holder`'s own ledger entries. Charged
		///   for the vault's pairs and sources, not the bounds.
		#[pallet::call_index(14)]
		#[pallet::weight(Pallet::<T>::settle_in_weight())]
		pub fn settle(
			origin: OriginFor<T>,
			vault: VaultId,
			holder: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(T::Vaults::vault_exists(vault), Error::<T>::VaultNotFound);
			let shares = T::Vaults::shares_of(vault, &holder);
			ensure!(!shares.is_zero(), Error::<T>::NotAHolder);
			let used =
				Self::settle_in(vault, &holder, shares).saturating_add(T::DbWeight::get().reads(2));
			Ok(Some(used).into())
		}

		/// Claim what the caller has earned, settling only `vaults` first: the one-vault
		/// holder's claim, which reserves a small fraction of what `claim` must (the worst case
		/// of every vault a holder may be in, and of an operator's vaults). Every entry already
		/// settled is paid too, from any vault or source (at most `MaxClaimEntries`); an empty
		/// list pays just those. Rewards accrued since the last settlement in vaults not listed
		/// stay in the ledger for a later claim: nothing is lost.
		///
		/// - Origin: signed, holding LRT of every vault listed, or an operator listing vaults
		///   backing its pairs (they are synced, which credits its commission); `NotAHolder`
		///   otherwise. Charged for the vaults' pairs and sources and the entries paid, not
		///   the bounds.
		///
		/// - `NothingToClaim` when no entry is owed after settling the vaults listed.
		///
		/// Emits `Claimed` per source paid, `ClaimSkipped` per entry that could not be paid.
		#[pallet::call_index(15)]
		#[pallet::weight(Pallet::<T>::claim_from_weight(vaults.len() as u32))]
		pub fn claim_from(
			origin: OriginFor<T>,
			vaults: BoundedVec<VaultId, T::MaxVaultsPerHolder>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_claim_from(&who, &vaults)?;
			Ok(Some(used).into())
		}
	}
}
