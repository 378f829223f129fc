//! Interfaces between the restaking pallets.
//!
//! Dependency order: `vaults` ← `operators` ← `slashing` ← `lrt2`. A pallet later in the chain
//! reaches an earlier one only through these traits, configured in the runtime, so each
//! pallet can be tested against a mock of the others.

use crate::{AvsId, SlashDestination, VaultId};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::{DispatchError, DispatchResult, Perbill},
};

/// What the other pallets may read about vaults (implemented by the vault pallet).
pub trait VaultInspect<AccountId, Balance> {
	/// How the vault pallet names an asset (native or a `pallet-assets` id).
	type AssetKind;
	/// The vault's underlying asset, if the vault exists.
	fn vault_asset(vault: VaultId) -> Option<Self::AssetKind>;
	/// Whether the vault exists.
	fn vault_exists(vault: VaultId) -> bool;
	/// The vault's curator, if the vault exists.
	fn curator(vault: VaultId) -> Option<AccountId>;
	/// Assets at stake in the vault that are not queued for withdrawal.
	fn active_assets(vault: VaultId) -> Balance;
	/// Assets queued for withdrawal that are still slashable.
	fn queued_assets(vault: VaultId) -> Balance;
	/// The vault's LRT supply.
	fn total_shares(vault: VaultId) -> Balance;
	/// Whether the vault's risk profile allows its stake to back `avs` at this block.
	fn allows_avs(vault: VaultId, avs: AvsId) -> bool;
	/// The LRT shares `who` holds in the vault.
	fn shares_of(vault: VaultId, who: &AccountId) -> Balance;
	/// Whether `asset` is a vault's LRT. LRT must move only through the vault pallet (which
	/// settles its rewards first), so other pallets refuse to hold or move it.
	fn is_lrt(_asset: &Self::AssetKind) -> bool {
		false
	}
}

/// Takes a loss from a vault (implemented by the vault pallet, called by slashing).
///
/// The loss lowers the vault's accounted assets, so every LRT holder loses pro rata through
/// the exchange rate: the cost is O(1) in the number of holders.
pub trait VaultSlash<AccountId, Balance> {
	/// Takes up to `amount` from the vault's active and queued assets pro rata into the
	/// vault's escrow: the funds stay in the vault's account, outside its assets, until
	/// [`Self::release_escrow`] burns or pays them or [`Self::return_escrow`] gives them back.
	/// Only accounting changes, so a slash never fails because of its destination (a frozen
	/// asset, an account that cannot receive). Returns the amount taken.
	fn slash_vault(vault: VaultId, amount: Balance) -> Result<Balance, DispatchError>;
	/// Sends `amount` of the vault's escrow to `destination`: burns it, or pays it to the
	/// account — or burns it if the account cannot receive it. Returns whether an account
	/// was paid. Fails, changing nothing, if neither is possible now (e.g. the asset is
	/// frozen): the escrow stays for a later try.
	fn release_escrow(
		vault: VaultId,
		amount: Balance,
		destination: &SlashDestination<AccountId>,
	) -> Result<bool, DispatchError>;
	/// Gives `amount` of the vault's escrow back to its holders (a cancelled slash), pro rata
	/// to its active and queued assets.
	fn return_escrow(vault: VaultId, amount: Balance);
}

/// How long stake needs to leave (implemented by the vault pallet). A change that raises what
/// holders can lose takes effect only after the exit delay of the stake it affects, so holders
/// can always leave first.
pub trait ExitDelays<BlockNumber> {
	/// The longest a holder of `vault` may need to get out: its withdrawal delay plus the
	/// longest a pending slash can hold a matured claim (zero if it does not exist).
	fn exit_delay(vault: VaultId) -> BlockNumber;
}

/// The exit delays of the stake behind an AVS or an operator (implemented by the operator
/// pallet): the longest withdrawal delay of any vault that has allocated to it.
pub trait StakeExitDelays<AccountId, BlockNumber> {
	/// The longest withdrawal delay of a vault that has allocated to `avs`.
	fn avs_exit_delay(avs: AvsId) -> BlockNumber;
	/// The longest withdrawal delay of a vault that has allocated to `operator`.
	fn operator_exit_delay(operator: &AccountId) -> BlockNumber;
}

/// What slashing and rewards need to know about stake (implemented by the operator pallet).
pub trait StakeInspect<AccountId, Balance> {
	/// The AVS's owner, slasher and resolver accounts, if the AVS exists.
	fn avs_roles(avs: AvsId) -> Option<AvsRoles<AccountId>>;
	/// Whether `operator` is (or, within the deallocation window, was) opted in to `avs`.
	fn is_slashable_operator(operator: &AccountId, avs: AvsId) -> bool;
	/// Whether `avs` may still request slashes: it is registered, or it deregistered less than
	/// the deallocation delay ago (incidents inside its exit window).
	fn avs_can_slash(avs: AvsId) -> bool;
	/// Stake of `vault` allocated to (`operator`, `avs`), including amounts being deallocated
	/// that are still slashable.
	fn slashable_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> Balance;
	/// Stake of `vault` effectively allocated to (`operator`, `avs`) now (earns rewards).
	fn effective_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> Balance;
	/// The vaults allocating to (`operator`, `avs`) (bounded by the operator pallet).
	fn pair_vaults(operator: &AccountId, avs: AvsId) -> Vec<VaultId>;
	/// The (operator, AVS) pairs `vault` has an allocation to (bounded by the operator
	/// pallet's allocations per vault).
	fn vault_pairs(vault: VaultId) -> Vec<(AccountId, AvsId)>;
	/// The stake that earns the AVS's rewards, in the AVS's common unit:
	/// [`Self::effective_allocation`], but never more than a pending deallocation's target
	/// (stake stops earning when its deallocation or opt-out is requested), weighted by the
	/// AVS's weight for the vault's asset.
	fn weighted_allocation(vault: VaultId, operator: &AccountId, avs: AvsId) -> Balance;
	/// The commission `operator` takes from rewards now (zero for unknown operators).
	fn commission(operator: &AccountId) -> Perbill;
}

/// Stake held back by slash requests in flight (implemented by the slashing pallet, read by the
/// vault pallet before a withdrawal claim and by the operator pallet before stake leaves an
/// (operator, AVS) pair). A request holds what it captured until it is executed, vetoed,
/// cancelled, voided or expired — at most the veto window plus the execution deadline. `()`:
/// nothing is ever held.
pub trait SlashHolds<AccountId, BlockNumber> {
	/// The request block of the earliest unresolved, unexpired request that captured `vault`'s
	/// stake. Withdrawals that mature after it were slashable when it was made: they wait.
	fn vault_held_since(vault: VaultId) -> Option<BlockNumber>;
	/// Whether stake of (`operator`, `avs`) that leaves at `leaving_at` is held: some
	/// unresolved, unexpired request of `avs` against `operator` was made before `leaving_at`.
	fn pair_held(operator: &AccountId, avs: AvsId, leaving_at: BlockNumber) -> bool;
}

/// What the vault pallet asks of the operator pallet (which implements it) about AVSs and a
/// vault's allocations: before it destroys a vault, and when a curator changes the AVSs the
/// vault's stake may back. `()`: no AVS registry and no allocations (every AVS id exists).
pub trait VaultAllocations {
	/// Whether any (operator, AVS) allocation of `vault` exists, pending or not.
	fn has_allocations(vault: VaultId) -> bool;
	/// Whether an AVS with id `avs` is registered (deregistering ones included).
	fn avs_exists(avs: AvsId) -> bool;
	/// Winds every allocation of `vault` to `avs` down to zero through the normal
	/// deallocation path (its curator took `avs` off the vault's allowlist): each is scheduled
	/// to zero effective after the deallocation delay and stays slashable until then. An
	/// allocation already at or going to zero keeps its date, a decrease held by a pending
	/// slash stays as it is, and one that never took effect (never slashable) leaves at once.
	/// Nothing leaves earlier than a deallocation would. Returns the weight used.
	fn wind_down_avs(vault: VaultId, avs: AvsId) -> Weight;
	/// The most [`Self::wind_down_avs`] can use (`MaxAllocationsPerVault` allocations, and the
	/// stake observers told once).
	fn wind_down_avs_weight() -> Weight;
}

impl VaultAllocations for () {
	fn has_allocations(_: VaultId) -> bool {
		false
	}
	fn avs_exists(_: AvsId) -> bool {
		true
	}
	fn wind_down_avs(_: VaultId, _: AvsId) -> Weight {
		Weight::zero()
	}
	fn wind_down_avs_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, BlockNumber> SlashHolds<AccountId, BlockNumber> for () {
	fn vault_held_since(_: VaultId) -> Option<BlockNumber> {
		None
	}
	fn pair_held(_: &AccountId, _: AvsId, _: BlockNumber) -> bool {
		false
	}
}

/// Slashes what a set of vaults allocated to one (operator, AVS) pair (implemented by the
/// operator pallet, called by slashing). Touches only that pair's allocations: the stake
/// allocated to every other AVS is unchanged.
pub trait AllocationSlash<AccountId, Balance> {
	/// The most vaults one operator can have allocated to one AVS (bounds a slash's work).
	fn max_vaults_per_allocation() -> u32;
	/// Weight a slash adds per vault beyond the caller's own benchmark (observers told of
	/// the stake change, such as the LRT² ledger).
	fn observer_weight_per_vault() -> Weight;
	/// The stake of each vault slashable for (`operator`, `avs`) at this block (vaults with
	/// none are left out): what a slash request made now captures. Settles allocation changes
	/// that are due and not held, so the capture sees the allocations in force.
	fn capture(operator: &AccountId, avs: AvsId) -> Vec<(VaultId, Balance)>;
	/// Takes, per vault, `fraction` of the smaller of the stake `captured` and what the vault's
	/// allocation to (`operator`, `avs`) still holds — never stake that arrived later —
	/// into the vault's escrow (see [`VaultSlash::slash_vault`]), and lowers that allocation by
	/// what was taken. Returns the amount taken per vault. Touches no other pair's allocation.
	fn slash_captured(
		operator: &AccountId,
		avs: AvsId,
		captured: &[(VaultId, Balance)],
		fraction: Perbill,
	) -> Result<Vec<(VaultId, Balance)>, DispatchError>;
	/// Captures and slashes in one go: an instant slash of what is slashable now.
	fn slash_allocations(
		operator: &AccountId,
		avs: AvsId,
		fraction: Perbill,
	) -> Result<Vec<(VaultId, Balance)>, DispatchError> {
		let captured = Self::capture(operator, avs);
		Self::slash_captured(operator, avs, &captured, fraction)
	}
}

/// The accounts with a role in an AVS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvsRoles<AccountId> {
	/// May update the AVS and its slashing policy.
	pub owner: AccountId,
	/// May request slashes.
	pub slasher: AccountId,
	/// May veto pending slashes inside the veto window.
	pub resolver: Option<AccountId>,
}

/// Told when LRT shares change hands or supply, so per-holder reward ledgers can settle
/// before the balance changes (implemented by the LRT² pallet; `()` ignores it).
pub trait OnSharesChanged<AccountId, Balance> {
	/// `who`'s shares in `vault` are about to change from `before` (settle accrued rewards).
	/// Never fails: the observer must not block LRT from moving. Returns the weight it used
	/// (at most [`Self::before_shares_change_weight`]), so callers can refund the rest.
	fn before_shares_change(vault: VaultId, who: &AccountId, before: Balance) -> Weight;
	/// `who` is about to receive shares of `vault` from someone else (a transfer): as
	/// [`Self::before_shares_change`], but the change is not `who`'s own doing, so it must not
	/// take any of `who`'s bounded capacity that its own actions rely on. Same weight bound.
	fn before_shares_received(vault: VaultId, who: &AccountId, before: Balance) -> Weight {
		Self::before_shares_change(vault, who, before)
	}
	/// The most one call of [`Self::before_shares_change`] may weigh.
	fn before_shares_change_weight() -> Weight;
	/// `vault` (without shares) is being destroyed by `curator`: whatever the observer still
	/// held for the vault's holders has nobody left to go to. Returns the weight it used.
	fn on_vault_destroyed(_vault: VaultId, _curator: &AccountId) -> Weight {
		Weight::zero()
	}
	/// The most one call of [`Self::on_vault_destroyed`] may weigh.
	fn on_vault_destroyed_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId, Balance> OnSharesChanged<AccountId, Balance> for () {
	fn before_shares_change(_: VaultId, _: &AccountId, _: Balance) -> Weight {
		Weight::zero()
	}
	fn before_shares_change_weight() -> Weight {
		Weight::zero()
	}
}

/// Told after a vault's stake changed: its assets (deposit, withdrawal, reward, slash) or its
/// allocations (implemented by the LRT² pallet, which re-weighs the vault's reward pairs;
/// `()` ignores it). Never fails: the observer must not block stake changes.
pub trait OnStakeChanged {
	/// `vault`'s stake or allocations changed in this block. Returns the weight it used (at
	/// most [`Self::on_stake_changed_weight`]).
	fn on_stake_changed(vault: VaultId) -> Weight;
	/// The most one call of [`Self::on_stake_changed`] may weigh.
	fn on_stake_changed_weight() -> Weight;
}

impl OnStakeChanged for () {
	fn on_stake_changed(_: VaultId) -> Weight {
		Weight::zero()
	}
	fn on_stake_changed_weight() -> Weight {
		Weight::zero()
	}
}

/// Adds rewards in a vault's own asset to the vault, compounding into its exchange rate
/// (implemented by the vault pallet, called by the LRT² ledger).
pub trait VaultCompound<AccountId, Balance> {
	/// Moves `amount` of the vault's asset from `from` into the vault's assets.
	fn compound(from: &AccountId, vault: VaultId, amount: Balance) -> DispatchResult;
	/// The most one [`Self::compound`] may weigh, with the hooks it runs (the curator fee's
	/// share change and the stake change).
	fn compound_weight() -> Weight;
}
