//! # LRT² reward ledger
//!
//! One on-chain, auditable ledger for everything an LRT holder or an operator earns: AVS
//! reward streams, vault rewards, task bounties and points, time-weighted and claimable in
//! one call.
//!
//! ## Overview
//!
//! - **AVS reward streams**: an AVS funds `amount` of a listed asset, paid evenly per block
//!   over a duration to the stake allocated to it. Each block's share goes to the (operator,
//!   vault) pairs pro rata to their weighted allocated stake (tested by
//!   `tests::streams::stake_splits_a_stream_between_vaults_pro_rata`); the operator's
//!   commission is taken first, the rest goes to the vault's LRT holders
//!   (`tests::streams::a_stream_pays_holders_after_operator_commission`). A vault without LRT
//!   holders earns nothing (what is left in it belongs to nobody), and blocks in which no
//!   stake with holders is allocated to the AVS are set aside and returnable to the funder
//!   (`tests::streams::blocks_without_stake_are_returned_to_the_funder`, `tests::conservation::
//!   a_vault_without_holders_earns_nothing_and_the_stream_returns_to_its_funder`): nothing is
//!   lost.
//! - **Vault rewards**: anyone (typically the curator, an LRT protocol) adds rewards to one
//!   vault's holders. In the vault's own asset they compound into the exchange rate (vault
//!   pallet; `tests::claims::vault_rewards_in_the_vault_asset_compound`); in any other asset
//!   they are released evenly over `RewardDripPeriod` blocks through the per-holder ledger
//!   (`tests::drips::a_vault_reward_is_released_evenly_over_the_drip_period`), so a deposit
//!   placed just before a reward takes no share of it
//!   (`tests::drips::a_just_in_time_deposit_takes_no_share_of_a_vault_reward`).
//! - **Task bounties**: an AVS escrows a bounty, awards it to an opted-in operator
//!   (`tests::bounties::an_awarded_bounty_is_claimed_by_the_operator`), or takes it back after
//!   expiry (`tests::bounties::an_expired_bounty_returns_to_its_funder`).
//! - **Points programmes**: an AVS owner or a vault curator defines a rate of points per unit
//!   of stake per block over a window
//!   (`tests::points::vault_points_accrue_per_unit_of_stake_per_block`,
//!   `tests::points::avs_points_follow_allocated_stake`); points accrue like rewards, are never
//!   transferable or paid, and anyone can read anyone's points (`points_of`).
//!
//! ## Terminology
//!
//! - **Pair**: an (operator, AVS) pair a vault allocates stake to; its **weight** is the
//!   vault's weighted allocated stake to it, as of the vault's last sync.
//! - **Source**: what a vault's holders are paid from: an AVS's streams in one asset, a vault
//!   reward asset, a points programme; operators earn **commission** and **bounties**.
//! - **Index**: a cumulative amount per unit ([`RewardIndex`], 36 decimals): per unit of
//!   weighted stake for an (AVS, asset), per LRT share for a (vault, source).
//! - **Sync** (of a vault): bringing its pairs and indexes up to the current block.
//!   **Settlement** (of a holder): moving what its LRT earned since its snapshot into its
//!   claimable entries ([`Earned`]) or points ([`Points`]).
//! - **Retired source**: a finished source taken out of a vault's list to make room, kept
//!   until every LRT that held it has been settled ([`Retired`]).
//!
//! ## Goals
//!
//! - O(1) in holders and in past distributions: no call iterates over holders.
//! - Time-weighted: a position earns exactly for the blocks it was at stake
//!   (`tests::streams::a_just_in_time_deposit_earns_only_its_blocks`,
//!   `tests::transfers::a_transfer_mid_stream_splits_rewards_by_holding_time`).
//! - Conservation: what holders, operators and funders can claim never exceeds what was paid
//!   in, whatever the operations
//!   (`tests::conservation::rewards_are_conserved_under_random_operation`, and `try_state`
//!   after every test).
//! - One claim for everything, bounded per block
//!   (`tests::claims::one_claim_pays_every_vault_source_and_asset`, `tests::claim_budget::
//!   a_claim_stops_at_its_budget_and_the_next_resumes_after_the_last_vault_settled`).
//!
//! ## Interface
//!
//! Permissionless (signed, anyone): [`Pallet::reward_vault`], [`Pallet::claim`],
//! [`Pallet::claim_from`] (a holder of each vault listed, or an operator backed by it),
//! [`Pallet::poke`], [`Pallet::settle`] (for any holder), [`Pallet::track_vault`] (a holder of
//! the vault), [`Pallet::close_stream`] and [`Pallet::close_programme`] (once finished).
//!
//! AVS owner: [`Pallet::fund_stream`], [`Pallet::post_bounty`], [`Pallet::award_bounty`],
//! [`Pallet::cancel_bounty`], [`Pallet::create_programme`] for an AVS; the stream's funder:
//! [`Pallet::reclaim_unallocated`]; a vault's curator: [`Pallet::create_programme`] for the
//! vault (`tests::points::programmes_check_owner_window_and_bounds`,
//! `tests::streams::funding_a_stream_checks_every_argument`).
//!
//! Privileged (`AdminOrigin`): [`Pallet::list_reward_asset`], [`Pallet::delist_reward_asset`];
//! LRT can never be listed (`tests::streams::lrt_cannot_fund_rewards`).
//!
//! Other pallets call [`restake_primitives::traits::OnSharesChanged`] (the vault pallet,
//! before any holder's LRT changes) and [`restake_primitives::traits::OnStakeChanged`] (the
//! vault and operator pallets, after a vault's stake or allocations change).
//!
//! ## Design
//!
//! Three levels of cumulative indexes, each settled lazily (`ledger/`):
//!
//! ```text
//! (AVS, asset):     I_avs   += paid_this_block / Σ weight            (AvsPools, AvsWeights)
//! (vault, pair):    earned   = weight × (I_avs − snapshot);  commission first
//! (vault, source):  I_vault += (earned − commission) / LRT supply    (VaultPools)
//! holder:           owed     = shares × (I_vault − snapshot)          (HolderSnapshots)
//! ```
//!
//! Every product is rounded down, so the ledger never owes more than it holds; it keeps the
//! asset's minimum balance on top of what it owes, so paying out never reaps its account
//! (`tests::streams::the_ledger_keeps_a_seed_so_paying_out_never_reaps_it`).
//!
//! A vault is synced before any holder's LRT balance changes (the vault pallet calls
//! [`restake_primitives::traits::OnSharesChanged`]) and after its stake or allocations change
//! ([`restake_primitives::traits::OnStakeChanged`]). Between two syncs a vault's stake is
//! constant, so a position earns exactly for the blocks it was at stake: a deposit just
//! before a stream's last block earns one block's share.
//!
//! **LRT follows the holder** by settlement on every movement: LRT moves only through
//! `Vaults::transfer_shares` (the runtime refuses plain `pallet-assets` transfers of LRT),
//! which settles sender and receiver first. Accrued rewards stay with whoever held the LRT
//! while they accrued; the receiver starts from the current index
//! (`tests::transfers::a_receiver_does_not_inherit_past_rewards`). This keeps LRT liquid (no
//! lock-up to earn) and costs two holder settlements per transfer, bounded by the vault's
//! reward sources.
//!
//! Allocations that become effective at a future block (after the allocation delay) are
//! weighed at the vault's next sync; [`Pallet::poke`] syncs a vault for anyone
//! (`tests::claims::a_poke_weighs_an_allocation_that_became_effective`).
//!
//! [`Pallet::claim`] settles every vault the caller holds LRT in, syncs the vaults allocating
//! to its pairs if it is an operator, and pays every token entry it has earned (holder
//! rewards, commission, bounties), up to `MaxClaimEntries` per call. It settles vaults within
//! `ClaimSettleBudget` (a holder in many heavy vaults is settled over several claims, each
//! resuming after the last vault settled, [`ClaimVaultCursor`]), so what it reserves in a
//! block stays small; an entry that cannot be paid never blocks the others
//! (`tests::claims::unpayable_entries_cannot_starve_the_rest_of_a_claim`).
//!
//! ## Code layout
//!
//! `lib.rs` (hooks, view functions, calls) with the pallet sections `config.rs`, `storage.rs`
//! and `events.rs`; read-only queries for off-chain tools in `queries.rs`; the calls' logic by role in `streams.rs`, `bounties.rs`,
//! `programmes.rs`, `claims.rs` and `funds.rs` (the ledger's account, deposits, reward
//! assets); the accrual core in `ledger/`; `impl_traits.rs` (what other pallets call),
//! `invariants.rs` (`try_state`), `types.rs`, `migrations.rs`, `benchmarking.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use polkadot_sdk::{frame_support::pallet_macros::import_section, frame_system};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod bounties;
mod claims;
mod config;
mod events;
mod funds;
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod ledger;
pub mod migrations;
mod prelude;
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

#[import_section(config::config)]
#[import_section(storage::storage)]
#[import_section(events::events)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::fungibles, PalletId},
		frame_system::pallet_prelude::*,
		sp_runtime::{
			traits::{StaticLookup, Zero},
			DispatchError, FixedU128,
		},
	};
	use restake_primitives::{
		drip::Drip,
		traits::{StakeInspect, VaultCompound, VaultInspect},
		AvsId, VaultId,
	};

	/// How a call names an account (an address in polkadot.js).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

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
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			holder: AccountIdLookupOf<T>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let holder = T::Lookup::lookup(holder)?;
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
