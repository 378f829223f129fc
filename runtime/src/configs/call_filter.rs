//! The runtime's call filter (`frame_system::Config::BaseCallFilter`).
//!
//! What it refuses: every `pallet-assets` call that names an LRT id (`LRT_ASSET_ID_OFFSET`
//! and up), whoever signs it — create, mint, transfer, approve, `touch`, `refund`, freeze,
//! block, thaw, metadata, team, minimum balance, destroy. Root is exempt (FRAME applies the base
//! filter to every origin but Root). Every other call passes, `pallet-assets` calls on other
//! assets included; calls inside a `utility` batch are filtered one by one as they dispatch.
//!
//! Why: an LRT is a vault's share token, and the vault pallet alone may touch it. Its supply
//! must equal the vault's `total_shares`, its transfers must settle LRT² rewards first (as
//! `Vaults::transfer_shares` does), and the next vault's id must stay free for its LRT.
//!
//! Tested by `tests::griefing::lrt_ids_cannot_be_created_or_touched_outside_the_vault_pallet`
//! (every `pallet-assets` call on an LRT id, alone and in a batch), and by the randomised run
//! (`tests::random_operation`), whose attacker aims `pallet-assets` calls at LRT ids and which
//! checks after every call that each LRT's supply equals its vault's `total_shares`.

use super::restaking::LRT_ASSET_ID_OFFSET;
use crate::AssetId;
use polkadot_sdk::*;

/// LRT ids (`LRT_ASSET_ID_OFFSET..`) belong to the vault pallet alone: every `pallet-assets`
/// call naming one is refused, so nobody can
/// - create an asset at the next vault's LRT id (which would block `create_vault`),
/// - move or approve LRT around `Vaults::transfer_shares` (which settles LRT² rewards first),
/// - `touch` an account (a deposit that blocks `destroy_vault`), `refund` with a burn (LRT
///   supply would drift from the vault's `total_shares`), freeze, block or thaw holders,
///   change the metadata, team or minimum balance, or start destroying it.
///
/// Every `pallet-assets` call names its asset first, so the id is read from the call's
/// encoding: calls added to `pallet-assets` later are covered too. Every other call passes.
pub struct LrtMovesThroughVaults;
impl frame_support::traits::Contains<crate::RuntimeCall> for LrtMovesThroughVaults {
	fn contains(call: &crate::RuntimeCall) -> bool {
		use codec::{Compact, Decode, Encode};
		let crate::RuntimeCall::Assets(call) = call else { return true };
		// The call's encoding: its index, then `id: Compact<AssetId>`.
		call.using_encoded(|bytes| {
			let Some(mut args) = bytes.get(1..) else { return false };
			match Compact::<AssetId>::decode(&mut args) {
				Ok(Compact(id)) => id < LRT_ASSET_ID_OFFSET,
				Err(_) => false,
			}
		})
	}
}
