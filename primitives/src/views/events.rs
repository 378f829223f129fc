//! The slashing events of one block, behind `restake_subscribeSlashes`.

use super::VaultAmount;
use crate::AvsId;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// What happened to a slash request in a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum SlashEventKind {
	/// Requested (pending, or executed at once by an instant policy: an `Executed` follows).
	Requested,
	/// Vetoed by the resolver.
	Vetoed,
	/// Cancelled by governance.
	Cancelled,
	/// Executed: funds taken.
	Executed,
	/// Recorded only (log-only policy).
	Logged,
	/// Lapsed unexecuted.
	Expired,
	/// Dropped when the AVS disabled slashing.
	Voided,
}

/// A slashing event of one block, with whom it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SlashEventView<AccountId> {
	/// What happened.
	pub kind: SlashEventKind,
	/// The request.
	pub id: u32,
	/// The AVS.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// The fraction requested, in parts per billion.
	pub fraction_ppb: u32,
	/// Per vault: the stake captured (requested, and a request settled in the block it was
	/// made), or taken (executed). Empty for requests settled in a later block: the node fills
	/// them from the request at the parent block.
	pub vaults: Vec<VaultAmount>,
}
