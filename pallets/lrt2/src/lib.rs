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

use polkadot_sdk::{frame_support::pallet_macros::import_section, frame_system};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod bounties;
mod claims;
mod events;
mod funds;
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod ledger;
pub mod migrations;
mod programmes;
mod queries;
pub mod runtime_api;
mod storage;
mod streams;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[import_section(storage::storage)]
#[import_section(events::events)]
#[import_section(queries::views)]
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

	/// Events of the LRT² ledger.

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
			Self::do_delist_reward_asset(asset)
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
			Self::do_track_vault(who, vault)
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
			let used = Self::do_settle(vault, &holder)?;
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
