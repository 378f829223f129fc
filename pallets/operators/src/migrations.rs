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

/// Version 2 → 3: operators no longer post a self-bond (it was never slashable, so it
/// protected no one). What an operator held as self-bond joins its deposit, still held, and
/// goes back with the deposit on `deregister_operator`. One read and one write per operator.
pub mod v3 {
	use crate::pallet::{Config, Operators, Pallet};
	use crate::types::OperatorInfo;
	use codec::{Decode, Encode};
	use polkadot_sdk::{
		frame_support::{
			migrations::VersionedMigration,
			pallet_prelude::*,
			traits::{Get, UncheckedOnRuntimeUpgrade},
		},
		frame_system::{self, pallet_prelude::BlockNumberFor},
		sp_runtime::Perbill,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// An operator as version 2 stored it.
	#[derive(Encode, Decode)]
	pub struct OperatorV2<BlockNumber, StringLimit: Get<u32>> {
		/// Display name.
		pub name: BoundedVec<u8, StringLimit>,
		/// Commission.
		pub commission: Perbill,
		/// Scheduled commission increase.
		pub pending_commission: Option<(Perbill, BlockNumber)>,
		/// The self-bond, held on top of the deposit.
		pub self_bond: u128,
		/// The registration deposit.
		pub deposit: u128,
		/// Opt-ins.
		pub avs_count: u32,
	}

	/// Folds each operator's self-bond into its deposit.
	pub struct FoldSelfBond<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for FoldSelfBond<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut operators: u64 = 0;
			Operators::<T>::translate::<OperatorV2<BlockNumberFor<T>, T::StringLimit>, _>(
				|_, old| {
					operators = operators.saturating_add(1);
					Some(OperatorInfo {
						name: old.name,
						commission: old.commission,
						pending_commission: old.pending_commission,
						deposit: old.deposit.saturating_add(old.self_bond),
						avs_count: old.avs_count,
					})
				},
			);
			T::DbWeight::get().reads_writes(operators, operators)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok((Operators::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = u32::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
			ensure!(
				Operators::<T>::iter_values().count() as u32 == before,
				"an operator failed to decode after the migration"
			);
			Ok(())
		}
	}

	/// The versioned migration: runs once, from storage version 2 to 3.
	pub type MigrateV2ToV3<T> =
		VersionedMigration<2, 3, FoldSelfBond<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
