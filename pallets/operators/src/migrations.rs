//! Storage migrations of the operator pallet.

/// Version 1 → 2: every AVS and operator records the longest withdrawal delay of the vaults
/// that allocate to it ([`AvsExitDelay`](crate::AvsExitDelay),
/// [`OperatorExitDelay`](crate::OperatorExitDelay)), so their risk-raising changes wait for
/// the stake already behind them. One read of each allocation and its vault, one write per
/// AVS and operator that has one.
pub mod v2 {
	use crate::pallet::{Allocations, Config, Pallet};
	use polkadot_sdk::{
		frame_support::{
			migrations::VersionedMigration,
			pallet_prelude::*,
			traits::{Get, UncheckedOnRuntimeUpgrade},
		},
		frame_system,
	};
	#[cfg(feature = "try-runtime")]
	use {
		crate::pallet::{AvsExitDelay, OperatorExitDelay},
		alloc::vec::Vec,
		polkadot_sdk::sp_runtime::TryRuntimeError,
	};

	/// Fills the exit delays from the allocations that exist.
	pub struct RecordExitDelays<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for RecordExitDelays<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut allocations: u64 = 0;
			let keys: alloc::vec::Vec<_> = Allocations::<T>::iter_keys().collect();
			for (vault, operator, avs) in keys {
				Pallet::<T>::note_exit_delay(vault, &operator, avs);
				allocations = allocations.saturating_add(1);
			}
			T::DbWeight::get()
				.reads_writes(allocations.saturating_mul(4), allocations.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(Vec::new())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), TryRuntimeError> {
			use restake_primitives::traits::ExitDelays;
			for (vault, operator, avs) in Allocations::<T>::iter_keys() {
				let delay = T::Vaults::exit_delay(vault);
				ensure!(
					AvsExitDelay::<T>::get(avs) >= delay,
					"an AVS's exit delay was not recorded"
				);
				ensure!(
					OperatorExitDelay::<T>::get(&operator) >= delay,
					"an operator's exit delay was not recorded"
				);
			}
			Ok(())
		}
	}

	/// The versioned migration: runs once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		RecordExitDelays<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
