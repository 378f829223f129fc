//! Storage migrations of the vault pallet.

/// Version 1 → 2: every vault gains its lifetime [`VaultFlows`](crate::types::VaultFlows).
///
/// A vault that exists at the upgrade opens its ledger with `deposited` = the assets it
/// accounts for (`total_assets + queued_assets`) and nothing rewarded, withdrawn or slashed,
/// so the flow invariant holds from the first block of version 2. Translates every vault in
/// one block: vaults are few (each holds a curator deposit) and the migration's weight is
/// one read and one write per vault.
pub mod v2 {
	use crate::{
		pallet::{Config, Pallet, Vaults},
		types::{PauseState, Vault, VaultFlows, VaultParams},
		AssetKindOf,
	};
	use codec::{Decode, Encode};
	use polkadot_sdk::{
		frame_support::{
			migrations::VersionedMigration,
			pallet_prelude::*,
			traits::{Get, UncheckedOnRuntimeUpgrade},
			BoundedBTreeMap,
		},
		frame_system::pallet_prelude::BlockNumberFor,
		sp_runtime::Perbill,
	};
	use restake_primitives::AvsId;
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// A vault as stored at storage version 1: [`Vault`] without `flows` (the same fields in
	/// the same order).
	#[derive(Clone, Debug, Encode, Decode)]
	pub struct VaultV1<AccountId, AssetKind, AssetId, BlockNumber, MaxAllowedAvs: Get<u32>> {
		curator: AccountId,
		pending_curator: Option<AccountId>,
		asset: AssetKind,
		lrt: AssetId,
		total_assets: u128,
		total_shares: u128,
		queued_assets: u128,
		queued_units: u128,
		params: VaultParams<BlockNumber>,
		pending_fee: Option<(Perbill, BlockNumber)>,
		allowed_avs: BoundedBTreeMap<AvsId, BlockNumber, MaxAllowedAvs>,
		pause: PauseState,
		deposit: u128,
		seed: u128,
	}

	/// A version-1 vault of runtime `T`.
	pub type VaultV1Of<T> = VaultV1<
		<T as polkadot_sdk::frame_system::Config>::AccountId,
		AssetKindOf<T>,
		<T as Config>::AssetId,
		BlockNumberFor<T>,
		<T as Config>::MaxAllowedAvs,
	>;

	impl<A, K, I, B, M: Get<u32>> VaultV1<A, K, I, B, M> {
		/// The version-2 vault: flows open with the assets accounted for at the upgrade.
		pub fn upgrade(self) -> Vault<A, K, I, B, M> {
			let flows = VaultFlows {
				deposited: self.total_assets.saturating_add(self.queued_assets),
				..Default::default()
			};
			Vault {
				curator: self.curator,
				pending_curator: self.pending_curator,
				asset: self.asset,
				lrt: self.lrt,
				total_assets: self.total_assets,
				total_shares: self.total_shares,
				queued_assets: self.queued_assets,
				queued_units: self.queued_units,
				params: self.params,
				pending_fee: self.pending_fee,
				allowed_avs: self.allowed_avs,
				pause: self.pause,
				deposit: self.deposit,
				seed: self.seed,
				flows,
			}
		}

		/// The version-1 layout of a version-2 vault (tests write old state with it).
		pub fn downgrade(vault: Vault<A, K, I, B, M>) -> Self {
			VaultV1 {
				curator: vault.curator,
				pending_curator: vault.pending_curator,
				asset: vault.asset,
				lrt: vault.lrt,
				total_assets: vault.total_assets,
				total_shares: vault.total_shares,
				queued_assets: vault.queued_assets,
				queued_units: vault.queued_units,
				params: vault.params,
				pending_fee: vault.pending_fee,
				allowed_avs: vault.allowed_avs,
				pause: vault.pause,
				deposit: vault.deposit,
				seed: vault.seed,
			}
		}
	}

	/// The unversioned step; run it only through [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut translated: u64 = 0;
			Vaults::<T>::translate::<VaultV1Of<T>, _>(|_, old| {
				translated = translated.saturating_add(1);
				Some(old.upgrade())
			});
			log::info!(target: "runtime::vaults", "v2: {translated} vaults gained flows");
			T::DbWeight::get().reads_writes(translated, translated)
		}

		/// Records every vault in its version-1 layout.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let mut old: Vec<(restake_primitives::VaultId, VaultV1Of<T>)> = Vec::new();
			for key in Vaults::<T>::iter_keys() {
				let raw = polkadot_sdk::frame_support::storage::unhashed::get_raw(
					&Vaults::<T>::hashed_key_for(key),
				)
				.ok_or("vault key without value")?;
				let vault = VaultV1Of::<T>::decode(&mut &raw[..])
					.map_err(|_| "a vault does not decode as version 1")?;
				old.push((key, vault));
			}
			Ok(old.encode())
		}

		/// Every vault kept every field, and its flows open with exactly its assets.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let old = Vec::<(restake_primitives::VaultId, VaultV1Of<T>)>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade state does not decode")?;
			ensure!(Vaults::<T>::iter_keys().count() == old.len(), "the number of vaults changed");
			for (id, before) in old {
				let after: crate::VaultOf<T> = Vaults::<T>::get(id).ok_or("a vault disappeared")?;
				let opening = before.total_assets.saturating_add(before.queued_assets);
				ensure!(
					after.flows == VaultFlows { deposited: opening, ..Default::default() },
					"flows do not open with the vault's assets"
				);
				ensure!(
					VaultV1::downgrade(after).encode() == before.encode(),
					"a vault field changed"
				);
			}
			ensure!(Pallet::<T>::on_chain_storage_version() == 2, "storage version not 2");
			Ok(())
		}
	}

	/// Migrates the vault pallet from storage version 1 to 2 once; a no-op at any other
	/// on-chain version.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
