//! The ledger's events and errors: a section of the pallet module
//! (`frame_support::pallet_macros::pallet_section`).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// Imported into [`crate::pallet`] with `#[import_section(events)]`.
#[pallet_section]
mod events {
	/// Events of the LRT² ledger.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An AVS funded a reward stream.
		StreamFunded {
			/// The stream.
			stream: StreamId,
			/// The AVS whose stake earns it.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount escrowed.
			amount: u128,
			/// Last block it pays for.
			end: BlockNumberFor<T>,
		},
		/// Unallocated stream amounts went back to the funder.
		UnallocatedReclaimed {
			/// The stream.
			stream: StreamId,
			/// The funder.
			funder: T::AccountId,
			/// Amount returned.
			amount: u128,
		},
		/// Rewards in a non-vault asset were added to a vault's holders.
		VaultRewarded {
			/// The vault.
			vault: VaultId,
			/// Who paid.
			from: T::AccountId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
			/// The block by which it (with what was still being released of earlier rewards
			/// in the asset) has reached the holders.
			until: BlockNumberFor<T>,
		},
		/// A vault was destroyed with vault rewards not yet released (its holders had all
		/// left): they went to its curator, claimable with `claim`.
		UnreleasedRewardsToCurator {
			/// The destroyed vault.
			vault: VaultId,
			/// Its curator.
			curator: T::AccountId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
		},
		/// An AVS escrowed a bounty for its operators.
		BountyPosted {
			/// The bounty.
			bounty: BountyId,
			/// The AVS.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
			/// From this block the AVS may cancel it.
			expires_at: BlockNumberFor<T>,
		},
		/// A bounty was awarded to an operator (claimable at once).
		BountyAwarded {
			/// The bounty.
			bounty: BountyId,
			/// The operator.
			operator: T::AccountId,
			/// The amount.
			amount: u128,
		},
		/// An expired bounty went back to its funder.
		BountyCancelled {
			/// The bounty.
			bounty: BountyId,
			/// The amount returned.
			amount: u128,
		},
		/// A points programme was defined.
		ProgrammeCreated {
			/// The programme.
			programme: ProgrammeId,
			/// Whose stake earns points.
			scope: ProgrammeScope,
			/// Points per unit of stake per block.
			rate: FixedU128,
			/// First block earning points.
			start: BlockNumberFor<T>,
			/// Last block earning points.
			end: BlockNumberFor<T>,
		},
		/// An entry could not be paid in this claim (e.g. its asset is frozen, or the account
		/// cannot receive it yet): it stays claimable, and the rest of the claim went ahead.
		ClaimSkipped {
			/// Who claimed.
			who: T::AccountId,
			/// The entry kept.
			source: SourceOf<T>,
			/// Its amount.
			amount: u128,
			/// Why it could not be paid.
			error: DispatchError,
		},
		/// A claim stopped settling the caller's vaults at its budget (`ClaimSettleBudget`):
		/// what it settled was paid. The next claim settles the caller's vaults after `last`
		/// up to `end`, then starts over from the lowest id (or use `claim_from` for
		/// particular vaults). Whether anything is still owed: `restake_pendingRewards`.
		ClaimResumesAfter {
			/// Who claimed.
			who: T::AccountId,
			/// The last vault it settled.
			last: VaultId,
			/// The last vault of the current round.
			end: VaultId,
		},
		/// Governance listed an asset as a reward asset.
		RewardAssetListed {
			/// The asset.
			asset: T::AssetKind,
		},
		/// Governance delisted a reward asset: it funds nothing new; what it owes stays
		/// claimable.
		RewardAssetDelisted {
			/// The asset.
			asset: T::AssetKind,
		},
		/// A holder put a vault in its own claim list.
		VaultTracked {
			/// The holder.
			who: T::AccountId,
			/// The vault.
			vault: VaultId,
		},
		/// Rewards from one source were paid to an account.
		Claimed {
			/// Who was paid.
			who: T::AccountId,
			/// Where the rewards came from.
			source: SourceOf<T>,
			/// The amount.
			amount: u128,
		},
		/// A finished stream's record was removed and its deposit released.
		StreamClosed {
			/// The stream.
			stream: StreamId,
			/// What it had set aside unallocated, returned to its funder (paid, or credited to
			/// its claimable rewards when it could not be paid now).
			returned: u128,
		},
		/// A finished programme was closed: its slot is free and its deposit released. Points
		/// already earned stay; vaults not yet credited still are, up to its end.
		ProgrammeClosed {
			/// The programme.
			programme: ProgrammeId,
		},
		/// A vault's room for AVS sources (`MaxSourcesPerVault`) was full: its holders' part of
		/// an AVS's streams went back to the AVS's owner, claimable.
		UncreditedToAvsOwner {
			/// The vault.
			vault: VaultId,
			/// The AVS.
			avs: AvsId,
			/// The asset.
			asset: T::AssetKind,
			/// The amount.
			amount: u128,
		},
		/// A finished source (a programme past its end, an AVS the vault no longer backs) left
		/// a vault's list to make room for a new one. Holders not yet settled since keep what
		/// it owes them: they are settled from it at their next settlement (`settle` lets
		/// anyone do it).
		SourceRetired {
			/// The vault.
			vault: VaultId,
			/// The source.
			source: SourceOf<T>,
			/// LRT still to be settled from it.
			unsettled: u128,
		},
		/// Every LRT that held a retired source has been settled from it: its record is gone.
		RetiredSourceCleared {
			/// The vault.
			vault: VaultId,
			/// The source.
			source: SourceOf<T>,
		},
	}

	/// Errors of the LRT² ledger. Each leaves storage unchanged.
	#[pallet::error]
	pub enum Error<T> {
		/// No AVS has this id.
		AvsNotFound,
		/// Only the AVS's owner may do this.
		NotAvsOwner,
		/// No vault has this id.
		VaultNotFound,
		/// Only the vault's curator may do this.
		NotCurator,
		/// The amount is zero.
		ZeroAmount,
		/// LRT cannot fund rewards: it moves only through the vaults' `transfer_shares`, which
		/// keeps its own rewards with whoever held it.
		LrtNotAccepted,
		/// The duration or expiry is outside `MinStreamDuration ..= MaxStreamDuration`.
		DurationOutOfRange,
		/// The AVS already runs `MaxStreamsPerAvs` streams.
		TooManyStreams,
		/// The AVS already streamed `MaxRewardAssets` distinct assets (possible only after
		/// governance listed new reward assets in place of others).
		TooManyRewardAssets,
		/// No stream has this id.
		StreamNotFound,
		/// Only the stream's funder may do this.
		NotFunder,
		/// Nothing is unallocated and unreturned in this stream.
		NothingToReclaim,
		/// The vault has no LRT holders to reward.
		VaultHasNoHolders,
		/// The vault already has `MaxSourcesPerVault` reward sources.
		TooManyRewardSources,
		/// No open bounty has this id.
		BountyNotFound,
		/// The AVS already has `MaxOpenBounties` open bounties.
		TooManyBounties,
		/// The bounty has not expired yet.
		BountyNotExpired,
		/// The operator is not opted in to the AVS.
		OperatorNotOptedIn,
		/// The programme must end at or after its start, which must not be in the past.
		InvalidProgrammeWindow,
		/// The programme's rate is zero.
		ZeroRate,
		/// The scope already has `MaxProgrammes` programmes.
		TooManyProgrammes,
		/// Nothing is owed to the account: no entry settled, from its vaults' rewards,
		/// commission or bounties (points are never claimed).
		NothingToClaim,
		/// No ids are left.
		IdsExhausted,
		/// The amount per LRT share does not fit the ledger's arithmetic.
		Overflow,
		/// The asset is not listed as a reward asset (`RewardAssets`).
		AssetNotListed,
		/// The asset is listed already.
		AlreadyListed,
		/// `MaxRewardAssets` assets are listed already.
		RewardAssetListFull,
		/// The caller holds no LRT of this vault.
		NoSharesInVault,
		/// The caller's own vault list (`MaxVaultsPerHolder`) is full: leave a vault first.
		TooManyVaults,
		/// The stream still has blocks to pay for: it can be closed once it has finished.
		StreamStillRunning,
		/// No open programme has this id (never created, or already closed).
		ProgrammeNotFound,
		/// The programme has not ended yet: it can be closed from the block after its end.
		ProgrammeStillRunning,
		/// The account holds no LRT of this vault: there is nothing to settle.
		NotAHolder,
	}
}
