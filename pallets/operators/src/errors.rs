//! The operator pallet's errors.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod errors {
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
}
