//! The JSON shapes the `restake_*` methods return: amounts as decimal strings, accounts as
//! SS58 strings in the chain's format, assets as an id (`null` for the native token).

use polkadot_sdk::{
	frame_support::traits::fungible::NativeOrWithId,
	sp_core::crypto::{Ss58AddressFormat, Ss58Codec},
};
use restake_runtime::{AccountId, SS58_PREFIX};
use serde::Serialize;

/// An account as an SS58 string in the chain's format.
pub(super) fn ss58(who: &AccountId) -> String {
	who.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// A vault as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultJson {
	/// The curator.
	pub curator: String,
	/// The underlying asset: `null` for the native token, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// The LRT's `pallet-assets` id.
	pub lrt: u32,
	/// Active assets.
	pub total_assets: String,
	/// LRT supply.
	pub total_shares: String,
	/// Assets queued for withdrawal.
	pub queued_assets: String,
	/// Deposit cap.
	pub deposit_cap: String,
	/// Minimum deposit.
	pub min_deposit: String,
	/// Withdrawal delay in blocks.
	pub withdrawal_delay: u32,
	/// Curator fee in parts per billion.
	pub curator_fee_ppb: u32,
	/// Whether deposits are paused.
	pub paused: bool,
	/// AVSs in the allowlist, with the block from which each applies.
	pub allowed_avs: Vec<(u32, u32)>,
}

/// An AVS's lifecycle as JSON (`restake_avsState`).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AvsStateJson {
	/// The owner.
	pub owner: String,
	/// The slasher in force.
	pub slasher: String,
	/// The resolver in force.
	pub resolver: Option<String>,
	/// The account the ownership is offered to.
	pub pending_owner: Option<String>,
	/// A scheduled `(slasher, resolver, effectiveAt)`.
	pub pending_roles: Option<(String, Option<String>, u32)>,
	/// When it was deregistered.
	pub deregistered_at: Option<u32>,
	/// First block its deposit can be released, if deregistered.
	pub release_at: Option<u32>,
	/// Operators still bound to it.
	pub operators: u32,
	/// Native deposit still held.
	pub deposit: String,
	/// Whether `complete_avs_deregistration` would succeed now.
	pub can_complete_deregistration: bool,
}

/// An operator's lifecycle as JSON (`restake_operatorState`).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorStateJson {
	/// Native deposit held.
	pub deposit: String,
	/// `(avs, status)`: `active`, `pending`, or `leaving` with `until`.
	pub opt_ins: Vec<OptInJson>,
	/// The block from which it can leave, if every opt-in is leaving.
	pub free_from: Option<u32>,
	/// Whether `deregister_operator` would succeed now.
	pub can_deregister: bool,
}

/// One opt-in as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptInJson {
	/// The AVS.
	pub avs: u32,
	/// `active`, `pending` or `leaving`.
	pub status: &'static str,
	/// For `leaving`: first block it is no longer slashable.
	pub until: Option<u32>,
}

/// A vault's exchange rate as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeRateJson {
	/// Active assets.
	pub total_assets: String,
	/// LRT supply.
	pub total_shares: String,
	/// Assets one whole LRT redeems for.
	pub assets_per_lrt: String,
}

/// A queued withdrawal as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawalJson {
	/// LRT shares burnt.
	pub shares: String,
	/// Value when requested.
	pub assets_at_request: String,
	/// What it would pay now.
	pub payable_now: String,
	/// Unlock block.
	pub unlock_at: u32,
	/// Whether it can be claimed now.
	pub claimable: bool,
}

/// An allocation as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationJson {
	/// The vault.
	pub vault: u32,
	/// The AVS.
	pub avs: u32,
	/// Stake in force.
	pub stake: String,
	/// Stake a slash could take.
	pub slashable: String,
	/// Target share (ppb) and the block from which it applies.
	pub pending: Option<(u32, u32)>,
}

/// A pending slash as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingSlashJson {
	/// The request id.
	pub id: u32,
	/// The AVS.
	pub avs: u32,
	/// The operator.
	pub operator: String,
	/// Fraction in parts per billion.
	pub fraction_ppb: u32,
	/// First block it can execute.
	pub executable_at: u32,
	/// First block it can no longer execute (it expires; its hold ends).
	pub expires_at: u32,
	/// Vaults whose stake it captured: `[vault, amount]`. Their withdrawals maturing after
	/// the request wait for it.
	pub captured: Vec<(u32, String)>,
	/// The vaults it captured (the first element of each `captured` entry).
	pub vaults: Vec<u32>,
}

/// A settled slash (history) as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlashRecordJson {
	/// The AVS.
	pub avs: u32,
	/// The operator.
	pub operator: String,
	/// Fraction requested, in parts per billion.
	pub fraction_ppb: u32,
	/// `executed`, `vetoed`, `cancelled`, `logged`, `expired` or `voided`.
	pub outcome: &'static str,
	/// Block it was settled.
	pub settled_at: u32,
	/// Assets taken per vault: `[vault, amount]`.
	pub taken: Vec<(u32, String)>,
}

/// An LRT² ledger entry (pending reward or points) as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardJson {
	/// `avs` (holder share of AVS streams), `commission`, `vault` (vault rewards), `bounty`
	/// or `points`.
	pub source: &'static str,
	/// The AVS, vault or programme the amount comes from.
	pub id: u32,
	/// The asset: `null` for the native token (and for points), else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// Whether the asset is the native token.
	pub native: bool,
	/// The amount (or number of points).
	pub amount: String,
}

/// A reward stream as JSON.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamJson {
	/// The AVS whose stake earns it.
	pub avs: u32,
	/// The asset: `null` for the native token, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// The funder.
	pub funder: String,
	/// Amount funded.
	pub funded: String,
	/// Paid to stake so far.
	pub paid: String,
	/// Not yet paid.
	pub remaining: String,
	/// Set aside (no stake) and not yet returned.
	pub reclaimable: String,
	/// Funding block.
	pub start: u32,
	/// Last block it pays for.
	pub end: u32,
}

/// An asset as `(asset id, native)`.
pub(super) fn asset_fields(asset: &NativeOrWithId<u32>) -> (Option<u32>, bool) {
	match asset {
		NativeOrWithId::Native => (None, true),
		NativeOrWithId::WithId(id) => (Some(*id), false),
	}
}

/// An LRT² ledger entry as JSON.
pub(super) fn reward_json(
	source: pallet_lrt2::Source<NativeOrWithId<u32>>,
	amount: u128,
) -> RewardJson {
	use pallet_lrt2::Source;
	let (source, id, asset) = match source {
		Source::Avs { avs, asset } => ("avs", avs, Some(asset)),
		Source::Commission { avs, asset } => ("commission", avs, Some(asset)),
		Source::Vault { vault, asset } => ("vault", vault, Some(asset)),
		Source::Bounty { avs, asset } => ("bounty", avs, Some(asset)),
		Source::Points { programme } => ("points", programme, None),
	};
	let (asset_id, native) = asset.as_ref().map(asset_fields).unwrap_or((None, false));
	RewardJson { source, id, asset_id, native, amount: amount.to_string() }
}
