//! Types stored by the vault pallet and returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedBTreeMap},
	sp_runtime::Perbill,
};
use restake_primitives::AvsId;
use scale_info::TypeInfo;

/// Who paused a vault's deposits. Withdrawals are never paused: redemption must always exist.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum PauseState {
	/// Deposits are open.
	#[default]
	Active,
	/// The curator paused deposits; the curator or governance may resume them.
	PausedByCurator,
	/// Governance paused deposits; only governance may resume them.
	PausedByGovernance,
}

impl PauseState {
	/// Whether deposits are refused.
	pub fn is_paused(&self) -> bool {
		!matches!(self, PauseState::Active)
	}
}

/// The curator-set limits and parameters of a vault, as given to `create_vault`.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct VaultParams<BlockNumber> {
	/// Maximum active assets the vault accepts (`u128::MAX`: no cap).
	pub deposit_cap: u128,
	/// Smallest deposit accepted, in the underlying asset's smallest unit.
	pub min_deposit: u128,
	/// Blocks between a withdrawal request and its claim. At least `MinWithdrawalDelay`.
	pub withdrawal_delay: BlockNumber,
	/// Share of rewards in the vault's own asset that goes to the curator.
	pub curator_fee: Perbill,
}

/// A curated vault: accounted assets against LRT shares, plus its withdrawal queue.
///
/// The queue is a second bucket with its own internal units, so a slash can reduce queued
/// withdrawals pro rata in O(1), exactly like active assets.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxAllowedAvs))]
#[codec(mel_bound(AccountId: MaxEncodedLen, AssetKind: MaxEncodedLen, AssetId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Vault<AccountId, AssetKind, AssetId, BlockNumber, MaxAllowedAvs: Get<u32>> {
	/// The curator: sets limits, fee, risk profile; may pause deposits.
	pub curator: AccountId,
	/// An account the curator proposed as successor, until it accepts.
	pub pending_curator: Option<AccountId>,
	/// The underlying asset (native token or an LST).
	pub asset: AssetKind,
	/// The `pallet-assets` id of the vault's LRT.
	pub lrt: AssetId,
	/// Assets at stake and not queued for withdrawal (`A` in the share maths).
	pub total_assets: u128,
	/// LRT supply (`S` in the share maths).
	pub total_shares: u128,
	/// Assets queued for withdrawal, still slashable, earning nothing.
	pub queued_assets: u128,
	/// Internal units of the withdrawal queue.
	pub queued_units: u128,
	/// Limits and parameters.
	pub params: VaultParams<BlockNumber>,
	/// A curator fee increase and the block from which it applies.
	pub pending_fee: Option<(Perbill, BlockNumber)>,
	/// AVSs the vault's stake may back, each with the block from which it may.
	pub allowed_avs: BoundedBTreeMap<AvsId, BlockNumber, MaxAllowedAvs>,
	/// Whether deposits are paused, and by whom.
	pub pause: PauseState,
	/// Native deposit held from the curator, returned when the vault is destroyed.
	pub deposit: u128,
	/// Underlying asset the curator seeded into the vault account so it can never be reaped
	/// (the existential deposit or the asset's minimum balance). Not owned by LRT holders.
	pub seed: u128,
	/// Lifetime flows of the underlying asset through the vault, for audit. At all times
	/// `deposited + rewarded = total_assets + queued_assets + unreleased rewards + withdrawn
	/// + slashed`.
	pub flows: VaultFlows,
}

/// Lifetime flows of a vault's underlying asset (storage version 2). Vaults that existed
/// before version 2 opened with `deposited` = their assets at the upgrade.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct VaultFlows {
	/// Assets deposited by holders.
	pub deposited: u128,
	/// Assets added as rewards (compounding into the exchange rate, or still being released
	/// into it).
	pub rewarded: u128,
	/// Assets paid out to holders by claimed withdrawals.
	pub withdrawn: u128,
	/// Assets taken by executed slashes (burned or redistributed).
	pub slashed: u128,
}

impl VaultFlows {
	/// `(in, out)`: `deposited + rewarded` and `withdrawn + slashed`, `None` on overflow.
	pub fn totals(&self) -> Option<(u128, u128)> {
		Some((
			self.deposited.checked_add(self.rewarded)?,
			self.withdrawn.checked_add(self.slashed)?,
		))
	}
}

/// One queued withdrawal of a holder.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct WithdrawalRequest<BlockNumber> {
	/// LRT shares burnt for this request.
	pub shares: u128,
	/// Value in the underlying asset when requested: the most this request can pay.
	pub assets_at_request: u128,
	/// Units of the vault's withdrawal queue; their value falls if the vault is slashed.
	pub units: u128,
	/// First block at which the request can be claimed.
	pub unlock_at: BlockNumber,
}

/// A vault's exchange rate, for clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ExchangeRate {
	/// Active assets of the vault.
	pub total_assets: u128,
	/// LRT supply.
	pub total_shares: u128,
	/// Assets one whole LRT (`10^lrt_decimals` shares) redeems for today, rounded down.
	pub assets_per_lrt: u128,
}
