//! Types stored by the slashing pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedVec},
	sp_core::H256,
	sp_runtime::Perbill,
};
use restake_primitives::{AvsId, SlashDestination, VaultId};
use scale_info::TypeInfo;

/// Identifies a slash request. Sequential, never reused.
pub type SlashId = u32;

/// Whether an AVS's slashing is live.
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
pub enum PolicyStatus {
	/// Requests execute (at once or after the veto window).
	Enabled,
	/// Requests are recorded and announced but never executed (a dry run).
	LogOnly,
	/// Requests are refused.
	Disabled,
}

impl PolicyStatus {
	/// How much risk the status puts on stakers (higher is riskier).
	fn risk(&self) -> u8 {
		match self {
			PolicyStatus::Disabled => 0,
			PolicyStatus::LogOnly => 1,
			PolicyStatus::Enabled => 2,
		}
	}
}

/// An AVS's slashing policy.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct SlashPolicy<AccountId, BlockNumber> {
	/// `None`: instant (a request executes at once). `Some(w)`: the AVS's resolver may veto a
	/// request for `w` blocks, after which anyone may execute it.
	pub veto_window: Option<BlockNumber>,
	/// Largest fraction of an operator's allocation one request may take.
	pub max_fraction_per_incident: Perbill,
	/// Largest total fraction requested against one operator within one epoch.
	pub max_fraction_per_epoch: Perbill,
	/// Blocks between two requests against the same operator.
	pub cooldown: BlockNumber,
	/// Where slashed funds go: burnt, or to a redistribution or insurance account.
	pub destination: SlashDestination<AccountId>,
	/// Whether slashing is live.
	pub status: PolicyStatus,
}

impl<AccountId: PartialEq, BlockNumber: PartialOrd + Copy> SlashPolicy<AccountId, BlockNumber> {
	/// Whether moving from `self` to `new` raises the risk stakers bear: higher caps, a
	/// shorter (or no) veto window, a shorter cooldown, a new destination, a livelier status.
	pub fn is_riskier(&self, new: &Self) -> bool {
		let shorter_veto = match (self.veto_window, new.veto_window) {
			(Some(old), Some(new)) => new < old,
			(Some(_), None) => true,
			_ => false,
		};
		new.max_fraction_per_incident > self.max_fraction_per_incident
			|| new.max_fraction_per_epoch > self.max_fraction_per_epoch
			|| new.cooldown < self.cooldown
			|| new.destination != self.destination
			|| new.status.risk() > self.status.risk()
			|| shorter_veto
	}
}

/// Why a slash is requested, as the AVS states it.
pub type ReasonOf<Limit> = BoundedVec<u8, Limit>;

/// A slash request.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(ReasonLimit, MaxVaults))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct SlashRequest<AccountId, BlockNumber, ReasonLimit: Get<u32>, MaxVaults: Get<u32>> {
	/// The AVS that requested it.
	pub avs: AvsId,
	/// The operator to slash.
	pub operator: AccountId,
	/// Fraction of each of the operator's allocations to the AVS to take.
	pub fraction: Perbill,
	/// Hash of the evidence (kept off-chain by the AVS).
	pub evidence: H256,
	/// Human-readable reason.
	pub reason: ReasonOf<ReasonLimit>,
	/// Block of the request.
	pub requested_at: BlockNumber,
	/// First block at which it can execute.
	pub executable_at: BlockNumber,
	/// Vaults that backed the pair when requested: their withdrawals wait for the outcome.
	pub vaults: BoundedVec<VaultId, MaxVaults>,
}

/// What became of a slash request.
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
pub enum SlashOutcome {
	/// Executed: funds were taken.
	Executed,
	/// Vetoed by the AVS's resolver.
	Vetoed,
	/// Cancelled by governance.
	Cancelled,
	/// Recorded only (the policy was log-only).
	Logged,
}

/// A settled slash, kept for history.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxVaults))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct SlashRecord<AccountId, BlockNumber, MaxVaults: Get<u32>> {
	/// The AVS.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// The fraction requested.
	pub fraction: Perbill,
	/// What happened.
	pub outcome: SlashOutcome,
	/// When it was settled.
	pub settled_at: BlockNumber,
	/// Assets taken per vault (empty unless executed).
	pub taken: BoundedVec<(VaultId, u128), MaxVaults>,
}
