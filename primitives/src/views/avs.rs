//! An AVS's profile: its operators and their shares, its streams, its policy and slashes.

use super::{
	Amount, OptInView, PendingSlashView, PolicyView, ScheduledPolicy, SlashRecordSummary, Text,
};
use crate::AvsId;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// An operator's share of an AVS's stake.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct AvsOperatorView<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// Opted in, waiting, or leaving.
	pub status: OptInView,
	/// For a leaving operator: the first block it is no longer slashable.
	pub until: Option<u32>,
	/// Its weighted stake for the AVS.
	pub weighted_stake: Amount,
	/// Its share of the AVS's weighted stake, in parts per billion.
	pub share_ppb: u32,
}

/// A reward stream still paying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct StreamView {
	/// The stream.
	pub id: u32,
	/// The asset paid.
	pub asset_id: Option<u32>,
	/// The amount funded.
	pub amount: Amount,
	/// Not yet paid out.
	pub remaining: Amount,
	/// Paid per block (`amount / duration`, rounded down).
	pub per_block: Amount,
	/// The block it was funded (pays from the next).
	pub start: u32,
	/// Its last block.
	pub end: u32,
}

/// An AVS's stake, concentration, policy, rewards and slash record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct AvsProfile<AccountId> {
	/// The AVS.
	pub avs: AvsId,
	/// Its name.
	pub name: Text,
	/// Where to learn more.
	pub uri: Text,
	/// Its owner.
	pub owner: AccountId,
	/// The slasher in force.
	pub slasher: AccountId,
	/// The resolver in force (veto policies).
	pub resolver: Option<AccountId>,
	/// When it was deregistered.
	pub deregistered_at: Option<u32>,
	/// Its stake, each asset weighted by its weight.
	pub total_weighted_stake: Amount,
	/// Its operators and their shares.
	pub operators: Vec<AvsOperatorView<AccountId>>,
	/// The largest operator's share, in parts per billion.
	pub largest_share_ppb: u32,
	/// The Herfindahl–Hirschman index of the operators' shares (sum of squared shares), in
	/// parts per billion: 10^9 is one operator holding everything.
	pub herfindahl_ppb: u32,
	/// The policy in force (`None`: it cannot slash).
	pub policy: Option<PolicyView<AccountId>>,
	/// A riskier policy scheduled.
	pub pending_policy: Option<ScheduledPolicy<AccountId>>,
	/// Its streams still paying.
	pub streams: Vec<StreamView>,
	/// Its open task bounties.
	pub open_bounties: u32,
	/// Its pending slash requests.
	pub pending_slashes: Vec<PendingSlashView<AccountId>>,
	/// Its settled slashes (retained history).
	pub slash_record: SlashRecordSummary<AccountId>,
}
