//! An operator's profile: its standing with each AVS and the vaults staked with it.

use super::{Amount, PendingSlashView, ScheduledRate, SlashRecordSummary, Text};
use crate::{AvsId, VaultId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// Where an operator stands with an AVS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum OptInView {
	/// Opted in.
	Active,
	/// Waiting for the AVS owner's approval.
	Pending,
	/// Leaving: slashable until `until`.
	OptingOut,
}

/// One vault's stake with an operator for one AVS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorVaultView {
	/// The vault.
	pub vault: VaultId,
	/// The vault's asset.
	pub asset_id: Option<u32>,
	/// Stake in force.
	pub stake: Amount,
	/// Stake a slash could take now.
	pub slashable: Amount,
}

/// An operator's standing with one AVS.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorAvsView {
	/// The AVS.
	pub avs: AvsId,
	/// Opted in, waiting, or leaving.
	pub status: OptInView,
	/// For a leaving operator: the first block it is no longer slashable for the AVS.
	pub until: Option<u32>,
	/// Its stake for the AVS, each asset weighted by the AVS's weight for it.
	pub weighted_stake: Amount,
	/// Its stake per vault.
	pub vaults: Vec<OperatorVaultView>,
}

/// An operator's stake, commission and slash record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorProfile<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// Its name.
	pub name: Text,
	/// Commission in force, in parts per billion.
	pub commission_ppb: u32,
	/// A scheduled commission increase.
	pub pending_commission: Option<ScheduledRate>,
	/// Native deposit held.
	pub deposit: Amount,
	/// Every AVS it is bound to.
	pub avss: Vec<OperatorAvsView>,
	/// The AVSs it is leaving.
	pub leaving: Vec<AvsId>,
	/// Slash requests against it.
	pub pending_slashes: Vec<PendingSlashView<AccountId>>,
	/// Its settled slashes (retained history).
	pub slash_record: SlashRecordSummary<AccountId>,
}
