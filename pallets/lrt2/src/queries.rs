//! Read-only queries for off-chain tools. (The view functions wallets call, which the runtime
//! APIs answer the same, are declared in `lib.rs`: a pallet section cannot hold them.)

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// What retired vault pools hold in `asset` beyond what their holders were settled: owed
	/// to LRT not settled yet, or rounding dust once it was (kept in [`RetiredDust`]).
	/// Iterates over every vault's retired sources: off-chain use only.
	pub fn retired_unsettled(asset: &T::AssetKind) -> u128 {
		Retired::<T>::iter_values()
			.flat_map(|retired| retired.entries.into_iter())
			.filter(|e| source_asset(&e.source).as_ref() == Some(asset))
			.map(|e| e.pool.credited.saturating_sub(e.pool.settled))
			.fold(RetiredDust::<T>::get(asset), |total, owed| total.saturating_add(owed))
	}
}
