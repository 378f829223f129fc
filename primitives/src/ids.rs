//! Identifiers shared by the restaking pallets.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a vault. Assigned sequentially by the vault pallet, never reused.
pub type VaultId = u32;

/// Identifies an Actively Validated Service. Assigned sequentially, never reused.
pub type AvsId = u32;

/// The asset a vault holds: the chain's native token or a `pallet-assets` asset (an LST).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum AssetKind<AssetId> {
	/// The native token of the chain.
	Native,
	/// A `pallet-assets` asset, e.g. a liquid staking token.
	Asset(AssetId),
}

/// Where slashed funds go.
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
pub enum SlashDestination<AccountId> {
	/// The funds are destroyed (total issuance falls).
	Burn,
	/// The funds are moved to this account (a fixed redistribution recipient or an insurance
	/// pool).
	Account(AccountId),
}
