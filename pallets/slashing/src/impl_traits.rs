//! What other pallets ask of slashing: the holds pending requests place on vaults and pairs
//! ([`SlashHolds`]), which delay their exits.

use crate::prelude::*;

impl<T: Config> SlashHolds<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn vault_held_since(vault: VaultId) -> Option<BlockNumberFor<T>> {
		let now = Self::now();
		VaultHolds::<T>::get(vault)
			.iter()
			.filter(|h| h.expires_at > now)
			.map(|h| h.requested_at)
			.min()
	}

	fn pair_held(operator: &T::AccountId, avs: AvsId, leaving_at: BlockNumberFor<T>) -> bool {
		let now = Self::now();
		PairHolds::<T>::get(avs, operator)
			.iter()
			.any(|h| h.expires_at > now && h.requested_at < leaving_at)
	}
}
