//! The vault pallet's hooks: `integrity_test` and `try_state`.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod hooks {
	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::VirtualShares::get() >= 1, "VirtualShares must be at least 1");
			assert!(
				!T::RiskChangeExtraDelay::get().is_zero(),
				"risk changes must wait longer than withdrawals"
			);
			assert!(T::MaxWithdrawalRequests::get() >= 1, "holders need a withdrawal slot");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
