//! Types stored by the slashing pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedVec},
	sp_core::H256,
	sp_runtime::Perbill,
};
use restake_primitives::{AvsId, SlashDestination, VaultId};
use scale_info::TypeInfo;

/// A slashing policy put in force at genesis (enabled).
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	polkadot_sdk::frame_support::Serialize,
	polkadot_sdk::frame_support::Deserialize,
)]
#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
#[serde(rename_all = "camelCase")]
pub struct GenesisPolicy<AccountId, BlockNumber> {
	/// The AVS the policy is for.
	pub avs: AvsId,
	/// Blocks during which the AVS's resolver may veto a request (`None`: instant slashing).
	pub veto_window: Option<BlockNumber>,
	/// The largest fraction one request may take, in parts per billion.
	pub max_fraction_per_incident_ppb: u32,
	/// The largest fraction requests may take per epoch, in parts per billion.
	pub max_fraction_per_epoch_ppb: u32,
	/// Blocks between two requests against the same operator.
	pub cooldown: BlockNumber,
	/// Where slashed funds go: this account (after the escrow delay), or burnt if `None`.
	pub destination: Option<AccountId>,
}

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
	/// How much risk the status puts on stakers (higher is riskier; enabled is
	/// [`restake_primitives::slash_caps::ENABLED`]).
	fn risk(&self) -> u8 {
		match self {
			PolicyStatus::Disabled => 0,
			PolicyStatus::LogOnly => 1,
			PolicyStatus::Enabled => restake_primitives::slash_caps::ENABLED,
		}
	}
}

/// A riskier policy waiting for `PolicyChangeDelay` (`PendingPolicies`).
///
/// Encodes exactly as the `(policy, applies_from)` tuple it replaced (tested by
/// `tests::policy::pending_policy_encodes_as_the_tuple_it_replaced`): no migration.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PendingPolicy<AccountId, BlockNumber> {
	/// The policy that will be in force.
	pub policy: SlashPolicy<AccountId, BlockNumber>,
	/// The first block at which it is in force.
	pub applies_from: BlockNumber,
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
	/// A policy that is not enabled is never riskier, whatever its other fields.
	/// (The comparison is [`restake_primitives::slash_caps::is_riskier`].)
	pub fn is_riskier(&self, new: &Self) -> bool {
		restake_primitives::slash_caps::is_riskier(
			&self.risk_terms(),
			&new.risk_terms(),
			new.destination != self.destination,
		)
	}

	/// The terms that bear on stakers' risk.
	fn risk_terms(&self) -> restake_primitives::slash_caps::PolicyRisk<BlockNumber> {
		restake_primitives::slash_caps::PolicyRisk {
			veto_window: self.veto_window,
			max_fraction_per_incident: self.max_fraction_per_incident,
			max_fraction_per_epoch: self.max_fraction_per_epoch,
			cooldown: self.cooldown,
			liveness: self.status.risk(),
		}
	}
}

/// Why a slash is requested, as the AVS states it.
pub type ReasonOf<Limit> = BoundedVec<u8, Limit>;

/// A slash request.
///
/// It captures, per vault, the stake slashable for the pair at its block: execution takes its
/// fraction of that and of nothing that arrived later, and the captured stake cannot leave the
/// pair (deallocation, opt-out, withdrawal claim) until the request resolves.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(ReasonLimit, MaxVaults))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct SlashRequest<AccountId, BlockNumber, ReasonLimit: Get<u32>, MaxVaults: Get<u32>> {
	/// The AVS that requested it.
	pub avs: AvsId,
	/// The operator to slash.
	pub operator: AccountId,
	/// Fraction of the captured stake to take.
	pub fraction: Perbill,
	/// Hash of the evidence (kept off-chain by the AVS).
	pub evidence: H256,
	/// Human-readable reason.
	pub reason: ReasonOf<ReasonLimit>,
	/// Block of the request: the stake slashable then is what it captured.
	pub requested_at: BlockNumber,
	/// First block at which it can execute (the veto window ends).
	pub executable_at: BlockNumber,
	/// First block at which it can no longer execute: it expires, and its hold ends.
	pub expires_at: BlockNumber,
	/// Where the slashed funds go, fixed by the policy in force when requested.
	pub destination: SlashDestination<AccountId>,
	/// Stake of each vault slashable for the pair at the request block.
	pub captured: BoundedVec<(VaultId, u128), MaxVaults>,
}

/// A pending request's hold, as indexed per vault and per (AVS, operator) pair.
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
pub struct Hold<BlockNumber> {
	/// The request.
	pub id: SlashId,
	/// Its block: stake leaving (or withdrawals maturing) after it stays.
	pub requested_at: BlockNumber,
	/// When it expires: the hold ends then even if nobody cleans it up.
	pub expires_at: BlockNumber,
}

/// Slashed funds waiting in the vaults' escrow: for an account destination until the escrow
/// delay passes; for a burn that could not happen at once until a retry.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxVaults))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct SlashEscrow<AccountId, BlockNumber, MaxVaults: Get<u32>> {
	/// Where they go.
	pub destination: SlashDestination<AccountId>,
	/// First block at which anyone may release them.
	pub release_at: BlockNumber,
	/// Amount per vault, still in each vault's account.
	pub held: BoundedVec<(VaultId, u128), MaxVaults>,
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
	/// Not executed before its deadline: it lapsed and took nothing.
	Expired,
	/// Dropped because the AVS disabled its slashing policy.
	Voided,
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
