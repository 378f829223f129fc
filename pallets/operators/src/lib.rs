//! # Operators
//!
//! The operator and AVS registry of Restake: AVSs register permissionlessly, operators
//! register and opt in to AVSs one by one, and vault curators allocate their vaults' stake to
//! (operator, AVS) pairs, with delays.
//!
//! ## Overview
//!
//! An AVS (Actively Validated Service) registers with a deposit, names its slasher and
//! resolver, lists the assets it accepts with a weight each, and says whether operators need
//! its approval. An operator registers (commission, optional self-bond) and opts in to AVSs.
//! A vault's curator allocates a share of the vault's stake to an (operator, AVS) pair the
//! vault's allowlist permits and the operator has opted in to.
//!
//! ## Terminology
//!
//! - **Magnitude**: an allocation is a magnitude out of the vault's maximum magnitude
//!   ([`MAGNITUDE_ONE`] until the first slash). Its stake is
//!   `magnitude / max × vault stake`, so deposits and withdrawals move every allocation pro
//!   rata, and the sum of a vault's allocations can never exceed its stake.
//! - **Effective** allocation: what earns rewards and what can be slashed now.
//! - **Encumbered** magnitude: `max(current, pending)`, what counts against the vault's
//!   capacity while a change is pending.
//!
//! ## Goals
//!
//! - Unique stake: a unit of stake backs at most one (operator, AVS) pair; a slash by one AVS
//!   lowers the vault's maximum magnitude by exactly what it took, so the stake allocated to
//!   every other AVS is unchanged (EigenLayer's magnitude model).
//! - Exits stay slashable: a decrease, an opt-out or an AVS deregistration takes effect only
//!   after `DeallocationDelay`; increases wait `AllocationDelay` and are not slashable before.
//! - Bounded work: every loop is over a bounded list (vaults of one operator for one AVS).
//!
//! ## Interface
//!
//! Permissionless: [`Pallet::register_avs`], [`Pallet::register_operator`],
//! [`Pallet::settle_allocation`], [`Pallet::complete_opt_out`].
//!
//! AVS owner: [`Pallet::update_avs`], [`Pallet::set_accepted_asset`],
//! [`Pallet::approve_operator`], [`Pallet::reject_operator`], [`Pallet::eject_operator`],
//! [`Pallet::deregister_avs`], [`Pallet::transfer_avs_ownership`],
//! [`Pallet::set_avs_roles`]; the offered owner: [`Pallet::accept_avs_ownership`]; anyone:
//! [`Pallet::complete_avs_deregistration`].
//!
//! Operator: [`Pallet::update_operator`], [`Pallet::set_commission`],
//! [`Pallet::set_vault_allowlist`], [`Pallet::opt_in`], [`Pallet::opt_out`],
//! [`Pallet::eject_vault`], [`Pallet::deregister_operator`].
//!
//! Vault curator: [`Pallet::allocate`], [`Pallet::cancel_allocation_increase`].
//!
//! Other pallets use [`restake_primitives::traits::StakeInspect`] and
//! [`restake_primitives::traits::AllocationSlash`].
//!
//! ## Design
//!
//! ```text
//! stake(v, o, a)      = effective_magnitude(v, o, a) / max(v) × active_assets(v)
//! slashable(v, o, a)  = effective_magnitude(v, o, a) / max(v) × (active + queued)(v)
//! slash fraction f:   m = ⌈f × magnitude⌉;  amount = ⌈(active + queued) × m / max⌉
//!                     magnitude −= m;  max −= m;  encumbered −= m
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
use polkadot_sdk::frame_system;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod impls;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
mod vault_hooks;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, Get},
		},
		frame_system::pallet_prelude::*,
		sp_runtime::{traits::Bounded, Perbill},
	};
	use restake_primitives::{
		traits::{ExitDelays, OnStakeChanged, SlashHolds, VaultInspect, VaultSlash},
		AvsId, VaultId,
	};

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	/// Display strings (names, URIs).
	pub type StringOf<T> = BoundedVec<u8, <T as Config>::StringLimit>;

	/// An AVS as stored.
	pub type AvsOf<T> = AvsInfo<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BlockNumberFor<T>,
		<T as Config>::StringLimit,
		<T as Config>::MaxAcceptedAssets,
	>;

	/// An operator as stored.
	pub type OperatorOf<T> = OperatorInfo<BlockNumberFor<T>, <T as Config>::StringLimit>;

	/// The vaults allocating to one (operator, AVS) pair.
	pub type PairVaultsOf<T> = BoundedVec<VaultId, <T as Config>::MaxVaultsPerPair>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

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
		type BenchmarkHelper: crate::benchmarking::BenchmarkHelper<Self>;
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

	/// The id the next AVS gets.
	#[pallet::storage]
	pub type NextAvsId<T> = StorageValue<_, AvsId, ValueQuery>;

	/// Every AVS by id. `Twox64Concat`: ids are sequential. Its `slasher` and `resolver` are
	/// superseded by a due [`PendingAvsRoles`] entry (the runtime API shows the roles in
	/// force). A deregistered AVS stays, with `deposit` 0 once released.
	#[pallet::storage]
	pub type Avss<T: Config> = StorageMap<_, Twox64Concat, AvsId, AvsOf<T>>;

	/// The account an AVS's owner offered ownership to (`transfer_avs_ownership`); it takes
	/// over with `accept_avs_ownership`. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type PendingAvsOwners<T: Config> = StorageMap<_, Twox64Concat, AvsId, T::AccountId>;

	/// A scheduled change of an AVS's slasher and resolver (`set_avs_roles`), in force from
	/// its `effective_at`. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type PendingAvsRoles<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, RoleChange<T::AccountId, BlockNumberFor<T>>>;

	/// Every operator by account. `Blake2_128Concat`: accounts are chosen by users.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorOf<T>>;

	/// Opt-in of an operator to an AVS, keyed by AVS first so an AVS's operators are one
	/// bounded prefix (`MaxOperatorsPerAvs`).
	#[pallet::storage]
	pub type OptIns<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		T::AccountId,
		OptInStatus<BlockNumberFor<T>>,
	>;

	/// Allocation of a vault to an (operator, AVS) pair. Ids use `Twox64Concat` (sequential),
	/// the operator `Blake2_128Concat` (chosen by users).
	#[pallet::storage]
	pub type Allocations<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, VaultId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, AvsId>,
		),
		Allocation<BlockNumberFor<T>>,
	>;

	/// The vaults allocating to an (operator, AVS) pair: what a slash of the pair visits
	/// (bounded by `MaxVaultsPerPair`). `Blake2_128Concat` on the operator, `Twox64Concat` on
	/// the sequential AVS id.
	#[pallet::storage]
	pub type PairVaults<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		AvsId,
		PairVaultsOf<T>,
		ValueQuery,
	>;

	/// Each vault's magnitudes (absent: never allocated, `MAGNITUDE_ONE`). `Twox64Concat`:
	/// vault ids are sequential.
	#[pallet::storage]
	pub type VaultMagnitudes<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, VaultMagnitude, ValueQuery>;

	/// The vaults each operator accepts allocations from (absent: any vault). Set by the
	/// operator with `set_vault_allowlist`; bounded by `MaxVaultAllowlist`. `Blake2_128Concat`:
	/// accounts are chosen by users.
	#[pallet::storage]
	pub type VaultAllowlists<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<VaultId, T::MaxVaultAllowlist>>;

	/// The longest withdrawal delay of any vault that has allocated to each AVS: a riskier
	/// slashing policy waits longer. `Twox64Concat`: AVS ids are sequential.
	#[pallet::storage]
	pub type AvsExitDelay<T: Config> =
		StorageMap<_, Twox64Concat, AvsId, BlockNumberFor<T>, ValueQuery>;

	/// The longest withdrawal delay of any vault that has allocated to each operator: a
	/// commission increase waits longer. `Blake2_128Concat`: accounts are chosen by users.
	#[pallet::storage]
	pub type OperatorExitDelay<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, ValueQuery>;

	/// AVSs, operators, opt-ins and allocations that exist from the first block.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// AVSs `(owner, name, uri, requires_approval, slasher, resolver)`, ids 0, 1, ….
		#[allow(clippy::type_complexity)]
		pub avss: alloc::vec::Vec<(
			T::AccountId,
			alloc::vec::Vec<u8>,
			alloc::vec::Vec<u8>,
			bool,
			T::AccountId,
			Option<T::AccountId>,
		)>,
		/// Operators `(account, name, commission in parts per billion)`.
		pub operators: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<u8>, u32)>,
		/// Active opt-ins `(operator, avs)`.
		pub opt_ins: alloc::vec::Vec<(T::AccountId, AvsId)>,
		/// Accepted assets `(avs, asset, weight in parts per billion)`.
		pub accepted_assets: alloc::vec::Vec<(AvsId, T::AssetKind, u32)>,
		/// Allocations in force from genesis `(vault, operator, avs, share in parts per billion)`.
		pub allocations: alloc::vec::Vec<(VaultId, T::AccountId, AvsId, u32)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (owner, name, uri, approval, slasher, resolver) in &self.avss {
				Pallet::<T>::do_register_avs(
					owner.clone(),
					name.clone().try_into().expect("genesis AVS name too long"),
					uri.clone().try_into().expect("genesis AVS URI too long"),
					*approval,
					slasher.clone(),
					resolver.clone(),
				)
				.expect("genesis AVS registers");
			}
			for (avs, asset, weight) in &self.accepted_assets {
				Avss::<T>::mutate(avs, |a| {
					a.as_mut()
						.expect("genesis asset of a registered AVS")
						.accepted_assets
						.try_insert(asset.clone(), Perbill::from_parts(*weight))
						.expect("genesis accepted assets within MaxAcceptedAssets");
				});
			}
			for (who, name, commission) in &self.operators {
				Pallet::<T>::do_register_operator(
					who.clone(),
					name.clone().try_into().expect("genesis operator name too long"),
					Perbill::from_parts(*commission),
				)
				.expect("genesis operator registers");
			}
			for (operator, avs) in &self.opt_ins {
				OptIns::<T>::insert(avs, operator, OptInStatus::Active);
				Operators::<T>::mutate(operator, |o| {
					o.as_mut().expect("genesis opt-in of a registered operator").avs_count += 1
				});
				Avss::<T>::mutate(avs, |a| {
					a.as_mut().expect("genesis opt-in to a registered AVS").operator_count += 1
				});
			}
			for (vault, operator, avs, share) in &self.allocations {
				let curator = T::Vaults::curator(*vault).expect("genesis allocation of a vault");
				Pallet::<T>::do_allocate(
					&curator,
					*vault,
					operator,
					*avs,
					Perbill::from_parts(*share),
				)
				.expect("genesis allocation is valid");
				Allocations::<T>::mutate((vault, operator, avs), |a| {
					if let Some(a) = a {
						// In force from the first block.
						let _ = a.settle(BlockNumberFor::<T>::max_value());
					}
				});
			}
		}
	}

	/// Events of the operator pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS was registered.
		AvsRegistered {
			/// Its id.
			avs: AvsId,
			/// Its owner.
			owner: T::AccountId,
		},
		/// An AVS's metadata or approval rule changed.
		AvsUpdated {
			/// The AVS.
			avs: AvsId,
		},
		/// An AVS set (or, with `None`, removed) the weight of an accepted asset.
		AcceptedAssetSet {
			/// The AVS.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// Its weight, or `None` if no longer accepted.
			weight: Option<Perbill>,
		},
		/// An AVS was deregistered: no new opt-ins.
		AvsDeregistered {
			/// The AVS.
			avs: AvsId,
		},
		/// An operator registered.
		OperatorRegistered {
			/// The operator.
			operator: T::AccountId,
			/// Its commission.
			commission: Perbill,
		},
		/// An operator changed its name.
		OperatorUpdated {
			/// The operator.
			operator: T::AccountId,
		},
		/// An operator left the registry; its deposit was released.
		OperatorDeregistered {
			/// The former operator.
			operator: T::AccountId,
			/// Native funds released to it.
			released: u128,
		},
		/// A deregistered AVS's stake is no longer slashable and it has no operators left: its
		/// deposit went back to its owner.
		AvsDeregistrationCompleted {
			/// The AVS.
			avs: AvsId,
			/// Its owner, who got the deposit back.
			owner: T::AccountId,
			/// Native funds released.
			released: u128,
		},
		/// An AVS's owner offered its ownership (`None`: withdrew the offer).
		AvsOwnershipOffered {
			/// The AVS.
			avs: AvsId,
			/// The account that may accept, if any.
			to: Option<T::AccountId>,
		},
		/// An AVS changed owner; the deposit is now held from the new owner.
		AvsOwnerChanged {
			/// The AVS.
			avs: AvsId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// An AVS's slasher and resolver change from `effective_at`.
		AvsRolesChangeScheduled {
			/// The AVS.
			avs: AvsId,
			/// The slasher from then on.
			slasher: T::AccountId,
			/// The resolver from then on.
			resolver: Option<T::AccountId>,
			/// The first block they are in force.
			effective_at: BlockNumberFor<T>,
		},
		/// An AVS's owner withdrew a scheduled role change.
		AvsRolesChangeCancelled {
			/// The AVS.
			avs: AvsId,
		},
		/// An operator's commission changed (decreases apply at once).
		CommissionUpdated {
			/// The operator.
			operator: T::AccountId,
			/// The commission in force.
			commission: Perbill,
		},
		/// An operator's commission increase was scheduled.
		CommissionIncreaseScheduled {
			/// The operator.
			operator: T::AccountId,
			/// The future commission.
			commission: Perbill,
			/// The block from which it applies.
			effective_at: BlockNumberFor<T>,
		},
		/// An operator asked to opt in to an AVS that requires approval.
		OptInRequested {
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
		},
		/// An operator is opted in to an AVS.
		OperatorOptedIn {
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
		},
		/// An AVS rejected an operator's opt-in request.
		OptInRejected {
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
		},
		/// An operator started leaving an AVS; it stays slashable until `until`.
		OperatorOptingOut {
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
			/// First block at which it is no longer slashable for the AVS.
			until: BlockNumberFor<T>,
		},
		/// An operator has left an AVS.
		OperatorOptedOut {
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
		},
		/// A curator scheduled an allocation change.
		AllocationScheduled {
			/// The vault.
			vault: VaultId,
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
			/// The magnitude it will have.
			magnitude: u128,
			/// The block from which it has it.
			effective_at: BlockNumberFor<T>,
		},
		/// A curator withdrew an allocation increase before it took effect.
		AllocationIncreaseCancelled {
			/// The vault.
			vault: VaultId,
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
			/// The magnitude in force, which the allocation keeps (0: it is gone).
			magnitude: u128,
		},
		/// A scheduled allocation change took effect.
		AllocationSettled {
			/// The vault.
			vault: VaultId,
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
			/// The magnitude in force.
			magnitude: u128,
		},
		/// An operator chose the vaults it accepts allocations from (`None`: any vault).
		VaultAllowlistSet {
			/// The operator.
			operator: T::AccountId,
			/// The vaults it accepts, or `None` when open to every vault.
			allowlist: Option<alloc::vec::Vec<VaultId>>,
		},
		/// An operator is winding down a vault's allocation to one of its pairs.
		VaultEjected {
			/// The operator.
			operator: T::AccountId,
			/// The AVS of the pair.
			avs: AvsId,
			/// The vault.
			vault: VaultId,
			/// When the allocation reaches zero (slashable until then).
			until: BlockNumberFor<T>,
		},
		/// An AVS's owner removed an operator: its allocations to the AVS wind down.
		OperatorEjected {
			/// The AVS.
			avs: AvsId,
			/// The operator.
			operator: T::AccountId,
			/// When its allocations reach zero (slashable until then); `complete_opt_out`
			/// frees its slot after that.
			until: BlockNumberFor<T>,
		},
		/// An allocation was slashed.
		AllocationSlashed {
			/// The vault.
			vault: VaultId,
			/// The operator.
			operator: T::AccountId,
			/// The AVS.
			avs: AvsId,
			/// Magnitude removed.
			magnitude: u128,
			/// Assets taken from the vault.
			amount: u128,
		},
	}

	/// Errors of the operator pallet. Each leaves storage unchanged.
	#[pallet::error]
	pub enum Error<T> {
		/// No AVS has this id.
		AvsNotFound,
		/// Only the AVS's owner may do this.
		NotAvsOwner,
		/// The AVS was deregistered.
		AvsDeregistered,
		/// The AVS accepts the maximum number of assets.
		TooManyAcceptedAssets,
		/// The AVS does not accept this asset.
		AssetNotAccepted,
		/// The account is already a registered operator.
		AlreadyOperator,
		/// The account is not a registered operator.
		NotOperator,
		/// The commission is above the runtime's maximum.
		CommissionTooHigh,
		/// The operator is already opted in (or waiting, or leaving).
		AlreadyOptedIn,
		/// The operator is not opted in to this AVS.
		NotOptedIn,
		/// The operator has no opt-in request waiting for this AVS.
		NoPendingOptIn,
		/// The operator is already leaving this AVS.
		AlreadyOptingOut,
		/// Stake is still slashable: an opt-out completes at the `until` of its
		/// `OperatorOptingOut` event; a deregistered AVS's deposit is released from
		/// `deregistered_at + DeallocationDelay` (runtime API `avs_state`, `release_at`).
		StillSlashable,
		/// The operator still has opt-ins (active, pending or leaving): it must `opt_out` of
		/// each AVS and complete each opt-out first (runtime API `operator_state` shows when
		/// each completes).
		StillOptedIn,
		/// The AVS was not deregistered (`deregister_avs` first).
		AvsNotDeregistered,
		/// The AVS still has operators: the owner ejects (`eject_operator`) or rejects them,
		/// and their opt-outs complete, before its deposit is released.
		AvsHasOperators,
		/// The AVS's deposit was already released.
		DepositAlreadyReleased,
		/// The account is already the AVS's owner.
		AlreadyAvsOwner,
		/// There is no ownership offer to withdraw.
		NoOwnershipOffer,
		/// Only the account the AVS's ownership was offered to may accept it.
		NotPendingOwner,
		/// These are the slasher and resolver in force, and no change is scheduled.
		AvsRolesUnchanged,
		/// An AVS that has a resolver keeps one (a veto policy relies on it): it can be
		/// replaced, not removed.
		ResolverRequired,
		/// The allocation has no increase waiting to take effect (none, a decrease, or already
		/// in force).
		NoPendingIncrease,
		/// A pending slash request of this AVS captured this stake before it was due to leave:
		/// it stays until the request is executed, vetoed, cancelled or expires (at most the
		/// veto window plus the execution deadline after the request).
		StakeCaptured,
		/// The (operator, AVS) pair has a pending slash request: no vault may start allocating
		/// to it until the request resolves or expires.
		PairUnderSlash,
		/// The operator is opted in to the maximum number of AVSs.
		TooManyAvs,
		/// The AVS has the maximum number of operators.
		TooManyOperators,
		/// No vault has this id.
		VaultNotFound,
		/// Only the vault's curator may allocate its stake.
		NotCurator,
		/// The vault's allowlist does not (yet) permit this AVS.
		AvsNotAllowedByVault,
		/// The allocation would take the vault above its whole stake.
		InsufficientCapacity,
		/// The allocation already has this value (or is already moving to it).
		AllocationUnchanged,
		/// The allocation has a change pending; wait for it to take effect.
		AllocationChangePending,
		/// No allocation of this vault to this pair exists.
		AllocationNotFound,
		/// The pair has the maximum number of vaults.
		TooManyVaultsPerPair,
		/// The vault has the maximum number of allocations.
		TooManyAllocations,
		/// An amount does not fit the arithmetic.
		Overflow,
		/// The operator accepts allocations only from the vaults on its allowlist.
		VaultNotAllowedByOperator,
		/// An allowlist names the same vault twice.
		DuplicateVault,
		/// A new allocation must put at least `MinAllocation` of the vault's stake behind the
		/// pair.
		AllocationTooSmall,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxVaultsPerPair::get() >= 1, "a pair needs room for one vault");
			assert!(T::MaxAllocationsPerVault::get() >= 1, "a vault needs room for one allocation");
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
		/// Every allocation to (`operator`, `avs`), one per vault (bounded by `MaxVaultsPerPair`).
		pub fn pair_allocations(
			operator: T::AccountId,
			avs: AvsId,
		) -> alloc::vec::Vec<crate::runtime_api::AllocationView<BlockNumberFor<T>>> {
			let operator = &operator;
			let now = Self::now();
			PairVaults::<T>::get(operator, avs)
				.into_iter()
				.filter_map(|vault| {
					let allocation = Allocations::<T>::get((vault, operator, avs))?;
					let max = VaultMagnitudes::<T>::get(vault).max;
					let pending = allocation.pending.filter(|p| p.effective_at > now).map(|p| {
						(Perbill::from_rational(p.target.min(max), max.max(1)), p.effective_at)
					});
					Some(crate::runtime_api::AllocationView {
						vault,
						avs,
						stake: Self::allocated_stake(vault, operator, avs),
						slashable: <Self as restake_primitives::traits::StakeInspect<_, _>>::slashable_allocation(
							vault, operator, avs,
						),
						pending,
					})
				})
				.collect()
		}

		/// An AVS's total stake weighted by its accepted assets' weights (bounded: operators of
		/// the AVS × vaults per pair). Off-chain use (runtime API).
		pub fn avs_weighted_stake(avs: AvsId) -> u128 {
			let Some(info) = Avss::<T>::get(avs) else { return 0 };
			let mut total: u128 = 0;
			for operator in OptIns::<T>::iter_key_prefix(avs) {
				for vault in PairVaults::<T>::get(&operator, avs) {
					let weight = T::Vaults::vault_asset(vault)
						.and_then(|asset| info.accepted_assets.get(&asset).copied())
						.unwrap_or_default();
					total = total.saturating_add(
						weight.mul_floor(Self::allocated_stake(vault, &operator, avs)),
					);
				}
			}
			total
		}

		/// An AVS's lifecycle state (runtime API).
		pub fn avs_state(
			avs: AvsId,
		) -> Option<crate::runtime_api::AvsState<T::AccountId, BlockNumberFor<T>>> {
			let info = Avss::<T>::get(avs)?;
			let (slasher, resolver) = Self::roles_in_force(avs, &info);
			let now = Self::now();
			let release_at = info.deregistered_at.map(Self::avs_release_at);
			Some(crate::runtime_api::AvsState {
				pending_owner: PendingAvsOwners::<T>::get(avs),
				pending_roles: PendingAvsRoles::<T>::get(avs)
					.filter(|p| p.effective_at > now)
					.map(|p| (p.slasher, p.resolver, p.effective_at)),
				can_complete_deregistration: release_at.is_some_and(|at| now >= at)
					&& info.operator_count == 0
					&& info.deposit > 0,
				owner: info.owner,
				slasher,
				resolver,
				deregistered_at: info.deregistered_at,
				release_at,
				operators: info.operator_count,
				deposit: info.deposit,
			})
		}

		/// An operator's lifecycle state (runtime API). Reads every AVS id's opt-in: off-chain use.
		pub fn operator_state(
			who: T::AccountId,
		) -> Option<crate::runtime_api::OperatorState<BlockNumberFor<T>>> {
			let who = &who;
			let op = Operators::<T>::get(who)?;
			let opt_ins: alloc::vec::Vec<_> = (0..NextAvsId::<T>::get())
				.filter_map(|avs| OptIns::<T>::get(avs, who).map(|status| (avs, status)))
				.collect();
			let free_from =
				opt_ins.iter().try_fold(Self::now(), |latest, (_, status)| match status {
					OptInStatus::OptingOut { until } => Some(latest.max(*until)),
					_ => None,
				});
			Some(crate::runtime_api::OperatorState {
				deposit: op.deposit,
				can_deregister: opt_ins.is_empty(),
				opt_ins,
				free_from,
			})
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register an AVS; the caller becomes its owner.
		///
		/// - Origin: signed; holds `AvsDeposit`.
		/// - `slasher`: the account that may request slashes; `resolver`: the account that may
		///   veto them (veto policies).
		/// - `requires_approval`: whether operators need the owner's approval to opt in.
		///
		/// Emits `AvsRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_avs())]
		pub fn register_avs(
			origin: OriginFor<T>,
			name: StringOf<T>,
			uri: StringOf<T>,
			requires_approval: bool,
			slasher: T::AccountId,
			resolver: Option<T::AccountId>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_avs(owner, name, uri, requires_approval, slasher, resolver)
				.map(|_| ())
		}

		/// Update an AVS's name, URI and approval rule.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `AvsUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_avs())]
		pub fn update_avs(
			origin: OriginFor<T>,
			avs: AvsId,
			name: StringOf<T>,
			uri: StringOf<T>,
			requires_approval: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_avs(&who, avs, name, uri, requires_approval)
		}

		/// Accept `asset` with `weight` (or stop accepting it with `None`).
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `AcceptedAssetSet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_accepted_asset())]
		pub fn set_accepted_asset(
			origin: OriginFor<T>,
			avs: AvsId,
			asset: T::AssetKind,
			weight: Option<Perbill>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_accepted_asset(&who, avs, asset, weight)
		}

		/// Deregister an AVS (the request to leave): no new opt-ins or allocation increases.
		/// Its stake stays slashable for `DeallocationDelay`; `complete_avs_deregistration`
		/// then releases the deposit once no operator is left.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `AvsDeregistered`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::deregister_avs())]
		pub fn deregister_avs(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_avs(&who, avs)
		}

		/// Register the caller as an operator.
		///
		/// - Origin: signed; holds `OperatorDeposit` until `deregister_operator`.
		/// - `commission`: at most `MaxCommission`.
		///
		/// Emits `OperatorRegistered`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_operator())]
		pub fn register_operator(
			origin: OriginFor<T>,
			name: StringOf<T>,
			commission: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_operator(who, name, commission)
		}

		/// Change the operator's commission. A decrease applies at once; an increase after
		/// `CommissionIncreaseDelay`.
		///
		/// - Origin: the operator.
		///
		/// Emits `CommissionUpdated` or `CommissionIncreaseScheduled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_commission())]
		pub fn set_commission(origin: OriginFor<T>, commission: Perbill) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_commission(&who, commission)
		}

		/// Opt in to an AVS. If the AVS requires approval, the request waits for its owner.
		///
		/// - Origin: a registered operator.
		///
		/// Emits `OperatorOptedIn` or `OptInRequested`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::opt_in())]
		pub fn opt_in(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_opt_in(&who, avs)
		}

		/// Approve an operator's pending opt-in.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `OperatorOptedIn`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::approve_operator())]
		pub fn approve_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_opt_in(&who, avs, &operator, true)
		}

		/// Reject an operator's pending opt-in.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `OptInRejected`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reject_operator())]
		pub fn reject_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_opt_in(&who, avs, &operator, false)
		}

		/// Start leaving an AVS. Every allocation to the pair is scheduled to drop to zero
		/// after `DeallocationDelay`; until then the operator stays slashable for the AVS.
		///
		/// - Origin: the operator.
		///
		/// Emits `OperatorOptingOut`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::opt_out(T::MaxVaultsPerPair::get()).saturating_add(
			T::OnStakeChanged::on_stake_changed_weight()
				.saturating_mul(T::MaxVaultsPerPair::get().into())
		))]
		pub fn opt_out(origin: OriginFor<T>, avs: AvsId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Ok(Some(Self::do_opt_out(&who, avs)?).into())
		}

		/// Finish an opt-out once the deallocation delay has passed: removes the pair's
		/// (now zero) allocations and the opt-in.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `OperatorOptedOut`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::complete_opt_out(T::MaxVaultsPerPair::get()).saturating_add(
			T::OnStakeChanged::on_stake_changed_weight()
				.saturating_mul(T::MaxVaultsPerPair::get().into())
		))]
		pub fn complete_opt_out(
			origin: OriginFor<T>,
			operator: T::AccountId,
			avs: AvsId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_complete_opt_out(&operator, avs)
		}

		/// Set the share of `vault`'s stake allocated to (`operator`, `avs`). An increase takes
		/// effect after `AllocationDelay`, a decrease after `DeallocationDelay` (slashable
		/// until then). `Perbill::zero()` winds the allocation down.
		///
		/// - Origin: the vault's curator.
		/// - The vault's allowlist must permit the AVS and the operator must be opted in.
		///
		/// Emits `AllocationScheduled`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::allocate()
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn allocate(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
			avs: AvsId,
			share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_allocate(&who, vault, &operator, avs, share)
		}

		/// Choose which vaults may allocate to the caller: `None` opens it to every vault,
		/// `Some(list)` only to those (an empty list: to none). Allocations that exist stay;
		/// `eject_vault` winds one down.
		///
		/// - Origin: a registered operator.
		/// - Every vault must exist, once.
		///
		/// Emits `VaultAllowlistSet`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_vault_allowlist(
			allowlist.as_ref().map_or(0, |l| l.len() as u32)
		))]
		pub fn set_vault_allowlist(
			origin: OriginFor<T>,
			allowlist: Option<BoundedVec<VaultId, T::MaxVaultAllowlist>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_vault_allowlist(&who, allowlist)
		}

		/// Wind down `vault`'s allocation to the caller's pair with `avs`, as an opt-out does
		/// for every vault: it reaches zero after `DeallocationDelay` and stays slashable until
		/// then; `settle_allocation` then frees the pair's slot. To keep the vault out, leave
		/// it off the allowlist too.
		///
		/// - Origin: the operator of the pair.
		///
		/// Emits `VaultEjected` and `AllocationScheduled`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::eject_vault()
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn eject_vault(origin: OriginFor<T>, avs: AvsId, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_eject_vault(&who, avs, vault)
		}

		/// Remove an operator from the AVS: every allocation to the pair winds down as with the
		/// operator's own `opt_out`, and the operator stays slashable until then;
		/// `complete_opt_out` frees its slot after that. (A pending opt-in is refused with
		/// `reject_operator`.)
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `OperatorEjected` and `OperatorOptingOut`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::eject_operator(T::MaxVaultsPerPair::get()).saturating_add(
			T::OnStakeChanged::on_stake_changed_weight()
				.saturating_mul(T::MaxVaultsPerPair::get().into())
		))]
		pub fn eject_operator(
			origin: OriginFor<T>,
			avs: AvsId,
			operator: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_eject_operator(&who, avs, &operator)?;
			Ok(Some(T::WeightInfo::eject_operator(0).saturating_add(used)).into())
		}

		/// Change the operator's display name.
		///
		/// - Origin: a registered operator.
		///
		/// Emits `OperatorUpdated`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::update_operator())]
		pub fn update_operator(origin: OriginFor<T>, name: StringOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_operator(&who, name)
		}

		/// Leave the registry and get the deposit back. The operator must have left every
		/// AVS first: `opt_out` of each (the request; stake stays slashable for
		/// `DeallocationDelay`) and `complete_opt_out` of each (the completion, refused while
		/// anything of the pair is slashable or held by a slash request). Its vault allowlist
		/// goes too; it may register again later.
		///
		/// - Origin: the operator.
		///
		/// Emits `OperatorDeregistered`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::deregister_operator())]
		pub fn deregister_operator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_operator(&who)
		}

		/// Release a deregistered AVS's deposit to its owner, once its stake is no longer
		/// slashable (`deregistered_at + DeallocationDelay`) and it has no operator left (the
		/// owner ejects or rejects them; their opt-outs complete). The AVS's record stays, so
		/// its id is never reused and its slash history still resolves.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `AvsDeregistrationCompleted`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::complete_avs_deregistration())]
		pub fn complete_avs_deregistration(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_complete_avs_deregistration(avs)
		}

		/// Offer the AVS's ownership to `new_owner` (`None` withdraws the offer). Nothing
		/// changes until it accepts.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `AvsOwnershipOffered`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::transfer_avs_ownership())]
		pub fn transfer_avs_ownership(
			origin: OriginFor<T>,
			avs: AvsId,
			new_owner: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_avs_ownership(&who, avs, new_owner)
		}

		/// Take over an AVS offered to the caller. Its deposit is held from the caller and
		/// released to the previous owner.
		///
		/// - Origin: the account the ownership was offered to.
		///
		/// Emits `AvsOwnerChanged`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::accept_avs_ownership())]
		pub fn accept_avs_ownership(origin: OriginFor<T>, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_avs_ownership(&who, avs)
		}

		/// Schedule a new slasher and resolver. The change waits like any risk-raising change:
		/// `DeallocationDelay`, and longer than the slowest withdrawal of any vault that has
		/// backed the AVS, so operators and holders can leave first. Requests and vetoes use
		/// the roles in force when they are made. Calling again replaces the scheduled change
		/// (and restarts the wait); naming the roles in force withdraws it. A resolver, once
		/// named, can be replaced but not removed (`ResolverRequired`): veto policies rely on
		/// it.
		///
		/// - Origin: the AVS owner.
		///
		/// Emits `AvsRolesChangeScheduled` or `AvsRolesChangeCancelled`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::set_avs_roles())]
		pub fn set_avs_roles(
			origin: OriginFor<T>,
			avs: AvsId,
			slasher: T::AccountId,
			resolver: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_avs_roles(&who, avs, slasher, resolver)
		}

		/// Withdraw an allocation increase that has not taken effect yet. The stake was never
		/// slashable for the pair, so it is free at once; an allocation that had nothing in
		/// force goes and frees its slot.
		///
		/// - Origin: the vault's curator.
		///
		/// Emits `AllocationIncreaseCancelled`.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::cancel_allocation_increase()
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn cancel_allocation_increase(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
			avs: AvsId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_cancel_allocation_increase(&who, vault, &operator, avs)?;
			Ok(Some(T::WeightInfo::cancel_allocation_increase().saturating_add(used)).into())
		}

		/// Apply a due allocation change (anyone may; reads apply it anyway, this frees the
		/// vault's capacity after a decrease and removes allocations that reached zero). An
		/// allocation to an AVS its vault no longer allows (a decrease a slash held in place
		/// when the curator called `vaults.disallow_avs`) is then wound down to zero after
		/// `DeallocationDelay`.
		///
		/// - Origin: signed, anyone.
		///
		/// Emits `AllocationSettled`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::settle_allocation()
			.saturating_add(T::WeightInfo::eject_vault())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn settle_allocation(
			origin: OriginFor<T>,
			vault: VaultId,
			operator: T::AccountId,
			avs: AvsId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_allocation(vault, &operator, avs)
		}
	}
}
