//! The operator pallet's genesis config: AVSs, operators, opt-ins and allocations that exist
//! from the first block.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod genesis {
	/// AVSs, operators, opt-ins and allocations that exist from the first block.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// AVSs `(owner, name, uri, requires_approval, slasher, resolver)`, ids 0, 1, ….
		#[allow(clippy::type_complexity)]
		pub avss: alloc::vec::Vec<(
			T::AccountId,
			alloc::vec::Vec<u8>,
			alloc::vec::Vec<u8>,
			bool,
			T::AccountId,
			Option<T::AccountId>,
		)>,
		/// Operators `(account, name, commission in parts per billion)`.
		pub operators: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<u8>, u32)>,
		/// Active opt-ins `(operator, avs)`.
		pub opt_ins: alloc::vec::Vec<(T::AccountId, AvsId)>,
		/// Accepted assets `(avs, asset, weight in parts per billion)`.
		pub accepted_assets: alloc::vec::Vec<(AvsId, T::AssetKind, u32)>,
		/// Allocations in force from genesis `(vault, operator, avs, share in parts per billion)`.
		pub allocations: alloc::vec::Vec<(VaultId, T::AccountId, AvsId, u32)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (owner, name, uri, approval, slasher, resolver) in &self.avss {
				Pallet::<T>::do_register_avs(
					owner.clone(),
					name.clone().try_into().expect("genesis AVS name too long"),
					uri.clone().try_into().expect("genesis AVS URI too long"),
					*approval,
					slasher.clone(),
					resolver.clone(),
				)
				.expect("genesis AVS registers");
			}
			for (avs, asset, weight) in &self.accepted_assets {
				Avss::<T>::mutate(avs, |a| {
					a.as_mut()
						.expect("genesis asset of a registered AVS")
						.accepted_assets
						.try_insert(asset.clone(), Perbill::from_parts(*weight))
						.expect("genesis accepted assets within MaxAcceptedAssets");
				});
			}
			for (who, name, commission) in &self.operators {
				Pallet::<T>::do_register_operator(
					who.clone(),
					name.clone().try_into().expect("genesis operator name too long"),
					Perbill::from_parts(*commission),
				)
				.expect("genesis operator registers");
			}
			for (operator, avs) in &self.opt_ins {
				OptIns::<T>::insert(avs, operator, OptInStatus::Active);
				Operators::<T>::mutate(operator, |o| {
					o.as_mut().expect("genesis opt-in of a registered operator").avs_count += 1
				});
				Avss::<T>::mutate(avs, |a| {
					a.as_mut().expect("genesis opt-in to a registered AVS").operator_count += 1
				});
			}
			for (vault, operator, avs, share) in &self.allocations {
				let curator = T::Vaults::curator(*vault).expect("genesis allocation of a vault");
				Pallet::<T>::do_allocate(
					&curator,
					*vault,
					operator,
					*avs,
					Perbill::from_parts(*share),
				)
				.expect("genesis allocation is valid");
				Allocations::<T>::mutate((vault, operator, avs), |a| {
					if let Some(a) = a {
						// In force from the first block.
						let _ = a.settle(BlockNumberFor::<T>::max_value());
					}
				});
			}
		}
	}
}
