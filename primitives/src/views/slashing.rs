//! Slashing as the profiles show it: an AVS's policy (in force or scheduled), pending
//! requests, settled slashes and the record that counts them.

use super::VaultAmount;
use crate::AvsId;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// Whether an AVS's slashing is live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum PolicyStatusView {
	/// Requests execute (at once or after the veto window).
	Enabled,
	/// Requests are recorded but never executed.
	LogOnly,
	/// Requests are refused.
	Disabled,
}

/// An AVS's slashing policy.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PolicyView<AccountId> {
	/// `None`: instant. `Some(w)`: the resolver may veto a request for `w` blocks.
	pub veto_window: Option<u32>,
	/// Largest fraction of an operator's allocation one request may take (after the global
	/// ceiling), in parts per billion.
	pub max_per_incident_ppb: u32,
	/// Largest total fraction requested against one operator per epoch, in parts per billion.
	pub max_per_epoch_ppb: u32,
	/// The epoch's length in blocks (rolling).
	pub epoch_blocks: u32,
	/// Blocks between two requests against the same operator.
	pub cooldown: u32,
	/// Where slashed funds go: `None` burnt, else this account.
	pub destination: Option<AccountId>,
	/// Whether slashing is live.
	pub status: PolicyStatusView,
}

/// A slash request waiting for its veto window (or its execution).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PendingSlashView<AccountId> {
	/// The request.
	pub id: u32,
	/// The AVS requesting it.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// Fraction of the captured stake to take, in parts per billion.
	pub fraction_ppb: u32,
	/// Its block.
	pub requested_at: u32,
	/// First block it can execute.
	pub executable_at: u32,
	/// First block it can no longer execute.
	pub expires_at: u32,
	/// Stake captured per vault.
	pub vaults: Vec<VaultAmount>,
}

/// What became of a slash request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum SlashOutcomeView {
	/// Executed: funds were taken.
	Executed,
	/// Vetoed by the AVS's resolver.
	Vetoed,
	/// Cancelled by governance.
	Cancelled,
	/// Recorded only (log-only policy).
	Logged,
	/// Lapsed before execution.
	Expired,
	/// Dropped when the AVS disabled slashing.
	Voided,
}

/// A settled slash.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SlashRecordView<AccountId> {
	/// The request.
	pub id: u32,
	/// The AVS.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// What happened.
	pub outcome: SlashOutcomeView,
	/// The fraction requested, in parts per billion.
	pub fraction_ppb: u32,
	/// When it was settled.
	pub settled_at: u32,
	/// Taken per vault (empty unless executed).
	pub taken: Vec<VaultAmount>,
}

/// A slash record: counts over the settled requests among the latest
/// [`SLASH_RECORD_SPAN`](super::SLASH_RECORD_SPAN) slash ids (that the history still retains),
/// and its latest entries.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SlashRecordSummary<AccountId> {
	/// Settled requests in the retained history.
	pub settled: u32,
	/// Of which executed.
	pub executed: u32,
	/// Of which vetoed or cancelled.
	pub vetoed: u32,
	/// Of which expired, logged only or voided.
	pub other: u32,
	/// Sum of the executed fractions, in parts per billion (above 10^9 after several).
	pub executed_fraction_ppb: u64,
	/// The latest settled requests (at most [`MAX_SLASHES_LISTED`](super::MAX_SLASHES_LISTED)),
	/// newest first.
	pub latest: Vec<SlashRecordView<AccountId>>,
}

impl<AccountId> Default for SlashRecordSummary<AccountId> {
	fn default() -> Self {
		Self {
			settled: 0,
			executed: 0,
			vetoed: 0,
			other: 0,
			executed_fraction_ppb: 0,
			latest: Vec::new(),
		}
	}
}

/// A riskier policy waiting to apply.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ScheduledPolicy<AccountId> {
	/// The policy.
	pub policy: PolicyView<AccountId>,
	/// The first block it applies.
	pub from: u32,
}
