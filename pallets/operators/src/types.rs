//! Types stored by the operator pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedBTreeMap, BoundedVec},
	sp_runtime::Perbill,
};
use scale_info::TypeInfo;

/// Magnitude of a vault's whole stake before any slash: allocations are magnitudes out of
/// the vault's current maximum, which starts here and falls with every slash. (The maths of
/// magnitudes is in [`restake_primitives::magnitude`].)
pub use restake_primitives::magnitude::MAGNITUDE_ONE;

/// An Actively Validated Service.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(StringLimit, MaxAssets))]
#[codec(mel_bound(AccountId: MaxEncodedLen, AssetKind: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct AvsInfo<AccountId, AssetKind, BlockNumber, StringLimit: Get<u32>, MaxAssets: Get<u32>>
where
	AssetKind: Ord,
{
	/// May update the AVS, approve operators and set its slashing policy.
	pub owner: AccountId,
	/// May request slashes of the AVS's operators.
	pub slasher: AccountId,
	/// May veto pending slashes (veto policies).
	pub resolver: Option<AccountId>,
	/// Display name.
	pub name: BoundedVec<u8, StringLimit>,
	/// Where to learn more (website, docs, software).
	pub uri: BoundedVec<u8, StringLimit>,
	/// Whether operators need the owner's approval to opt in.
	pub requires_approval: bool,
	/// Assets whose stake the AVS accepts, with the weight each counts for.
	pub accepted_assets: BoundedBTreeMap<AssetKind, Perbill, MaxAssets>,
	/// Operators opted in or waiting for approval.
	pub operator_count: u32,
	/// Native deposit held from the owner.
	pub deposit: u128,
	/// Set when the owner deregistered it: no new opt-ins from then on.
	pub deregistered_at: Option<BlockNumber>,
}

/// A registered operator.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(StringLimit))]
#[codec(mel_bound(BlockNumber: MaxEncodedLen))]
pub struct OperatorInfo<BlockNumber, StringLimit: Get<u32>> {
	/// Display name.
	pub name: BoundedVec<u8, StringLimit>,
	/// Share of rewards the operator takes before the vaults' holders.
	pub commission: Perbill,
	/// A commission increase and the block from which it applies.
	pub pending_commission: Option<(Perbill, BlockNumber)>,
	/// Native deposit held from the operator (with the self-bond it held before spec 106):
	/// released by `deregister_operator`.
	pub deposit: u128,
	/// AVSs the operator is opted in to (or waiting for, or leaving).
	pub avs_count: u32,
}

/// A change of an AVS's slasher and resolver, in force from `effective_at`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct RoleChange<AccountId, BlockNumber> {
	/// The slasher from `effective_at`.
	pub slasher: AccountId,
	/// The resolver from `effective_at`.
	pub resolver: Option<AccountId>,
	/// The first block the new roles are in force.
	pub effective_at: BlockNumber,
}

/// Where an operator stands with an AVS.
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
)]
pub enum OptInStatus<BlockNumber> {
	/// Waiting for the AVS owner's approval; cannot receive allocations yet.
	Pending,
	/// Opted in: may receive allocations and be slashed.
	Active,
	/// Leaving: still slashable until `until`, receives no new allocations.
	OptingOut {
		/// First block at which the operator is no longer slashable for this AVS.
		until: BlockNumber,
	},
}

/// A change of an allocation that takes effect later.
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
)]
pub struct PendingAllocation<BlockNumber> {
	/// The magnitude the allocation will have.
	pub target: u128,
	/// The block from which it has it.
	pub effective_at: BlockNumber,
}

/// A vault's allocation to one (operator, AVS) pair, as a magnitude.
///
/// Its stake is `magnitude / max_magnitude × vault stake`. Increases take effect after the
/// allocation delay (not slashable before); decreases after the deallocation delay (still
/// slashable before). So the effective magnitude is also exactly the slashable one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Allocation<BlockNumber> {
	/// Magnitude in force before `pending` applies.
	pub current: u128,
	/// A scheduled change.
	pub pending: Option<PendingAllocation<BlockNumber>>,
}

impl<BlockNumber: PartialOrd + Copy> Allocation<BlockNumber> {
	/// The magnitude in force (and slashable) at `now`.
	pub fn effective(&self, now: BlockNumber) -> u128 {
		match self.pending {
			Some(p) if p.effective_at <= now => p.target,
			_ => self.current,
		}
	}

	/// The magnitude that earns rewards at `now`: the one in force, but never more than a
	/// pending target. Stake being deallocated (or wound down by an opt-out) stops earning
	/// when the change is requested, though it stays slashable until it takes effect: it can
	/// never earn risk-free after it left, whether or not anyone syncs the vault then.
	pub fn earning(&self, now: BlockNumber) -> u128 {
		let effective = self.effective(now);
		self.pending.map_or(effective, |p| effective.min(p.target))
	}

	/// The magnitude this allocation holds of its vault's capacity: the larger of the current
	/// and the pending value, so a vault can never be over-allocated during a transition.
	pub fn encumbered(&self) -> u128 {
		self.pending.map_or(self.current, |p| p.target.max(self.current))
	}

	/// Whether the allocation is at zero or on its way there: winding it down again would
	/// only postpone its exit.
	pub fn is_leaving(&self) -> bool {
		match self.pending {
			Some(pending) => pending.target == 0,
			None => self.current == 0,
		}
	}

	/// Applies a due pending change. Returns whether anything changed.
	pub fn settle(&mut self, now: BlockNumber) -> bool {
		match self.pending {
			Some(p) if p.effective_at <= now => {
				self.current = p.target;
				self.pending = None;
				true
			},
			_ => false,
		}
	}
}

/// A vault's magnitudes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct VaultMagnitude {
	/// The magnitude of the vault's whole stake (`MAGNITUDE_ONE` minus what was slashed).
	pub max: u128,
	/// Sum of the encumbered magnitudes of its allocations; never above `max`.
	pub encumbered: u128,
	/// Number of (operator, AVS) pairs it has an allocation to.
	pub allocations: u32,
}

impl Default for VaultMagnitude {
	fn default() -> Self {
		Self { max: MAGNITUDE_ONE, encumbered: 0, allocations: 0 }
	}
}
