//! The risk and yield views ([`restake_primitives::views`]): vault, operator and AVS profiles,
//! the market pages, the monitoring snapshot and the slashing events of a block, computed on
//! demand from the four restaking pallets' state for the `RestakeViewsApi` runtime API.
//!
//! Off-chain use only (runtime API calls, whose state changes are discarded). Nothing here
//! iterates over holders: see each function for what it reads.

mod avs;
mod common;
mod events;
mod monitor;
mod operator;
mod vault;

pub use avs::{avs_profile, avs_profiles};
pub use events::slash_events;
pub use monitor::monitor;
pub use operator::{operator_profile, operator_profiles};
pub use vault::{vault_profile, vault_profiles};
