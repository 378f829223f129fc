//! A vault's profile: its exposures to (operator, AVS) pairs, what they stand to lose and
//! earn, its reward and points rates.

use super::{
	Amount, PendingSlashView, PolicyView, ScheduledPolicy, ScheduledRate, SlashRecordSummary, Text,
};
use crate::{AvsId, VaultId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// What a vault stands to lose to one (operator, AVS) pair, and what it earns with it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ExposureView<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// The AVS.
	pub avs: AvsId,
	/// Stake in force now, in the vault's asset.
	pub stake: Amount,
	/// Stake a slash could take now (includes queued withdrawals and stake being
	/// deallocated), in the vault's asset.
	pub slashable: Amount,
	/// A scheduled change of the allocation: the stake it moves to (at today's assets) and
	/// the block from which. An increase is not slashable before then; a decrease stays
	/// slashable until then (and earns only the lower amount already).
	pub pending: Option<ScheduledStake>,
	/// The pair's weighted stake in the reward ledger, as last synced: what it earns with.
	pub weight: Amount,
	/// The operator's commission in force, in parts per billion.
	pub commission_ppb: u32,
	/// The operator's scheduled commission increase.
	pub pending_commission: Option<ScheduledRate>,
	/// The AVS's policy in force (`None`: it cannot slash).
	pub policy: Option<PolicyView<AccountId>>,
	/// A riskier policy the AVS scheduled, and from when.
	pub pending_policy: Option<ScheduledPolicy<AccountId>>,
	/// The most one request could take now: `slashable × per-incident cap` (at most the
	/// per-epoch cap; 0 unless the policy is enabled).
	pub worst_loss_per_incident: Amount,
	/// The most one epoch of requests could take now: `slashable × per-epoch cap`.
	pub worst_loss_per_epoch: Amount,
	/// The same once the scheduled allocation change and policy have applied, if higher.
	pub scheduled_worst_loss_per_incident: Amount,
	/// The same per epoch.
	pub scheduled_worst_loss_per_epoch: Amount,
}

/// A stake an allocation moves to, and from when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ScheduledStake {
	/// The stake, in the vault's asset.
	pub stake: Amount,
	/// The first block it is in force.
	pub from: u32,
}

/// Where a reward rate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum RewardKind {
	/// An AVS's running reward streams, after operator commission.
	Avs,
	/// Vault rewards being released to the holders (`reward_vault`).
	Vault,
	/// Rewards in the vault's own asset being released into its exchange rate.
	Compound,
}

/// A reward rate a vault's holders earn now.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct RewardRateView {
	/// Where it comes from.
	pub kind: RewardKind,
	/// The AVS paying (for [`RewardKind::Avs`]).
	pub avs: Option<AvsId>,
	/// The asset paid: `None` native, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// Paid to all the vault's holders per block, at the current rate.
	pub per_block: Amount,
	/// What one whole LRT (`10^lrt_decimals` shares) earns per day at the current rate.
	pub per_lrt_per_day: Amount,
	/// The same over a year (365 days): the annualised rate in the source's asset.
	pub per_lrt_per_year: Amount,
	/// The annualised rate over the vault's assets, in parts per billion: only when the
	/// reward is paid in the vault's own asset (other assets have no price on chain). The
	/// current rate projected over a year: a rate that ends sooner (`until`) pays only
	/// `remaining`.
	pub apr_ppb: Option<Amount>,
	/// The last block the rate pays (the latest of its streams or drips).
	pub until: u32,
	/// What the source still has to pay the vault's holders at this rate until then.
	pub remaining: Amount,
}

/// A points rate a vault's holders earn now.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PointsRateView {
	/// The programme.
	pub programme: u32,
	/// Its name.
	pub name: Text,
	/// Points per block to all the vault's holders.
	pub per_block: Amount,
	/// Points one whole LRT earns per day.
	pub per_lrt_per_day: Amount,
}

/// A vault's risk and yield.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct VaultProfile<AccountId> {
	/// The vault.
	pub vault: VaultId,
	/// Its curator.
	pub curator: AccountId,
	/// Its asset: `None` native, else the `pallet-assets` id.
	pub asset_id: Option<u32>,
	/// Its LRT's `pallet-assets` id.
	pub lrt: u32,
	/// The LRT's decimals.
	pub lrt_decimals: u8,
	/// Active assets (the TVL at stake).
	pub total_assets: Amount,
	/// LRT supply, in shares.
	pub total_shares: Amount,
	/// Assets queued for withdrawal (still slashable until claimed).
	pub queued_assets: Amount,
	/// What one whole LRT redeems for now.
	pub assets_per_lrt: Amount,
	/// The curator's fee on rewards, in parts per billion.
	pub curator_fee_ppb: u32,
	/// A scheduled fee change.
	pub pending_curator_fee: Option<ScheduledRate>,
	/// Blocks between a withdrawal request and its claim.
	pub withdrawal_delay: u32,
	/// Whether deposits are paused.
	pub paused: bool,
	/// Its allocations, one per (operator, AVS) pair.
	pub exposures: Vec<ExposureView<AccountId>>,
	/// The most it could lose if every AVS it backs slashed its maximum once (unique stake:
	/// the sum of the pairs', at most the vault's assets).
	pub worst_loss_per_incident: Amount,
	/// The same over one epoch of every AVS's maximum.
	pub worst_loss_per_epoch: Amount,
	/// The worst case per incident once every scheduled allocation change and riskier policy
	/// has applied (each pair at the higher of now and then): what the delays warn of.
	pub scheduled_worst_loss_per_incident: Amount,
	/// The same per epoch.
	pub scheduled_worst_loss_per_epoch: Amount,
	/// Reward rates by source.
	pub reward_rates: Vec<RewardRateView>,
	/// Points rates by programme.
	pub points_rates: Vec<PointsRateView>,
	/// Slash requests that captured its stake.
	pub pending_slashes: Vec<PendingSlashView<AccountId>>,
	/// The settled slashes of its operators (retained history).
	pub operators_slash_record: SlashRecordSummary<AccountId>,
}
