//! The slashing pallet's events and errors: a section of the pallet module
//! (`frame_support::pallet_macros::pallet_section`).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// Imported into [`crate::pallet`] with `#[import_section(events)]`.
#[pallet_section]
mod events {
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
			/// First block at which it can no longer execute (it expires).
			expires_at: BlockNumberFor<T>,
			/// Stake captured per vault: what the fraction applies to.
			captured: BoundedVec<(VaultId, u128), T::MaxVaultsPerSlash>,
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
		/// A pending request passed its deadline unexecuted and lapsed.
		SlashExpired {
			/// The request.
			id: SlashId,
		},
		/// A pending request was dropped because its AVS disabled slashing (or made it
		/// log-only).
		SlashVoided {
			/// The request.
			id: SlashId,
		},
		/// An executed slash's funds wait in escrow: for an account destination until the
		/// escrow delay passes, for a burn that could not happen at once until a retry.
		SlashEscrowed {
			/// The slash.
			id: SlashId,
			/// Where they go once released.
			destination: SlashDestination<T::AccountId>,
			/// The total amount held.
			amount: u128,
			/// First block at which anyone may release them.
			release_at: BlockNumberFor<T>,
		},
		/// An escrow was released, wholly or in part: paid to its destination account, or
		/// burnt (a burn destination, or an account that could not receive it).
		EscrowReleased {
			/// The slash.
			id: SlashId,
			/// Amount paid to the destination account.
			paid: u128,
			/// Amount burnt.
			burnt: u128,
			/// Amount still in escrow: its vault's asset could not move now; retry later.
			remaining: u128,
		},
		/// Governance cancelled an escrow: the funds went back to the vaults' holders.
		EscrowCancelled {
			/// The slash.
			id: SlashId,
		},
		/// Governance set the ceiling on any single slash.
		GlobalMaxFractionSet {
			/// The ceiling.
			fraction: Perbill,
		},
		/// An old slash record was removed and its slasher's deposit released.
		SlashRecordPruned {
			/// The slash.
			id: SlashId,
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
		/// The fraction is below the runtime's `MinSlashFraction`.
		FractionBelowMinimum,
		/// The AVS deregistered and its exit window has passed: it can no longer slash.
		AvsDeregistered,
		/// No vault has stake slashable for this operator and AVS: there is nothing to capture.
		NothingToSlash,
		/// The request passed its execution deadline: it can only be expired.
		SlashExpired,
		/// The request has not reached its deadline yet: it can still execute.
		NotExpired,
		/// A vault the request would capture is held by the maximum number of requests.
		TooManyHolds,
		/// The operator has the maximum number of requests from this AVS in the rolling
		/// epoch.
		TooManySlashesInEpoch,
		/// No escrow has this id.
		EscrowNotFound,
		/// The escrow's delay has not passed yet.
		EscrowNotDue,
		/// No part of the escrow could be burnt or paid now (its vaults' assets cannot move,
		/// e.g. frozen): it stays, and can be released later.
		EscrowStuck,
		/// A count or an id overflowed.
		Overflow,
		/// No settled slash has this id (never requested, still pending, or pruned).
		RecordNotFound,
		/// The record is younger than `HistoryRetention`.
		RecordTooRecent,
		/// The slash's funds are still in escrow: release or cancel it first.
		EscrowPending,
	}
}
