#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
use polkadot_sdk::frame_system;

// Sections of the `pallet` module (imported by `#[import_section]` below).
mod config;
mod errors;
mod events;
mod genesis;
mod hooks;
mod storage;

// The calls' logic (`do_*`), by role, and the read-only functions.
mod allocation;
mod avs;
mod operator;
mod opt_in;
mod queries;

// The traits other pallets use, and the invariants `try_state` checks.
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod vault_hooks;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::frame_support::pallet_macros::import_section;

#[import_section(config::config)]
#[import_section(storage::storage)]
#[import_section(genesis::genesis)]
#[import_section(events::events)]
#[import_section(errors::errors)]
#[import_section(hooks::hooks)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, Get},
			Deserialize, Serialize,
		},
		frame_system::pallet_prelude::*,
		sp_runtime::{
			traits::{Bounded, StaticLookup},
			Perbill,
		},
	};
	use restake_primitives::{
		traits::{ExitDelays, OnStakeChanged, SlashHolds, VaultInspect, VaultSlash},
		AvsId, VaultId,
	};

	/// How a call names an account (an address in polkadot.js).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Read-only queries for wallets and apps (metadata V16 view functions; the runtime APIs answer the same).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Every allocation to (`operator`, `avs`), one per vault (bounded by `MaxVaultsPerPair`).
		pub fn pair_allocations(
			operator: T::AccountId,
			avs: AvsId,
		) -> alloc::vec::Vec<crate::runtime_api::AllocationView<BlockNumberFor<T>>> {
			Self::pair_allocations_of(operator, avs)
		}

		/// An AVS's total stake weighted by its accepted assets' weights (bounded: operators of
		/// the AVS × vaults per pair). Off-chain use (runtime API).
		pub fn avs_weighted_stake(avs: AvsId) -> u128 {
			Self::avs_weighted_stake_of(avs)
		}

		/// An AVS's lifecycle state (runtime API).
		pub fn avs_state(
			avs: AvsId,
		) -> Option<crate::runtime_api::AvsState<T::AccountId, BlockNumberFor<T>>> {
			Self::avs_state_of(avs)
		}

		/// An operator's lifecycle state (runtime API). Reads every AVS id's opt-in: off-chain use.
		pub fn operator_state(
			who: T::AccountId,
		) -> Option<crate::runtime_api::OperatorState<BlockNumberFor<T>>> {
			Self::operator_state_of(who)
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
			slasher: AccountIdLookupOf<T>,
			resolver: Option<AccountIdLookupOf<T>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let slasher = T::Lookup::lookup(slasher)?;
			let resolver = resolver.map(T::Lookup::lookup).transpose()?;
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
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			operator: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			operator: AccountIdLookupOf<T>,
			avs: AvsId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			operator: AccountIdLookupOf<T>,
			avs: AvsId,
			share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			operator: AccountIdLookupOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			new_owner: Option<AccountIdLookupOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_owner = new_owner.map(T::Lookup::lookup).transpose()?;
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
			slasher: AccountIdLookupOf<T>,
			resolver: Option<AccountIdLookupOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let slasher = T::Lookup::lookup(slasher)?;
			let resolver = resolver.map(T::Lookup::lookup).transpose()?;
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
			operator: AccountIdLookupOf<T>,
			avs: AvsId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
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
			operator: AccountIdLookupOf<T>,
			avs: AvsId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let operator = T::Lookup::lookup(operator)?;
			Self::do_settle_allocation(vault, &operator, avs)
		}
	}
}
