//! # Slashing
//!
//! Per-AVS slashing policies, and slashes requested by an AVS, vetoable by its resolver,
//! cancellable by governance, executed on-chain.
//!
//! ## Overview
//!
//! Each AVS's owner sets a [`SlashPolicy`]: instant or with a veto window, a cap per incident
//! and per rolling epoch, a cooldown between slashes of one operator, where slashed funds go,
//! and a kill switch (enabled, log-only, disabled). The AVS's slasher requests a slash of an
//! operator that is (or, within the deallocation window, was) opted in to it. The request
//! **captures** the stake slashable for the pair at its block, per vault. An instant request
//! executes in the same call; a vetoable one waits for the window, during which the resolver
//! may veto it, then anyone may execute it until its deadline, after which it expires.
//!
//! ## Terminology
//!
//! - **Capture**: the stake of each vault slashable for (operator, AVS) at the request block.
//!   Execution takes `fraction × captured` per vault, bounded by what the vault's allocation
//!   still holds — never stake that arrived later (deposits, increases, vaults joining).
//! - **Hold**: while a request is pending, stake it captured cannot leave: a decrease or
//!   opt-out due after the request block waits, and so do withdrawals of the vault that mature
//!   after it. Withdrawals that matured before the request stay claimable, other vaults are
//!   untouched. A hold ends when the request resolves or expires, at most
//!   `MaxVetoWindow + ExecutionDeadline` after the request, without anyone cleaning up.
//! - **Escrow**: funds slashed to an account wait `EscrowDelay` blocks in the vault's account,
//!   cancellable by governance, before anyone may release them; a destination that cannot
//!   receive them gets them burnt instead, so execution never depends on the destination.
//! - **Riskier policy**: higher caps, a shorter or no veto window, a shorter cooldown, a new
//!   destination or a livelier status. It applies only after both `PolicyChangeDelay` and the
//!   longest withdrawal delay of any vault have passed, so stakers can always leave first. A
//!   policy that lowers risk applies at once; disabling slashing voids pending requests.
//! - **Rolling epoch**: the per-epoch cap counts every request of the last `EpochLength`
//!   blocks, so no two caps fit around an epoch boundary.
//!
//! ## Goals
//!
//! - No escape, no slash for what came later (capture and holds), and every request resolves.
//! - Isolation: a slash takes only from the allocations of the slashed (operator, AVS) pair,
//!   through the operator pallet, and leaves every other AVS's stake untouched.
//! - O(vaults backing the operator), never O(depositors): the vault pallet pools the loss.
//! - Everything visible: events for every step; pending slashes, holds, escrows and history in
//!   storage and the runtime API.
//!
//! ## Interface
//!
//! AVS owner: [`Pallet::set_policy`]. AVS slasher: [`Pallet::request_slash`]. AVS resolver:
//! [`Pallet::veto_slash`]. Anyone: [`Pallet::execute_slash`], [`Pallet::expire_slash`],
//! [`Pallet::release_escrow`], [`Pallet::apply_policy`]. Governance (`AdminOrigin`):
//! [`Pallet::cancel_slash`], [`Pallet::cancel_escrow`], [`Pallet::set_global_max_fraction`].
//!
//! ## Code layout
//!
//! `lib.rs` (config, hooks, view functions, calls) with the pallet sections `storage.rs`
//! (storage and genesis) and `events.rs` (events and errors); the calls' logic by role in
//! `policy.rs`, `requests.rs` and `execution.rs`; `impl_traits.rs` (the holds other pallets
//! read), `invariants.rs` (`try_state`), `types.rs`, `migrations.rs`, `benchmarking.rs`. The
//! policy comparison and the epoch cap are pure functions in
//! [`restake_primitives::slash_caps`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
use polkadot_sdk::{frame_support::pallet_macros::import_section, frame_system};

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod events;
mod execution;
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod policy;
mod prelude;
mod requests;
pub mod runtime_api;
mod storage;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[import_section(storage::storage)]
#[import_section(events::events)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::Get},
		frame_system::pallet_prelude::*,
		sp_core::H256,
		sp_runtime::{traits::StaticLookup, Perbill},
	};
	use restake_primitives::{
		traits::{AllocationSlash, StakeExitDelays, StakeInspect, VaultSlash},
		AvsId, SlashDestination, VaultId,
	};

	/// How a call names an account (an address in polkadot.js).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	/// A policy as stored.
	pub type PolicyOf<T> = SlashPolicy<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// A pending slash as stored.
	pub type RequestOf<T> = SlashRequest<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::ReasonLimit,
		<T as Config>::MaxVaultsPerSlash,
	>;

	/// A pending request's hold as indexed.
	pub type HoldOf<T> = Hold<BlockNumberFor<T>>;

	/// An escrow as stored.
	pub type EscrowOf<T> = SlashEscrow<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxVaultsPerSlash,
	>;

	/// A settled slash as stored.
	pub type RecordOf<T> = SlashRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxVaultsPerSlash,
	>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the slashing pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The operator pallet: AVS roles, who is slashable, the capture and the allocation
		/// slash, and how long the stake behind an AVS needs to leave.
		type Stake: StakeInspect<Self::AccountId, u128>
			+ AllocationSlash<Self::AccountId, u128>
			+ StakeExitDelays<Self::AccountId, BlockNumberFor<Self>>;

		/// The vault pallet: burns, pays out or returns the escrow of executed slashes.
		type Vaults: VaultSlash<Self::AccountId, u128>;

		/// Governance: cancels pending slashes and escrows, sets the global ceiling.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The native token: holds the slashers' deposits for slash records.
		type NativeBalance: polkadot_sdk::frame_support::traits::fungible::Mutate<Self::AccountId, Balance = u128>
			+ polkadot_sdk::frame_support::traits::fungible::MutateHold<
				Self::AccountId,
				Balance = u128,
				Reason = Self::RuntimeHoldReason,
			>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Native deposit held from the slasher for each request, until the record of how it
		/// was settled is pruned (`prune_slash_record`).
		#[pallet::constant]
		type SlashDeposit: Get<u128>;

		/// Blocks a settled slash's record stays readable before anyone may prune it.
		#[pallet::constant]
		type HistoryRetention: Get<BlockNumberFor<Self>>;

		/// Least blocks before a riskier policy applies. It also waits strictly longer than
		/// the withdrawal delay of every vault that has allocated to the AVS.
		#[pallet::constant]
		type PolicyChangeDelay: Get<BlockNumberFor<Self>>;

		/// Blocks after the veto window during which a request can execute; then it expires.
		/// A withdrawal it holds waits at most `MaxVetoWindow + ExecutionDeadline`.
		#[pallet::constant]
		type ExecutionDeadline: Get<BlockNumberFor<Self>>;

		/// Smallest fraction a request may ask for (no dust requests to hold stake with).
		#[pallet::constant]
		type MinSlashFraction: Get<Perbill>;

		/// Blocks funds slashed to an account wait in escrow, cancellable by governance. (Burns
		/// are attempted at once; one that cannot happen yet waits in escrow for a retry.)
		#[pallet::constant]
		type EscrowDelay: Get<BlockNumberFor<Self>>;

		/// Pending requests that can hold one vault at a time (at least the AVSs a vault can
		/// back times `MaxPendingPerAvs`, so no AVS can fill it for another).
		#[pallet::constant]
		type MaxHoldsPerVault: Get<u32>;

		/// Requests against one operator that one AVS may make within a rolling epoch.
		#[pallet::constant]
		type MaxSlashesPerEpoch: Get<u32>;

		/// Longest veto window a policy may set (at most the deallocation delay, so vetoable
		/// stake cannot leave before the window ends).
		#[pallet::constant]
		type MaxVetoWindow: Get<BlockNumberFor<Self>>;

		/// Blocks per epoch for the per-epoch cap.
		#[pallet::constant]
		type EpochLength: Get<BlockNumberFor<Self>>;

		/// Pending slashes one AVS may have at a time.
		#[pallet::constant]
		type MaxPendingPerAvs: Get<u32>;

		/// Vaults one slash can touch (the operator pallet's vaults per pair).
		#[pallet::constant]
		type MaxVaultsPerSlash: Get<u32>;

		/// Longest reason text.
		#[pallet::constant]
		type ReasonLimit: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up AVSs, operators and vaults for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::EpochLength::get().is_zero(), "epochs must have a length");
			assert!(!T::ExecutionDeadline::get().is_zero(), "requests need time to execute");
			assert!(!T::MinSlashFraction::get().is_zero(), "dust requests must be refused");
			assert!(
				T::MaxSlashesPerEpoch::get() >= 1 && T::MaxPendingPerAvs::get() >= 1,
				"an AVS must be able to slash"
			);
			assert!(
				T::MaxVaultsPerSlash::get() >= T::Stake::max_vaults_per_allocation(),
				"a slash must be able to record every vault of a pair"
			);
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
		/// The policy in force at this block (a due scheduled policy counts).
		pub fn policy_in_force(avs: AvsId) -> Option<PolicyOf<T>> {
			match PendingPolicies::<T>::get(avs) {
				Some(PendingPolicy { policy, applies_from }) if applies_from <= Self::now() => {
					Some(policy)
				},
				_ => Policies::<T>::get(avs),
			}
		}

		/// The record of an executed or vetoed slash (its history entry), if `id` is one.
		pub fn slash_record(id: SlashId) -> Option<RecordOf<T>> {
			SlashHistory::<T>::get(id)
		}

		/// Pending slashes, optionally only those of `avs` and/or of `operator`, each read through
		/// its bounded index (an AVS's list, an operator's prefix): a filter bounds the work by
		/// what it selects. Without either it reads every pending request (at most
		/// `MaxPendingPerAvs` per AVS).
		pub fn pending_slashes(
			avs: Option<AvsId>,
			operator: Option<T::AccountId>,
		) -> alloc::vec::Vec<(SlashId, RequestOf<T>)> {
			let operator = operator.as_ref();
			let with_request = |id: SlashId| PendingSlashes::<T>::get(id).map(|r| (id, r));
			match (avs, operator) {
				(Some(avs), operator) => AvsRequests::<T>::get(avs)
					.into_iter()
					.filter_map(with_request)
					.filter(|(_, r)| operator.is_none_or(|o| &r.operator == o))
					.collect(),
				(None, Some(operator)) => OperatorRequests::<T>::iter_prefix(operator)
					.filter_map(|(id, _)| with_request(id))
					.collect(),
				(None, None) => PendingSlashes::<T>::iter().collect(),
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the AVS's slashing policy. A riskier policy applies after `PolicyChangeDelay`
		/// and after the withdrawal delay of every vault that has allocated to the AVS (anyone
		/// may then call `apply_policy`); a less risky one at once. The first policy of an AVS
		/// is riskier than none, unless it disables slashing. Disabling slashing (or making it
		/// log-only) is never riskier: it voids every pending request of the AVS and ends
		/// their holds.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `PolicySet` or `PolicyChangeScheduled`, and `SlashVoided` per voided request.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_policy().max(
			T::WeightInfo::disable_policy(T::MaxPendingPerAvs::get())
		))]
		pub fn set_policy(
			origin: OriginFor<T>,
			avs: AvsId,
			policy: PolicyOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let voided = Self::do_set_policy(&who, avs, policy)?;
			Ok(Some(if voided == 0 {
				T::WeightInfo::set_policy()
			} else {
				T::WeightInfo::disable_policy(voided)
			})
			.into())
		}

		/// Put a scheduled policy in force once due.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `PolicySet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::apply_policy())]
		pub fn apply_policy(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_apply_policy(avs)
		}

		/// Request a slash of `fraction` of the stake `operator`'s allocations to `avs` hold
		/// now. The request captures that stake per vault: execution takes the fraction of it
		/// and of nothing that arrives later, and it cannot leave until the request resolves.
		/// Executes at once under an instant policy; otherwise waits for the veto window, then
		/// may be executed by anyone until `ExecutionDeadline` blocks later, then expires.
		///
		/// - Origin: the AVS's slasher.
		/// - `fraction`: at least `MinSlashFraction`, at most the policy's per-incident cap and
		///   the global ceiling; with the last `EpochLength` blocks' requests, at most the
		///   policy's per-epoch cap.
		/// - `evidence`: hash of the evidence; `reason`: a short text.
		///
		/// Emits `SlashRequested`, then `SlashExecuted` (instant, with `SlashEscrowed` for an
		/// account destination) or `SlashLogged` (log-only).
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::request_slash_weight(T::MaxVaultsPerSlash::get()))]
		pub fn request_slash(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: AccountIdLookupOf<T>,
			fraction: Perbill,
			evidence: H256,
			reason: ReasonOf<T::ReasonLimit>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			let (_, actual) =
				Self::do_request_slash(&who, avs, operator, fraction, evidence, reason)?;
			Ok(Some(actual).into())
		}

		/// Veto a pending slash inside its veto window.
		///
		/// - Origin: the AVS's resolver.
		///
		/// Emits `SlashVetoed`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::veto_slash(T::MaxVaultsPerSlash::get()))]
		pub fn veto_slash(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_veto_slash(&who, id)
		}

		/// Cancel any pending slash.
		///
		/// - Origin: `AdminOrigin` (governance).
		///
		/// Emits `SlashCancelled`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel_slash(T::MaxVaultsPerSlash::get()))]
		pub fn cancel_slash(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_cancel_slash(id)
		}

		/// Execute a pending slash whose veto window has ended and whose deadline has not
		/// passed: take its fraction of the stake it captured, bounded by what is still there.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `SlashExecuted`, and `SlashEscrowed` for an account destination.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::execute_weight(T::MaxVaultsPerSlash::get()))]
		pub fn execute_slash(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_execute_slash(id)
		}

		/// Set the ceiling on any single slash.
		///
		/// Applies to pending slashes too: one requested above the new ceiling executes at the
		/// ceiling (an emergency brake for stakers while a dispute is resolved).
		///
		/// - Origin: `AdminOrigin` (governance).
		///
		/// Emits `GlobalMaxFractionSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_global_max_fraction())]
		pub fn set_global_max_fraction(origin: OriginFor<T>, fraction: Perbill) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			GlobalMaxFraction::<T>::put(fraction);
			Self::deposit_event(Event::GlobalMaxFractionSet { fraction });
			Ok(())
		}

		/// Clear a pending slash that passed its execution deadline: record it as expired.
		/// (Its hold already ended at the deadline; this frees its storage.)
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `SlashExpired`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::expire_slash(T::MaxVaultsPerSlash::get()))]
		pub fn expire_slash(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_slash(id)
		}

		/// Release an escrow once its delay has passed: pay each vault's part to the slash's
		/// destination account (or burn it where the account cannot receive it), or burn it
		/// for a burn destination. A part whose vault asset cannot move now stays for a retry.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `EscrowReleased`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::release_escrow(T::MaxVaultsPerSlash::get()))]
		pub fn release_escrow(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_escrow(id)
		}

		/// Cancel an escrow before it is released: the funds go back to the vaults' holders.
		///
		/// - Origin: `AdminOrigin` (governance).
		///
		/// Emits `EscrowCancelled`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_escrow(T::MaxVaultsPerSlash::get()))]
		pub fn cancel_escrow(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_cancel_escrow(id)
		}

		/// Remove the record of a slash settled at least `HistoryRetention` blocks ago (its
		/// events stay in the chain's history) and release its slasher's deposit.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `SlashRecordPruned`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::prune_slash_record())]
		pub fn prune_slash_record(origin: OriginFor<T>, id: SlashId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_prune_slash_record(id)
		}
	}
}
