//! The operator pallet's genesis config: AVSs, operators, opt-ins and allocations that exist
//! from the first block.
//!
//! A section of the [`pallet`](crate::pallet) module, imported into it by
//! `#[import_section]` in `lib.rs`: its items live in that module.

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod genesis {
	/// An AVS registered at genesis (ids 0, 1, … in order).
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisAvs<AccountId> {
		/// Its owner (holds the AVS deposit like any registrant).
		pub owner: AccountId,
		/// Display name.
		pub name: alloc::vec::Vec<u8>,
		/// Metadata URI.
		pub uri: alloc::vec::Vec<u8>,
		/// Whether operators need the owner's approval to opt in.
		pub requires_approval: bool,
		/// The account that may request slashes.
		pub slasher: AccountId,
		/// The account that may veto them, if any.
		pub resolver: Option<AccountId>,
	}

	/// An operator registered at genesis.
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisOperator<AccountId> {
		/// The operator's account (holds the operator deposit).
		pub account: AccountId,
		/// Display name.
		pub name: alloc::vec::Vec<u8>,
		/// Commission in parts per billion.
		pub commission_ppb: u32,
	}

	/// An active opt-in at genesis.
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisOptIn<AccountId> {
		/// The operator.
		pub operator: AccountId,
		/// The AVS it is opted in to.
		pub avs: AvsId,
	}

	/// An asset an AVS accepts from genesis, with its weight.
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisAcceptedAsset<AssetKind> {
		/// The AVS.
		pub avs: AvsId,
		/// The asset.
		pub asset: AssetKind,
		/// Its weight in parts per billion.
		pub weight_ppb: u32,
	}

	/// An allocation in force from genesis.
	#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
	#[serde(crate = "polkadot_sdk::frame_support::__private::serde")]
	#[serde(rename_all = "camelCase")]
	pub struct GenesisAllocation<AccountId> {
		/// The vault whose stake is allocated (its curator allocates).
		pub vault: VaultId,
		/// The operator.
		pub operator: AccountId,
		/// The AVS.
		pub avs: AvsId,
		/// The share of the vault's stake, in parts per billion.
		pub share_ppb: u32,
	}

	/// AVSs, operators, opt-ins and allocations that exist from the first block.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// AVSs, registered with ids 0, 1, … in order.
		pub avss: alloc::vec::Vec<GenesisAvs<T::AccountId>>,
		/// Operators.
		pub operators: alloc::vec::Vec<GenesisOperator<T::AccountId>>,
		/// Active opt-ins.
		pub opt_ins: alloc::vec::Vec<GenesisOptIn<T::AccountId>>,
		/// Accepted assets.
		pub accepted_assets: alloc::vec::Vec<GenesisAcceptedAsset<T::AssetKind>>,
		/// Allocations in force from genesis.
		pub allocations: alloc::vec::Vec<GenesisAllocation<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for avs in &self.avss {
				Pallet::<T>::do_register_avs(
					avs.owner.clone(),
					avs.name.clone().try_into().expect("genesis AVS name too long"),
					avs.uri.clone().try_into().expect("genesis AVS URI too long"),
					avs.requires_approval,
					avs.slasher.clone(),
					avs.resolver.clone(),
				)
				.expect("genesis AVS registers");
			}
			for accepted in &self.accepted_assets {
				Avss::<T>::mutate(accepted.avs, |a| {
					a.as_mut()
						.expect("genesis asset of a registered AVS")
						.accepted_assets
						.try_insert(
							accepted.asset.clone(),
							Perbill::from_parts(accepted.weight_ppb),
						)
						.expect("genesis accepted assets within MaxAcceptedAssets");
				});
			}
			for operator in &self.operators {
				Pallet::<T>::do_register_operator(
					operator.account.clone(),
					operator.name.clone().try_into().expect("genesis operator name too long"),
					Perbill::from_parts(operator.commission_ppb),
				)
				.expect("genesis operator registers");
			}
			for GenesisOptIn { operator, avs } in &self.opt_ins {
				OptIns::<T>::insert(avs, operator, OptInStatus::Active);
				Operators::<T>::mutate(operator, |o| {
					o.as_mut().expect("genesis opt-in of a registered operator").avs_count += 1
				});
				Avss::<T>::mutate(avs, |a| {
					a.as_mut().expect("genesis opt-in to a registered AVS").operator_count += 1
				});
			}
			for GenesisAllocation { vault, operator, avs, share_ppb: share } in &self.allocations {
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
