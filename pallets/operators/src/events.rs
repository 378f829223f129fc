//! The operator pallet's events.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod events {
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
}
