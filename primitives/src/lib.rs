//! # Restake primitives
//!
//! What the four restaking pallets share:
//!
//! - [`ids`]: the identifiers of vaults, AVSs and assets.
//! - [`traits`]: the interfaces between the pallets (vaults ← operators ← slashing ← lrt2),
//!   so each pallet depends on a trait, never on another pallet's storage.
//! - [`shares`]: the pure, side-effect-free share maths of a vault (deposits, redemptions,
//!   pro-rata slashing), property-tested in isolation.
//! - [`slash_caps`]: whether a slashing policy change is riskier, and the rolling epoch cap,
//!   property-tested.
//! - [`views`]: the risk and yield profiles of vaults, operators and AVSs, the monitoring
//!   snapshot and the slashing events, with the [`views::RestakeViewsApi`] runtime API.
//! - [`magnitude`]: the pure magnitude maths of allocations (a vault's stake split among
//!   operator and AVS pairs; slashes that leave every other allocation's stake unchanged),
//!   property-tested in isolation.
//! - [`accrual`]: the LRT² ledger's reward indexes, stream accrual and points, property-tested
//!   (holders never claim more than was paid in; rounding stays in the ledger).
//! - [`drip`]: rewards released linearly over a window, so a just-in-time deposit earns only
//!   its blocks' share.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod accrual;
pub mod drip;
pub mod ids;
pub mod magnitude;
#[cfg(feature = "std")]
pub mod mock;
pub mod shares;
pub mod slash_caps;
pub mod traits;
pub mod views;

pub use ids::*;
