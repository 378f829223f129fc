//! The vault pallet's errors.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod errors {
	/// Errors of the vault pallet. Each leaves storage unchanged.
	#[pallet::error]
	pub enum Error<T> {
		/// No vault has this id.
		VaultNotFound,
		/// Only the vault's curator may do this.
		NotCurator,
		/// Only the vault's curator or governance may do this.
		NotCuratorOrAdmin,
		/// The amount is zero.
		ZeroAmount,
		/// The asset is neither the native token nor an existing `pallet-assets` asset.
		UnknownAsset,
		/// The vault still has allocations to (operator, AVS) pairs: deallocate them first.
		VaultHasAllocations,
		/// A vault's LRT cannot be another vault's underlying asset: LRT moves only through
		/// `transfer_shares`, which keeps its rewards with whoever held it.
		LrtNotAccepted,
		/// The vault has no LRT holders to reward.
		VaultHasNoHolders,
		/// The deposit is below the vault's minimum deposit.
		BelowMinimumDeposit,
		/// The deposit would take the vault's active assets above its cap.
		DepositCapExceeded,
		/// Deposits into this vault are paused.
		DepositsPaused,
		/// Governance paused this vault; only governance can resume it.
		PausedByGovernance,
		/// The vault is not paused.
		NotPaused,
		/// The deposit is too small to mint a single share at the current rate.
		DepositTooSmall,
		/// The holder has fewer LRT shares than requested.
		InsufficientShares,
		/// The shares redeem for zero assets at the current rate.
		WithdrawalTooSmall,
		/// The holder already has the maximum number of queued withdrawals in this vault.
		TooManyWithdrawalRequests,
		/// No queued withdrawal of this holder has unlocked yet.
		NothingToClaim,
		/// The caller has no queued withdrawal in this vault at this index with this unlock
		/// block: it was claimed or cancelled, or the list moved (a claim of matured requests,
		/// which anyone may make, moves the later ones forward; read the list again).
		WithdrawalNotFound,
		/// The queued withdrawal is now worth too little to mint a single LRT share at the
		/// current rate: claim it once it unlocks instead.
		CancellationTooSmall,
		/// A pending slash request captured this vault's stake before these withdrawals
		/// matured: they wait until it is executed, vetoed, cancelled or expired (at most its
		/// veto window plus the execution deadline). Withdrawals that matured before the
		/// request stay claimable.
		SlashPending,
		/// The withdrawal delay is below the runtime's minimum.
		WithdrawalDelayTooShort,
		/// The withdrawal delay is above the runtime's maximum (`MaxWithdrawalDelay`).
		WithdrawalDelayTooLong,
		/// Slashed assets of this vault are still in escrow: the vault cannot be destroyed
		/// until the slashing pallet releases or returns them.
		EscrowPending,
		/// The curator fee is above the runtime's maximum.
		CuratorFeeTooHigh,
		/// The minimum deposit is above the deposit cap.
		MinimumAboveCap,
		/// The allowlist is full.
		TooManyAllowedAvs,
		/// The AVS is already in the allowlist.
		AvsAlreadyAllowed,
		/// The AVS is not in the allowlist.
		AvsNotAllowed,
		/// No AVS is registered with this id: an allowlist names existing AVSs only (a curator
		/// cannot start a future AVS's risk delay before it exists).
		AvsNotFound,
		/// The caller is not the proposed curator.
		NotProposedCurator,
		/// The vault still has LRT holders or queued withdrawals.
		VaultNotEmpty,
		/// The LRT asset id for the next vault is already taken by another asset.
		LrtAssetIdTaken,
		/// No vault ids are left.
		VaultIdsExhausted,
		/// An amount does not fit the arithmetic.
		Overflow,
	}
}
