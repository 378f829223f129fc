//! The records of the LRT² ledger.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedVec},
	sp_runtime::{
		traits::{One, Saturating, UniqueSaturatedInto, Zero},
		FixedU128,
	},
};
use restake_primitives::{AvsId, VaultId};
use scale_info::TypeInfo;

/// A deposit held for a record (a stream's or a programme's) until the record is closed.
///
/// Encodes exactly as the `(AccountId, u128)` tuple it replaced (tested by
/// `tests::streams::deposit_encodes_as_the_tuple_it_replaced`): no migration.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Deposit<AccountId> {
	/// The account the deposit is held from (and released to).
	pub payer: AccountId,
	/// The amount held, in the native token.
	pub amount: u128,
}

/// A reward stream funded at genesis (through the same checks as `fund_stream`).
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	polkadot_sdk::frame_support::Serialize,
	polkadot_sdk::frame_support::Deserialize,
)]
#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
#[serde(rename_all = "camelCase")]
pub struct GenesisStream<AccountId, AssetKind, BlockNumber> {
	/// The funder: the AVS's owner.
	pub funder: AccountId,
	/// The AVS whose allocated stake the stream pays.
	pub avs: AvsId,
	/// The (listed) asset it pays in.
	pub asset: AssetKind,
	/// The amount paid over the whole stream.
	pub amount: u128,
	/// Its duration in blocks.
	pub duration: BlockNumber,
}

/// A points programme created at genesis (through the same checks as `create_programme`).
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	polkadot_sdk::frame_support::Serialize,
	polkadot_sdk::frame_support::Deserialize,
)]
#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
#[serde(rename_all = "camelCase")]
pub struct GenesisProgramme<AccountId, BlockNumber> {
	/// The owner: the AVS's owner or the vault's curator.
	pub owner: AccountId,
	/// The stake it counts: allocated to an AVS, or in a vault.
	pub scope: ProgrammeScope,
	/// Its name (at most `NameLimit` bytes).
	pub name: alloc::vec::Vec<u8>,
	/// Points per unit of stake per block.
	pub rate: FixedU128,
	/// Its first block.
	pub start: BlockNumber,
	/// Its last block (inclusive).
	pub end: BlockNumber,
}

pub use restake_primitives::accrual::RewardIndex;

/// Identifies a reward stream. Sequential, never reused.
pub type StreamId = u32;
/// Identifies a points programme. Sequential, never reused.
pub type ProgrammeId = u32;
/// Identifies a task bounty. Sequential, never reused.
pub type BountyId = u32;

/// Where an amount in the ledger comes from. Every accrual is kept under its source, so an
/// account's rewards can be audited source by source.
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
pub enum Source<AssetKind> {
	/// A vault holder's share of an AVS's reward streams, after operator commission.
	Avs {
		/// The AVS that funded the streams.
		avs: AvsId,
		/// The asset paid.
		asset: AssetKind,
	},
	/// An operator's commission on an AVS's reward streams.
	Commission {
		/// The AVS that funded the streams.
		avs: AvsId,
		/// The asset paid.
		asset: AssetKind,
	},
	/// Rewards added to one vault's holders by its curator (an LRT protocol) or anyone.
	Vault {
		/// The vault rewarded.
		vault: VaultId,
		/// The asset paid.
		asset: AssetKind,
	},
	/// Task bounties an AVS awarded to an operator.
	Bounty {
		/// The AVS that posted them.
		avs: AvsId,
		/// The asset paid.
		asset: AssetKind,
	},
	/// Points of a programme (not transferable, never paid out).
	Points {
		/// The programme.
		programme: ProgrammeId,
	},
}

/// A reward stream: `amount` paid evenly over `start..end` to the stake allocated to an AVS.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Stream<AccountId, AssetKind, BlockNumber> {
	/// The AVS whose stake earns the stream.
	pub avs: AvsId,
	/// The asset paid.
	pub asset: AssetKind,
	/// Who funded it (receives unallocated amounts back).
	pub funder: AccountId,
	/// The amount funded.
	pub amount: u128,
	/// The block it was funded; it pays for blocks `start + 1 ..= end`.
	pub start: BlockNumber,
	/// The last block it pays for.
	pub end: BlockNumber,
	/// Paid out of the stream so far: to stake, or set aside as unallocated.
	pub accrued: u128,
	/// Part of `accrued` that found no stake allocated to the AVS (returnable to the funder).
	pub unallocated: u128,
	/// Part of `unallocated` already returned to the funder.
	pub refunded: u128,
}

impl<AccountId, AssetKind, BlockNumber> Stream<AccountId, AssetKind, BlockNumber>
where
	BlockNumber: Copy + Ord + Saturating + One + UniqueSaturatedInto<u128>,
{
	/// The amount due for all blocks up to `now`: `amount × elapsed / duration`, rounded down,
	/// so the last block pays the remainder and the stream ends exactly at `amount`.
	pub fn due_at(&self, now: BlockNumber) -> u128 {
		let duration: u128 = self.end.saturating_sub(self.start).unique_saturated_into();
		let elapsed: u128 = now.min(self.end).saturating_sub(self.start).unique_saturated_into();
		restake_primitives::accrual::linear_due(self.amount, elapsed, duration)
	}

	/// Not yet paid out of the stream.
	pub fn remaining(&self) -> u128 {
		self.amount.saturating_sub(self.accrued)
	}

	/// Whether every block of the stream has been paid out.
	pub fn is_finished(&self) -> bool {
		self.accrued >= self.amount
	}
}

/// The reward index of one asset of one AVS: cumulative reward per unit of weighted stake.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct AvsPool<BlockNumber> {
	/// Reward per unit of weighted stake paid since the AVS first streamed this asset.
	pub index: RewardIndex,
	/// Paid into the index (stream amounts that found stake).
	pub distributed: u128,
	/// Credited to (operator, vault) pairs out of `distributed` and taken by their vaults (or
	/// operators, as commission); the rest is rounding dust, left in the ledger's account.
	pub credited: u128,
	/// The block the index was last brought up to date.
	pub last: BlockNumber,
}

/// What the ledger keeps about one (operator, AVS) pair a vault allocates to.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxAssets))]
#[codec(mel_bound(AccountId: MaxEncodedLen, AssetKind: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct PairState<AccountId, AssetKind, BlockNumber, MaxAssets: Get<u32>> {
	/// The operator.
	pub operator: AccountId,
	/// The AVS.
	pub avs: AvsId,
	/// The vault's weighted stake allocated to the pair when last synced: what it earns
	/// with until the next sync.
	pub weight: u128,
	/// The block it was last synced.
	pub last: BlockNumber,
	/// The AVS's reward index per asset when last synced.
	pub snapshots: BoundedVec<(AssetKind, RewardIndex), MaxAssets>,
	/// The operator's commission in force when last synced: what accrues until the next
	/// sync is shared at this rate, so a rise never reaches back before it took effect.
	pub commission: polkadot_sdk::sp_runtime::Perbill,
}

impl<AccountId, AssetKind: PartialEq, BlockNumber, MaxAssets: Get<u32>>
	PairState<AccountId, AssetKind, BlockNumber, MaxAssets>
{
	/// The index of `asset` when the pair was last synced (zero if it never saw it).
	pub fn snapshot(&self, asset: &AssetKind) -> RewardIndex {
		self.snapshots
			.iter()
			.find(|(a, _)| a == asset)
			.map(|(_, index)| *index)
			.unwrap_or_default()
	}

	/// Records the index of `asset`. The list holds every asset of the AVS (same bound).
	pub fn set_snapshot(&mut self, asset: AssetKind, index: RewardIndex) {
		if let Some(entry) = self.snapshots.iter_mut().find(|(a, _)| *a == asset) {
			entry.1 = index;
		} else {
			if self.snapshots.try_push((asset, index)).is_err() {
				polkadot_sdk::frame_support::defensive!(
					"an AVS streams at most `MaxAssets` assets: one snapshot each"
				);
			}
		}
	}
}

/// The reward index of one source in one vault: cumulative amount per LRT share.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct VaultPool {
	/// Amount per LRT share accrued since the source first paid this vault.
	pub index: RewardIndex,
	/// Paid into the index.
	pub credited: u128,
	/// Settled to holders out of `credited`; the rest is owed to holders not yet settled,
	/// plus rounding dust.
	pub settled: u128,
}

impl VaultPool {
	/// Adds `amount` spread over `shares` to the index. Returns what was added (zero if the
	/// increment does not fit; the caller keeps it as dust).
	pub fn credit(&mut self, amount: u128, shares: u128) -> u128 {
		if amount.is_zero() || shares.is_zero() {
			return 0;
		}
		match self.index.credited(amount, shares) {
			Some(index) => {
				self.index = index;
				self.credited = self.credited.saturating_add(amount);
				amount
			},
			None => 0,
		}
	}
}

/// Whose stake a points programme rewards.
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
	polkadot_sdk::frame_support::Serialize,
	polkadot_sdk::frame_support::Deserialize,
)]
#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
pub enum ProgrammeScope {
	/// Stake allocated to this AVS (defined by its owner).
	Avs(AvsId),
	/// Stake in this vault (defined by its curator).
	Vault(VaultId),
}

/// A points programme: `rate` points per unit of stake per block from `start` to `end`.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(NameLimit))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Programme<AccountId, BlockNumber, NameLimit: Get<u32>> {
	/// Who defined it.
	pub owner: AccountId,
	/// Whose stake earns points.
	pub scope: ProgrammeScope,
	/// Its name, e.g. "Season 1".
	pub name: BoundedVec<u8, NameLimit>,
	/// Points per unit of stake per block.
	pub rate: FixedU128,
	/// First block that earns points.
	pub start: BlockNumber,
	/// Last block that earns points.
	pub end: BlockNumber,
}

impl<AccountId, BlockNumber, NameLimit> Programme<AccountId, BlockNumber, NameLimit>
where
	BlockNumber: Copy + Ord + Saturating + One + UniqueSaturatedInto<u128>,
	NameLimit: Get<u32>,
{
	/// Points earned by `stake` held over blocks `from + 1 ..= to`.
	pub fn points(&self, stake: u128, from: BlockNumber, to: BlockNumber) -> u128 {
		let first = from.max(self.start.saturating_sub(One::one()));
		let last = to.min(self.end);
		if last <= first {
			return 0;
		}
		let blocks: u128 = last.saturating_sub(first).unique_saturated_into();
		restake_primitives::accrual::points_for(self.rate, stake, blocks)
	}
}

/// A task bounty an AVS escrowed for its operators.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Bounty<AccountId, AssetKind, BlockNumber> {
	/// The AVS that posted it.
	pub avs: AvsId,
	/// Who escrowed it (gets it back on cancellation).
	pub funder: AccountId,
	/// The asset.
	pub asset: AssetKind,
	/// The amount.
	pub amount: u128,
	/// From this block the AVS may cancel it.
	pub expires_at: BlockNumber,
}

/// A stream as the runtime API reports it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct StreamStatus<AccountId, AssetKind, BlockNumber> {
	/// The stream as stored.
	pub stream: Stream<AccountId, AssetKind, BlockNumber>,
	/// Paid to stake so far (`accrued − unallocated`).
	pub paid: u128,
	/// Not yet paid (`amount − accrued`).
	pub remaining: u128,
	/// Unallocated and not yet returned to the funder.
	pub reclaimable: u128,
}

/// Money in and out of the ledger for one asset (for the solvency invariant).
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AssetTotals {
	/// Funded into the ledger: streams, vault rewards, bounties.
	pub funded: u128,
	/// Paid out of the ledger: claims, returned unallocated amounts, cancelled bounties.
	pub paid_out: u128,
}

/// A source that left a vault's list to make room while some LRT had not been settled past
/// it: the holders of that LRT still owe themselves its last credits.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct RetiredSource<AssetKind> {
	/// The source.
	pub source: Source<AssetKind>,
	/// The vault's retirement count when it left. A holder last settled at a lower count
	/// held its LRT then and is settled from this entry at its next settlement.
	pub epoch: u32,
	/// Its pool when it left; nothing is credited to it any more. The source's place in
	/// [`VaultPools`](crate::VaultPools) starts afresh if it pays the vault again.
	pub pool: VaultPool,
	/// The vault's retirement count when the pool began (0: before the vault's first
	/// retirement): a holder's snapshot taken at a lower count belongs to an older pool of
	/// the source, and the holder is owed this pool from its start.
	pub created: u32,
	/// LRT that held the source when it left and has not been settled since. Exact, because a
	/// holder's LRT is constant between its settlements: the entry goes (with the pool's
	/// rounding dust) when this reaches zero.
	pub unsettled: u128,
}

/// The sources that left a vault's list with LRT still to settle them, oldest first.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	polkadot_sdk::frame_support::DefaultNoBound,
)]
#[scale_info(skip_type_params(Max))]
#[codec(mel_bound(AssetKind: MaxEncodedLen))]
pub struct RetiredSources<AssetKind, Max: Get<u32>> {
	/// The vault's retirement count: raised by every retirement, and once by each sync that
	/// lists a source after the first retirement (so that pool begins after every snapshot
	/// taken before it). At least the last entry's `epoch`.
	pub epoch: u32,
	/// Retired sources not yet settled by all their LRT.
	pub entries: BoundedVec<RetiredSource<AssetKind>, Max>,
}

/// Where an account's `claim` goes on from when the previous one stopped at its settlement
/// budget: vaults are settled in rounds up the vault ids, and a round ends with `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ClaimRound {
	/// The last vault the previous claim settled.
	pub last: VaultId,
	/// The highest vault id of the round: vaults above it that joined the caller's lists
	/// during the round wait for the next one, so every round ends.
	pub end: VaultId,
}

/// The asset a token source pays in (`None` for points).
pub(crate) fn source_asset<A: Clone>(source: &Source<A>) -> Option<A> {
	match source {
		Source::Avs { asset, .. }
		| Source::Commission { asset, .. }
		| Source::Vault { asset, .. }
		| Source::Bounty { asset, .. } => Some(asset.clone()),
		Source::Points { .. } => None,
	}
}
