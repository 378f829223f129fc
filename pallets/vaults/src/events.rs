//! The vault pallet's events.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod events {
	/// Events of the vault pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A vault was created.
		VaultCreated {
			/// The new vault.
			vault: VaultId,
			/// Its curator.
			curator: T::AccountId,
			/// The asset it holds.
			asset: AssetKindOf<T>,
			/// The `pallet-assets` id of its LRT.
			lrt: T::AssetId,
		},
		/// Assets were deposited and LRT minted.
		Deposited {
			/// The vault.
			vault: VaultId,
			/// The depositor, who received the LRT.
			who: T::AccountId,
			/// Assets deposited.
			assets: u128,
			/// LRT shares minted.
			shares: u128,
		},
		/// LRT was burnt for a queued withdrawal.
		WithdrawalRequested {
			/// The vault.
			vault: VaultId,
			/// The holder.
			who: T::AccountId,
			/// LRT shares burnt.
			shares: u128,
			/// Value of the request now: the most it can pay.
			assets: u128,
			/// First block at which it can be claimed.
			unlock_at: BlockNumberFor<T>,
		},
		/// A queued withdrawal was cancelled: its assets are at stake again and LRT was minted
		/// back for them at the current rate.
		WithdrawalCancelled {
			/// The vault.
			vault: VaultId,
			/// The holder, who received the LRT.
			who: T::AccountId,
			/// Assets moved from the queue back to the vault's active assets: what the request
			/// would have paid now (lower than its value at request if a slash reached the
			/// queue).
			assets: u128,
			/// LRT shares minted.
			shares: u128,
			/// The unlock block of the cancelled request.
			unlock_at: BlockNumberFor<T>,
		},
		/// Due withdrawals were paid out.
		WithdrawalsClaimed {
			/// The vault.
			vault: VaultId,
			/// The holder who was paid.
			who: T::AccountId,
			/// Assets paid.
			assets: u128,
			/// Requests settled.
			requests: u32,
		},
		/// Deposit cap and minimum deposit changed.
		LimitsUpdated {
			/// The vault.
			vault: VaultId,
			/// New deposit cap.
			deposit_cap: u128,
			/// New minimum deposit.
			min_deposit: u128,
		},
		/// The curator fee changed (decreases apply at once).
		CuratorFeeUpdated {
			/// The vault.
			vault: VaultId,
			/// The fee now in force.
			fee: Perbill,
		},
		/// A curator fee increase was scheduled.
		CuratorFeeIncreaseScheduled {
			/// The vault.
			vault: VaultId,
			/// The future fee.
			fee: Perbill,
			/// The block from which it applies.
			effective_at: BlockNumberFor<T>,
		},
		/// Deposits into the vault were paused.
		VaultPaused {
			/// The vault.
			vault: VaultId,
			/// Whether governance (not the curator) paused it.
			by_governance: bool,
		},
		/// Deposits into the vault were resumed.
		VaultResumed {
			/// The vault.
			vault: VaultId,
		},
		/// An AVS was added to the vault's allowlist.
		AvsAllowed {
			/// The vault.
			vault: VaultId,
			/// The AVS.
			avs: AvsId,
			/// The block from which the vault's stake may back it.
			effective_at: BlockNumberFor<T>,
		},
		/// An AVS was removed from the vault's allowlist.
		AvsDisallowed {
			/// The vault.
			vault: VaultId,
			/// The AVS.
			avs: AvsId,
		},
		/// The curator proposed a successor.
		CuratorProposed {
			/// The vault.
			vault: VaultId,
			/// The proposed curator.
			proposed: T::AccountId,
		},
		/// Curatorship passed to a new account.
		CuratorChanged {
			/// The vault.
			vault: VaultId,
			/// The former curator.
			old: T::AccountId,
			/// The new curator.
			new: T::AccountId,
		},
		/// Rewards in the vault's asset compounded into its exchange rate.
		RewardsAdded {
			/// The vault.
			vault: VaultId,
			/// Who paid them.
			from: T::AccountId,
			/// Assets added.
			assets: u128,
			/// LRT shares minted to the curator as its fee.
			fee_shares: u128,
			/// The block by which the rest (with what was still being released of earlier
			/// rewards) has reached the exchange rate.
			until: BlockNumberFor<T>,
		},
		/// The vault lost assets to a slash.
		VaultSlashed {
			/// The vault.
			vault: VaultId,
			/// Taken from active assets.
			from_active: u128,
			/// Taken from queued withdrawals.
			from_queued: u128,
		},
		/// Slashed assets held in escrow left the vault's account.
		EscrowReleased {
			/// The vault whose account held them.
			vault: VaultId,
			/// The amount.
			amount: u128,
			/// `true`: paid to the slash's destination account; `false`: burnt (the slash
			/// burns, or its destination could not receive it).
			paid: bool,
		},
		/// Slashed assets held in escrow went back to the vault's holders (slash cancelled).
		EscrowReturned {
			/// The vault.
			vault: VaultId,
			/// The amount added back to its assets.
			amount: u128,
		},
		/// LRT moved between holders through the vault (rewards settled for both first).
		SharesTransferred {
			/// The vault.
			vault: VaultId,
			/// The sender.
			from: T::AccountId,
			/// The receiver.
			to: T::AccountId,
			/// LRT shares moved.
			shares: u128,
		},
		/// An empty vault was destroyed and its deposit returned.
		VaultDestroyed {
			/// The vault.
			vault: VaultId,
		},
	}
}
