//! The slashing runtime API: what polkadot.js calls as `api.call.slashingApi.*`.

use crate::SlashId;
use alloc::vec::Vec;
use codec::Codec;
use polkadot_sdk::sp_api;
use restake_primitives::{AvsId, VaultId};

sp_api::decl_runtime_apis! {
	/// Slashing policies, pending slashes and their history.
	pub trait SlashingApi<AccountId, Policy, Request, Record>
	where
		AccountId: Codec,
		Policy: Codec,
		Request: Codec,
		Record: Codec,
	{
		/// The policy in force for `avs`, if any.
		fn policy(avs: AvsId) -> Option<Policy>;
		/// Pending slashes, optionally only those of one AVS and/or one operator.
		fn pending_slashes(avs: Option<AvsId>, operator: Option<AccountId>) -> Vec<(SlashId, Request)>;
		/// Whether a pending slash may take from `vault` (its withdrawals wait).
		fn vault_has_pending_slash(vault: VaultId) -> bool;
		/// A settled slash.
		fn slash_record(id: SlashId) -> Option<Record>;
	}
}
