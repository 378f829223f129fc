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

use crate::{AvsId, VaultId};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

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

/// Whether an AVS's slashing is live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum PolicyStatusView {
	/// Requests execute (at once or after the veto window).
	Enabled,
	/// Requests are recorded but never executed.
	LogOnly,
	/// Requests are refused.
	Disabled,
}

/// An AVS's slashing policy.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PolicyView<AccountId> {
	/// `None`: instant. `Some(w)`: the resolver may veto a request for `w` blocks.
	pub veto_window: Option<u32>,
	/// Largest fraction of an operator's allocation one request may take (after the global
	/// ceiling), in parts per billion.
	pub max_per_incident_ppb: u32,
	/// Largest total fraction requested against one operator per epoch, in parts per billion.
	pub max_per_epoch_ppb: u32,
	/// The epoch's length in blocks (rolling).
	pub epoch_blocks: u32,
	/// Blocks between two requests against the same operator.
	pub cooldown: u32,
	/// Where slashed funds go: `None` burnt, else this account.
	pub destination: Option<AccountId>,
	/// Whether slashing is live.
	pub status: PolicyStatusView,
}

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

/// A slash request waiting for its veto window (or its execution).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PendingSlashView<AccountId> {
	/// The request.
	pub id: u32,
	/// The AVS requesting it.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// Fraction of the captured stake to take, in parts per billion.
	pub fraction_ppb: u32,
	/// Its block.
	pub requested_at: u32,
	/// First block it can execute.
	pub executable_at: u32,
	/// First block it can no longer execute.
	pub expires_at: u32,
	/// Stake captured per vault.
	pub vaults: Vec<VaultAmount>,
}

/// What became of a slash request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum SlashOutcomeView {
	/// Executed: funds were taken.
	Executed,
	/// Vetoed by the AVS's resolver.
	Vetoed,
	/// Cancelled by governance.
	Cancelled,
	/// Recorded only (log-only policy).
	Logged,
	/// Lapsed before execution.
	Expired,
	/// Dropped when the AVS disabled slashing.
	Voided,
}

/// A settled slash.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SlashRecordView<AccountId> {
	/// The request.
	pub id: u32,
	/// The AVS.
	pub avs: AvsId,
	/// The operator.
	pub operator: AccountId,
	/// What happened.
	pub outcome: SlashOutcomeView,
	/// The fraction requested, in parts per billion.
	pub fraction_ppb: u32,
	/// When it was settled.
	pub settled_at: u32,
	/// Taken per vault (empty unless executed).
	pub taken: Vec<VaultAmount>,
}

/// A slash record: counts over the settled requests among the latest [`SLASH_RECORD_SPAN`]
/// slash ids (that the history still retains), and its latest entries.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SlashRecordSummary<AccountId> {
	/// Settled requests in the retained history.
	pub settled: u32,
	/// Of which executed.
	pub executed: u32,
	/// Of which vetoed or cancelled.
	pub vetoed: u32,
	/// Of which expired, logged only or voided.
	pub other: u32,
	/// Sum of the executed fractions, in parts per billion (above 10^9 after several).
	pub executed_fraction_ppb: u64,
	/// The latest settled requests (at most [`MAX_SLASHES_LISTED`]), newest first.
	pub latest: Vec<SlashRecordView<AccountId>>,
}

impl<AccountId> Default for SlashRecordSummary<AccountId> {
	fn default() -> Self {
		Self {
			settled: 0,
			executed: 0,
			vetoed: 0,
			other: 0,
			executed_fraction_ppb: 0,
			latest: Vec::new(),
		}
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

/// Where an operator stands with an AVS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum OptInView {
	/// Opted in.
	Active,
	/// Waiting for the AVS owner's approval.
	Pending,
	/// Leaving: slashable until `until`.
	OptingOut,
}

/// One vault's stake with an operator for one AVS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorVaultView {
	/// The vault.
	pub vault: VaultId,
	/// The vault's asset.
	pub asset_id: Option<u32>,
	/// Stake in force.
	pub stake: Amount,
	/// Stake a slash could take now.
	pub slashable: Amount,
}

/// An operator's standing with one AVS.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorAvsView {
	/// The AVS.
	pub avs: AvsId,
	/// Opted in, waiting, or leaving.
	pub status: OptInView,
	/// For a leaving operator: the first block it is no longer slashable for the AVS.
	pub until: Option<u32>,
	/// Its stake for the AVS, each asset weighted by the AVS's weight for it.
	pub weighted_stake: Amount,
	/// Its stake per vault.
	pub vaults: Vec<OperatorVaultView>,
}

/// An operator's stake, commission and slash record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct OperatorProfile<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// Its name.
	pub name: Text,
	/// Commission in force, in parts per billion.
	pub commission_ppb: u32,
	/// A scheduled commission increase.
	pub pending_commission: Option<ScheduledRate>,
	/// Native deposit held.
	pub deposit: Amount,
	/// Every AVS it is bound to.
	pub avss: Vec<OperatorAvsView>,
	/// The AVSs it is leaving.
	pub leaving: Vec<AvsId>,
	/// Slash requests against it.
	pub pending_slashes: Vec<PendingSlashView<AccountId>>,
	/// Its settled slashes (retained history).
	pub slash_record: SlashRecordSummary<AccountId>,
}

/// An operator's share of an AVS's stake.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct AvsOperatorView<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// Opted in, waiting, or leaving.
	pub status: OptInView,
	/// For a leaving operator: the first block it is no longer slashable.
	pub until: Option<u32>,
	/// Its weighted stake for the AVS.
	pub weighted_stake: Amount,
	/// Its share of the AVS's weighted stake, in parts per billion.
	pub share_ppb: u32,
}

/// A reward stream still paying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct StreamView {
	/// The stream.
	pub id: u32,
	/// The asset paid.
	pub asset_id: Option<u32>,
	/// The amount funded.
	pub amount: Amount,
	/// Not yet paid out.
	pub remaining: Amount,
	/// Paid per block (`amount / duration`, rounded down).
	pub per_block: Amount,
	/// The block it was funded (pays from the next).
	pub start: u32,
	/// Its last block.
	pub end: u32,
}

/// A riskier policy waiting to apply.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ScheduledPolicy<AccountId> {
	/// The policy.
	pub policy: PolicyView<AccountId>,
	/// The first block it applies.
	pub from: u32,
}

/// An AVS's stake, concentration, policy, rewards and slash record.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct AvsProfile<AccountId> {
	/// The AVS.
	pub avs: AvsId,
	/// Its name.
	pub name: Text,
	/// Where to learn more.
	pub uri: Text,
	/// Its owner.
	pub owner: AccountId,
	/// The slasher in force.
	pub slasher: AccountId,
	/// The resolver in force (veto policies).
	pub resolver: Option<AccountId>,
	/// When it was deregistered.
	pub deregistered_at: Option<u32>,
	/// Its stake, each asset weighted by its weight.
	pub total_weighted_stake: Amount,
	/// Its operators and their shares.
	pub operators: Vec<AvsOperatorView<AccountId>>,
	/// The largest operator's share, in parts per billion.
	pub largest_share_ppb: u32,
	/// The Herfindahl–Hirschman index of the operators' shares (sum of squared shares), in
	/// parts per billion: 10^9 is one operator holding everything.
	pub herfindahl_ppb: u32,
	/// The policy in force (`None`: it cannot slash).
	pub policy: Option<PolicyView<AccountId>>,
	/// A riskier policy scheduled.
	pub pending_policy: Option<ScheduledPolicy<AccountId>>,
	/// Its streams still paying.
	pub streams: Vec<StreamView>,
	/// Its open task bounties.
	pub open_bounties: u32,
	/// Its pending slash requests.
	pub pending_slashes: Vec<PendingSlashView<AccountId>>,
	/// Its settled slashes (retained history).
	pub slash_record: SlashRecordSummary<AccountId>,
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
	/// The vaults (at most [`MAX_MONITORED_VAULTS`], lowest ids).
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
