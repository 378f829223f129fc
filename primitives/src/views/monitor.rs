//! The monitoring snapshot behind the node's Prometheus gauges: vaults, streams, the reward
//! ledger's solvency and pending slashes.

use crate::{AvsId, VaultId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A vault's gauges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct VaultGauge {
	/// The vault.
	pub vault: VaultId,
	/// Active assets.
	pub total_assets: u128,
	/// LRT supply.
	pub total_shares: u128,
	/// What one whole LRT redeems for.
	pub assets_per_lrt: u128,
}

/// A stream's gauge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct StreamGauge {
	/// The stream.
	pub id: u32,
	/// Its AVS.
	pub avs: AvsId,
	/// The asset it pays: `None` native.
	pub asset_id: Option<u32>,
	/// Not yet paid out.
	pub remaining: u128,
}

/// The reward ledger's solvency in one asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct LedgerGauge {
	/// The asset: `None` native.
	pub asset_id: Option<u32>,
	/// What the ledger's account holds.
	pub held: u128,
	/// Funded and not paid out: what it must hold.
	pub outstanding: u128,
}

/// What the node's Prometheus gauges show, read at one block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct MonitorSnapshot<AccountId> {
	/// The vaults (at most [`MAX_MONITORED_VAULTS`](super::MAX_MONITORED_VAULTS), lowest ids).
	pub vaults: Vec<VaultGauge>,
	/// Pending slash requests per AVS (AVSs with any).
	pub pending_by_avs: Vec<(AvsId, u32)>,
	/// Pending slash requests per operator (operators with any).
	pub pending_by_operator: Vec<(AccountId, u32)>,
	/// Streams still paying.
	pub streams: Vec<StreamGauge>,
	/// The ledger's solvency per reward asset.
	pub ledger: Vec<LedgerGauge>,
}
