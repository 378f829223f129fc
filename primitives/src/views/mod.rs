//! Risk and yield, read in one call: the profiles of vaults, operators and AVSs that the
//! [`RestakeViewsApi`] runtime API returns (and the node's `restake_*Profile` JSON-RPC methods
//! serialise), the market pages, the monitoring snapshot behind the node's Prometheus gauges,
//! and the slashing events behind `restake_subscribeSlashes`.
//!
//! Everything is computed on demand from the pallets' state, never by iterating over holders:
//! a vault's profile reads its allocations (bounded per vault), its ledger pairs and sources,
//! its pending slashes (bounded per vault); an AVS's reads its operators (bounded per AVS) and
//! their pairs' vaults (bounded per pair); slash records come from the slash history, which
//! is pruned after the slashing pallet's `HistoryRetention`.
//!
//! Serialised for JSON (with `std`): field names in camelCase, amounts as decimal strings (so
//! JavaScript loses nothing), accounts in SS58 (the node sets the chain's prefix), fractions in
//! parts per billion, blocks as numbers, an asset as `assetId: null` for the native token.
//!
//! By subject: [`common`] the shared building blocks, [`vault`], [`operator`] and [`avs`] the
//! profiles, [`slashing`] policies, requests and records, [`monitor`] the gauges, [`events`]
//! the slashing events. Everything is re-exported here: `restake_primitives::views::X`.

mod avs;
mod common;
mod events;
mod monitor;
mod operator;
mod slashing;
mod vault;

pub use avs::*;
pub use common::*;
pub use events::*;
pub use monitor::*;
pub use operator::*;
pub use slashing::*;
pub use vault::*;

use crate::{AvsId, VaultId};
use alloc::vec::Vec;
use codec::Codec;

/// The largest page the market views return.
pub const MAX_PROFILE_PAGE: u32 = 16;
/// The most settled slashes a profile lists (the latest first).
pub const MAX_SLASHES_LISTED: u32 = 32;
/// How many of the latest slash ids a slash record reads: a record covers the most recent
/// requests, whatever the history retains, so its cost is bounded.
pub const SLASH_RECORD_SPAN: u32 = 1_024;
/// How many ids a market page may pass over looking for existing vaults or AVSs (removed
/// ones leave gaps): a page that reaches it ends early, with `next` where it stopped.
pub const MAX_PAGE_SCAN: u32 = 1_024;
/// The most vaults the monitoring snapshot reports (the lowest ids).
pub const MAX_MONITORED_VAULTS: u32 = 256;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Risk and yield views over the four restaking pallets, and what monitoring reads.
	pub trait RestakeViewsApi<AccountId>
	where
		AccountId: Codec,
	{
		/// A vault's profile, if it exists.
		fn vault_profile(vault: VaultId) -> Option<VaultProfile<AccountId>>;
		/// An operator's profile, if registered.
		fn operator_profile(who: AccountId) -> Option<OperatorProfile<AccountId>>;
		/// An AVS's profile, if registered.
		fn avs_profile(avs: AvsId) -> Option<AvsProfile<AccountId>>;
		/// Vault profiles from id `from` on, at most `limit` (capped at [`MAX_PROFILE_PAGE`]).
		fn vault_profiles(from: VaultId, limit: u32) -> Page<VaultProfile<AccountId>, VaultId>;
		/// AVS profiles from id `from` on, at most `limit` (capped at [`MAX_PROFILE_PAGE`]).
		fn avs_profiles(from: AvsId, limit: u32) -> Page<AvsProfile<AccountId>, AvsId>;
		/// Operator profiles in storage order from `from` (included) or the first, at most
		/// `limit` (capped at [`MAX_PROFILE_PAGE`]).
		fn operator_profiles(
			from: Option<AccountId>,
			limit: u32,
		) -> Page<OperatorProfile<AccountId>, AccountId>;
		/// The gauges the node exports to Prometheus.
		fn monitor() -> MonitorSnapshot<AccountId>;
		/// The slashing events of this block, in order.
		fn slash_events() -> Vec<SlashEventView<AccountId>>;
	}
}
