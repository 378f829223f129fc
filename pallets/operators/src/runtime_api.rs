//! The operator runtime API: what polkadot.js calls as `api.call.operatorsApi.*`.

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use polkadot_sdk::{sp_api, sp_runtime::Perbill};
use restake_primitives::{AvsId, VaultId};
use scale_info::TypeInfo;

/// One vault's allocation to an (operator, AVS) pair, in assets, as of the queried block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AllocationView<BlockNumber> {
	/// The vault.
	pub vault: VaultId,
	/// The AVS.
	pub avs: AvsId,
	/// Stake in force now (earns rewards, slashable).
	pub stake: u128,
	/// Stake that a slash could take now (includes queued withdrawals).
	pub slashable: u128,
	/// Share of the vault's stake the allocation is moving to, and from when.
	pub pending: Option<(Perbill, BlockNumber)>,
}

/// Where an AVS stands in its lifecycle, with the roles in force now.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AvsState<AccountId, BlockNumber> {
	/// The owner.
	pub owner: AccountId,
	/// The slasher in force.
	pub slasher: AccountId,
	/// The resolver in force.
	pub resolver: Option<AccountId>,
	/// The account the ownership is offered to (`accept_avs_ownership`).
	pub pending_owner: Option<AccountId>,
	/// A scheduled slasher and resolver, and the block from which they are in force.
	pub pending_roles: Option<(AccountId, Option<AccountId>, BlockNumber)>,
	/// When it was deregistered (the request to leave).
	pub deregistered_at: Option<BlockNumber>,
	/// First block its stake is no longer slashable and its deposit can be released, if
	/// deregistered.
	pub release_at: Option<BlockNumber>,
	/// Operators opted in, waiting for approval or leaving: each must be gone before the
	/// deposit is released.
	pub operators: u32,
	/// Native deposit still held (0 once released).
	pub deposit: u128,
	/// Whether `complete_avs_deregistration` would succeed now.
	pub can_complete_deregistration: bool,
}

/// Where an operator stands in its lifecycle.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct OperatorState<BlockNumber> {
	/// Native deposit held.
	pub deposit: u128,
	/// Every AVS it is bound to, and how: active, waiting for approval, or leaving until a
	/// block (slashable until then).
	pub opt_ins: Vec<(AvsId, crate::types::OptInStatus<BlockNumber>)>,
	/// The block from which `deregister_operator` can succeed, if every opt-in is leaving
	/// (the latest `until`; completing each opt-out is still needed, and a pending slash
	/// request may hold a pair longer).
	pub free_from: Option<BlockNumber>,
	/// Whether `deregister_operator` would succeed now.
	pub can_deregister: bool,
}

sp_api::decl_runtime_apis! {
	/// AVSs, operators and who backs whom with how much.
	#[api_version(2)]
	pub trait OperatorsApi<AccountId, Avs, Operator, BlockNumber>
	where
		AccountId: Codec,
		Avs: Codec,
		Operator: Codec,
		BlockNumber: Codec,
	{
		/// The AVS `avs`, if registered.
		fn avs(avs: AvsId) -> Option<Avs>;
		/// The operator `who`, if registered, with the commission in force now.
		fn operator(who: AccountId) -> Option<Operator>;
		/// Every allocation to (`operator`, `avs`), one per vault.
		fn pair_allocations(operator: AccountId, avs: AvsId) -> Vec<AllocationView<BlockNumber>>;
		/// The AVS's stake, each asset weighted by the AVS's weight for it.
		fn avs_weighted_stake(avs: AvsId) -> u128;
		/// The AVS's lifecycle: roles in force and scheduled, deregistration, what still binds
		/// it.
		#[api_version(2)]
		fn avs_state(avs: AvsId) -> Option<AvsState<AccountId, BlockNumber>>;
		/// The operator's lifecycle: its opt-ins and when it can leave.
		#[api_version(2)]
		fn operator_state(who: AccountId) -> Option<OperatorState<BlockNumber>>;
	}
}
