//! The operator pallet's hooks: `integrity_test` and `try_state`.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod hooks {
	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxVaultsPerPair::get() >= 1, "a pair needs room for one vault");
			assert!(T::MaxAllocationsPerVault::get() >= 1, "a vault needs room for one allocation");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
