//! Calls that name another account take an address (`MultiAddress`), as polkadot.js users
//! expect. The runtime resolves the account id form (`Id`, what polkadot.js sends for an SS58
//! string); every other form (an index: the runtime has no indices pallet; raw bytes; a 32- or
//! 20-byte address) fails with `CannotLookup` and changes nothing.

use super::{dev_ext, fixtures::signed};
use crate::{Operators, Vaults};
use polkadot_sdk::{
	frame_support::assert_noop,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{DispatchError, MultiAddress},
};

#[test]
fn an_account_id_resolves_and_no_other_address_form_does() {
	dev_ext().execute_with(|| {
		let charlie = K::Charlie.to_account_id();
		for unresolvable in [
			MultiAddress::Index(()),
			MultiAddress::Raw(AsRef::<[u8]>::as_ref(&charlie).to_vec()),
			MultiAddress::Address20([7; 20]),
			MultiAddress::Address32(charlie.clone().into()),
		] {
			assert_noop!(
				Vaults::claim_withdrawals(signed(K::Bob), 0, unresolvable.clone()),
				DispatchError::CannotLookup
			);
			assert_noop!(
				Vaults::propose_curator(signed(K::Alice), 0, unresolvable),
				DispatchError::CannotLookup
			);
		}
		// The account id resolves to Charlie, who has nothing queued: the claim is refused for
		// that reason, not for the address.
		assert_noop!(
			Vaults::claim_withdrawals(signed(K::Bob), 0, MultiAddress::Id(charlie)),
			pallet_vaults::Error::<crate::Runtime>::NothingToClaim
		);
		// The resolved account is the one named: DaveStash's opt-in to the Oracle AVS is active,
		// so its owner (Eve) approving it again is refused for that operator, not for another.
		assert_noop!(
			Operators::approve_operator(
				signed(K::Eve),
				crate::genesis_config_presets::ORACLE_AVS,
				MultiAddress::Id(K::DaveStash.to_account_id())
			),
			pallet_operators::Error::<crate::Runtime>::NoPendingOptIn
		);
	});
}
