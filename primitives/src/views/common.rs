//! The building blocks every view shares: amounts (decimal strings in JSON), texts, market
//! pages, an amount of one vault, a scheduled rate.

use crate::VaultId;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// An amount in an asset's smallest unit; a decimal string in JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, TypeInfo)]
pub struct Amount(pub u128);

#[cfg(feature = "std")]
impl serde::Serialize for Amount {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(&self.0)
	}
}

impl From<u128> for Amount {
	fn from(value: u128) -> Self {
		Self(value)
	}
}

/// A name or URI as stored (UTF-8 by convention); a string in JSON (invalid bytes replaced).
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Text(pub Vec<u8>);

#[cfg(feature = "std")]
impl serde::Serialize for Text {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&String::from_utf8_lossy(&self.0))
	}
}

/// An amount of one vault (captured by a request, or taken by a slash).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct VaultAmount {
	/// The vault.
	pub vault: VaultId,
	/// The amount, in the vault's asset.
	pub amount: Amount,
}

impl VaultAmount {
	/// `(vault, amount)` pairs as views.
	pub fn list(pairs: impl IntoIterator<Item = (VaultId, u128)>) -> Vec<Self> {
		pairs
			.into_iter()
			.map(|(vault, amount)| Self { vault, amount: Amount(amount) })
			.collect()
	}
}

/// A scheduled change of a rate: the new value and the block from which it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ScheduledRate {
	/// The new rate, in parts per billion.
	pub ppb: u32,
	/// The first block it applies.
	pub from: u32,
}

/// One page of a market view.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Page<Item, Key> {
	/// The profiles, in key order.
	pub items: Vec<Item>,
	/// The key the next page starts from (`None`: this was the last).
	pub next: Option<Key>,
}
