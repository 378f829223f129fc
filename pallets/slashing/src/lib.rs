//! # Slashing
//!
//! Per-AVS slashing policies, and slashes requested by an AVS, vetoable by its resolver,
//! cancellable by governance, executed on-chain.
//!
//! ## Overview
//!
//! Each AVS's owner sets a [`SlashPolicy`]: instant or with a veto window, a cap per incident
//! and per epoch, a cooldown between slashes of one operator, where slashed funds go, and a
//! kill switch (enabled, log-only, disabled). The AVS's slasher requests a slash of an
//! operator that is (or, within the deallocation window, was) opted in to it. An instant
//! request executes in the same call; a vetoable one waits for the window, during which the
//! resolver may veto it, then anyone may execute it.
//!
//! ## Terminology
//!
//! - **Riskier policy**: one with higher caps, a shorter or no veto window, a shorter
//!   cooldown, a new destination or a livelier status. It takes effect only after
//!   `PolicyChangeDelay`, longer than a withdrawal takes, so stakers can leave first. A
//!   policy that lowers risk applies at once.
//! - **Epoch**: `EpochLength` blocks; the per-epoch cap counts requests within one.
//!
//! ## Goals
//!
//! - Isolation: a slash takes only from the allocations of the slashed (operator, AVS) pair,
//!   through the operator pallet, and leaves every other AVS's stake untouched.
//! - O(vaults backing the operator), never O(depositors): the vault pallet pools the loss.
//! - No front-running: while a slash is pending against a vault, its withdrawals cannot be
//!   claimed ([`restake_primitives::traits::PendingSlashes`]).
//! - Everything visible: events for every step; pending slashes and history in storage and
//!   the runtime API.
//!
//! ## Interface
//!
//! AVS owner: [`Pallet::set_policy`]. AVS slasher: [`Pallet::request_slash`]. AVS resolver:
//! [`Pallet::veto_slash`]. Anyone: [`Pallet::execute_slash`], [`Pallet::apply_policy`].
//! Governance (`AdminOrigin`): [`Pallet::cancel_slash`], [`Pallet::set_global_max_fraction`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
use polkadot_sdk::frame_system;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::Get},
		frame_system::pallet_prelude::*,
		sp_core::H256,
		sp_runtime::Perbill,
	};
	use restake_primitives::{
		traits::{AllocationSlash, StakeInspect},
		AvsId, SlashDestination, VaultId,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// A policy as stored.
	pub type PolicyOf<T> = SlashPolicy<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// A pending slash as stored.
	pub type RequestOf<T> = SlashRequest<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::ReasonLimit,
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
		/// The operator pallet: AVS roles, who is slashable, and the allocation slash.
		type Stake: StakeInspect<Self::AccountId, u128> + AllocationSlash<Self::AccountId, u128>;

		/// Governance: cancels pending slashes, sets the global per-incident ceiling.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Blocks before a riskier policy applies: longer than the withdrawal delay.
		#[pallet::constant]
		type PolicyChangeDelay: Get<BlockNumberFor<Self>>;

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

	/// The policy in force for each AVS (none: the AVS cannot slash). `Twox64Concat` here and
	/// below on AVS, vault and slash ids: all sequential, none chosen by users.
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Twox64Concat, AvsId, PolicyOf<T>>;

	/// A riskier policy waiting for `PolicyChangeDelay`, with the block from which it applies.
	#[pallet::storage]
	pub type PendingPolicies<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, (PolicyOf<T>, BlockNumberFor<T>)>;

	/// Governance's ceiling on any single slash, whatever the policy says.
	#[pallet::storage]
	pub type GlobalMaxFraction<T> = StorageValue<_, Perbill, ValueQuery, DefaultGlobalMax>;

	/// The default ceiling: 100 %.
	#[pallet::type_value]
	pub fn DefaultGlobalMax() -> Perbill {
		Perbill::one()
	}

	/// The id the next slash request gets.
	#[pallet::storage]
	pub type NextSlashId<T> = StorageValue<_, SlashId, ValueQuery>;

	/// Slash requests waiting for their veto window.
	#[pallet::storage]
	pub type PendingSlashes<T: Config> = StorageMap<_, Twox64Concat, SlashId, RequestOf<T>>;

	/// Number of pending slashes per AVS (bounded by `MaxPendingPerAvs`).
	#[pallet::storage]
	pub type PendingPerAvs<T> = StorageMap<_, Twox64Concat, AvsId, u32, ValueQuery>;

	/// Number of pending slashes that may take from each vault.
	#[pallet::storage]
	pub type PendingPerVault<T> = StorageMap<_, Twox64Concat, VaultId, u32, ValueQuery>;

	/// Last request block and the fraction requested in the current epoch, per (AVS,
	/// operator), for the cooldown and the per-epoch cap. `Blake2_128Concat` on the operator.
	#[pallet::storage]
	pub type OperatorSlashState<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		(BlockNumberFor<T>, BlockNumberFor<T>, Perbill),
	>;

	/// Every settled slash, by id.
	#[pallet::storage]
	pub type SlashHistory<T: Config> = StorageMap<_, Twox64Concat, SlashId, RecordOf<T>>;

	/// Policies in force from the first block: `(avs, veto_window, max fraction per
	/// incident (ppb), max fraction per epoch (ppb), cooldown, destination account or `None`
	/// to burn)`, all enabled.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The policies.
		#[allow(clippy::type_complexity)]
		pub policies: alloc::vec::Vec<(
			AvsId,
			Option<BlockNumberFor<T>>,
			u32,
			u32,
			BlockNumberFor<T>,
			Option<T::AccountId>,
		)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (avs, veto_window, incident, epoch, cooldown, destination) in &self.policies {
				Policies::<T>::insert(
					avs,
					SlashPolicy {
						veto_window: *veto_window,
						max_fraction_per_incident: Perbill::from_parts(*incident),
						max_fraction_per_epoch: Perbill::from_parts(*epoch),
						cooldown: *cooldown,
						destination: destination
							.clone()
							.map_or(SlashDestination::Burn, SlashDestination::Account),
						status: PolicyStatus::Enabled,
					},
				);
			}
		}
	}

	/// Events of the slashing pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS's policy changed.
		PolicySet {
			/// The AVS.
			avs: AvsId,
			/// The policy now in force.
			policy: PolicyOf<T>,
		},
		/// A riskier policy was scheduled.
		PolicyChangeScheduled {
			/// The AVS.
			avs: AvsId,
			/// The future policy.
			policy: PolicyOf<T>,
			/// The block from which it applies.
			effective_at: BlockNumberFor<T>,
		},
		/// A slash was requested.
		SlashRequested {
			/// The request.
			id: SlashId,
			/// The AVS.
			avs: AvsId,
			/// The operator.
			operator: T::AccountId,
			/// The fraction requested.
			fraction: Perbill,
			/// The evidence hash.
			evidence: H256,
			/// First block at which it can execute.
			executable_at: BlockNumberFor<T>,
		},
		/// The resolver vetoed a pending slash.
		SlashVetoed {
			/// The request.
			id: SlashId,
		},
		/// Governance cancelled a pending slash.
		SlashCancelled {
			/// The request.
			id: SlashId,
		},
		/// A slash was executed.
		SlashExecuted {
			/// The request.
			id: SlashId,
			/// The AVS.
			avs: AvsId,
			/// The operator.
			operator: T::AccountId,
			/// Assets taken per vault.
			taken: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash>,
		},
		/// A request under a log-only policy was recorded and not executed.
		SlashLogged {
			/// The request.
			id: SlashId,
		},
		/// Governance set the ceiling on any single slash.
		GlobalMaxFractionSet {
			/// The ceiling.
			fraction: Perbill,
		},
	}

	/// Errors of the slashing pallet. Each leaves storage unchanged.
	#[pallet::error]
	pub enum Error<T> {
		/// No AVS has this id.
		AvsNotFound,
		/// Only the AVS's owner may set its policy.
		NotAvsOwner,
		/// Only the AVS's slasher may request slashes.
		NotSlasher,
		/// Only the AVS's resolver may veto.
		NotResolver,
		/// The AVS has no slashing policy.
		NoPolicy,
		/// The AVS's policy disables slashing.
		SlashingDisabled,
		/// The veto window is longer than `MaxVetoWindow`, or a veto policy has no resolver.
		InvalidVetoWindow,
		/// The operator is not (or no longer) slashable for this AVS.
		OperatorNotSlashable,
		/// The fraction is zero.
		ZeroFraction,
		/// The fraction exceeds the policy's per-incident cap or the global ceiling.
		SlashExceedsPolicyCap,
		/// The operator's slashes in this epoch would exceed the policy's per-epoch cap.
		SlashExceedsEpochCap,
		/// The policy's cooldown since the last slash of this operator has not passed.
		CooldownActive,
		/// The AVS has the maximum number of pending slashes.
		TooManyPendingSlashes,
		/// No pending slash has this id.
		SlashNotFound,
		/// The veto window has ended.
		VetoWindowClosed,
		/// The veto window has not ended yet.
		NotYetExecutable,
		/// No policy change is scheduled, or it is not due yet.
		NoDuePolicyChange,
		/// A count or an id overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::EpochLength::get().is_zero(), "epochs must have a length");
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

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the AVS's slashing policy. A riskier policy applies after `PolicyChangeDelay`
		/// (anyone may then call `apply_policy`); a less risky one at once. The first policy of
		/// an AVS applies after the delay too, unless it disables slashing.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `PolicySet` or `PolicyChangeScheduled`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_policy())]
		pub fn set_policy(origin: OriginFor<T>, avs: AvsId, policy: PolicyOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_policy(&who, avs, policy)
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

		/// Request a slash of `fraction` of `operator`'s allocations to `avs`. Executes at
		/// once under an instant policy; waits for the veto window otherwise.
		///
		/// - Origin: the AVS's slasher.
		/// - `evidence`: hash of the evidence; `reason`: a short text.
		///
		/// Emits `SlashRequested`, then `SlashExecuted` (instant) or `SlashLogged` (log-only).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::request_slash(T::MaxVaultsPerSlash::get()))]
		pub fn request_slash(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
			fraction: Perbill,
			evidence: H256,
			reason: ReasonOf<T::ReasonLimit>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_slash(&who, avs, operator, fraction, evidence, reason).map(|_| ())
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

		/// Execute a pending slash whose veto window has ended.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `SlashExecuted`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::execute_slash(T::MaxVaultsPerSlash::get()).saturating_add(
			T::Stake::observer_weight_per_vault().saturating_mul(T::MaxVaultsPerSlash::get().into())
		))]
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
	}
}
