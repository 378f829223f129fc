//! Unit tests of the LRT² ledger against the real vault and operator pallets.

mod bounties;
mod claim_budget;
mod claims;
mod conservation;
mod drips;
mod points;
mod refunds;
mod retired;
mod slots;
mod streams;
mod transfers;
