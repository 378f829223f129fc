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

sp_api::decl_runtime_apis! {
	/// AVSs, operators and who backs whom with how much.
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
	}
}
