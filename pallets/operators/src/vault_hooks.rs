//! What the vault pallet asks of the operator pallet about a vault's allocations.

use crate::pallet::*;
use restake_primitives::{traits::VaultAllocations, AvsId, VaultId};

impl<T: Config> VaultAllocations for Pallet<T> {
	fn has_allocations(vault: VaultId) -> bool {
		VaultMagnitudes::<T>::get(vault).allocations > 0
	}

	fn avs_exists(avs: AvsId) -> bool {
		Avss::<T>::contains_key(avs)
	}
}

impl<T: Config> Pallet<T> {
	/// For other pallets' benchmarks: a new AVS owned (and slashed, and resolved) by `owner`,
	/// who must hold its deposit.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn create_benchmark_avs(
		owner: &T::AccountId,
	) -> Result<AvsId, polkadot_sdk::sp_runtime::DispatchError> {
		let name: StringOf<T> = b"bench".to_vec().try_into().map_err(|_| Error::<T>::Overflow)?;
		Self::do_register_avs(
			owner.clone(),
			name.clone(),
			name,
			false,
			owner.clone(),
			Some(owner.clone()),
		)
	}
}
