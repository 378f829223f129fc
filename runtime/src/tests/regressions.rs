//! Cases the randomised whole-system test (`random_operation/`) found, pinned on the real
//! runtime with the `development` genesis.

use super::dev_ext;
use crate::{RuntimeOrigin, System, Vaults};
use polkadot_sdk::{frame_support::assert_noop, sp_keyring::Sr25519Keyring as K};

/// A curator could destroy an emptied vault whose stake was still allocated, leaving the
/// operator pallet with allocations of a missing vault (and freeing the pair's vault slots
/// without the deallocation delay).
#[test]
fn an_allocated_vault_cannot_be_destroyed() {
	dev_ext().execute_with(|| {
		// Vault 0's only holder, Charlie, leaves entirely.
		let charlie = K::Charlie.to_account_id();
		let shares =
			<Vaults as restake_primitives::traits::VaultInspect<_, _>>::shares_of(0, &charlie);
		Vaults::request_withdrawal(RuntimeOrigin::signed(charlie.clone()), 0, shares)
			.expect("withdrawal requested");
		System::set_block_number(System::block_number() + 20);
		Vaults::claim_withdrawals(RuntimeOrigin::signed(charlie.clone()), 0, charlie.into())
			.expect("withdrawal claimed");
		assert_eq!(pallet_vaults::Vaults::<crate::Runtime>::get(0).unwrap().total_shares, 0);
		assert_noop!(
			Vaults::destroy_vault(RuntimeOrigin::signed(K::Alice.to_account_id()), 0),
			pallet_vaults::Error::<crate::Runtime>::VaultHasAllocations
		);
	});
}
