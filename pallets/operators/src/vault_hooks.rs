//! What the vault pallet asks of the operator pallet about a vault's allocations.

use crate::pallet::*;
use restake_primitives::{traits::VaultAllocations, VaultId};

impl<T: Config> VaultAllocations for Pallet<T> {
	fn has_allocations(vault: VaultId) -> bool {
		VaultMagnitudes::<T>::get(vault).allocations > 0
	}
}
