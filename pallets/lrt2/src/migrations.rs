//! Storage migrations of the LRT² ledger.

/// Version 1 → 2: rewards are paid only in governance-listed assets ([`RewardAssets`]).
///
/// A chain upgrading from version 1 had no list: every funding would fail from the upgrade
/// on. The migration lists `Initial` (the runtime passes the native token and its listed
/// LSTs), so streams, bounties and vault rewards in those assets keep working; anything else
/// waits for governance to list it. Vault-reward sources in unlisted assets are dropped from
/// the vaults' source lists (one read and write per vault; vaults are few, each holds a
/// curator deposit). Entries already owed in any asset stay claimable.
///
/// [`RewardAssets`]: crate::RewardAssets
pub mod v2 {
	use crate::{
		pallet::{Config, MaxVaultSources, Pallet, RewardAssets, SourceOf, VaultSources},
		Source,
	};
	use alloc::vec::Vec;
	use polkadot_sdk::frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};

	/// The unversioned step; run it only through [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T, Initial>(core::marker::PhantomData<(T, Initial)>);

	impl<T: Config, Initial: Get<Vec<T::AssetKind>>> UncheckedOnRuntimeUpgrade
		for InnerMigrateV1ToV2<T, Initial>
	{
		fn on_runtime_upgrade() -> Weight {
			let listed: BoundedVec<_, T::MaxRewardAssets> =
				BoundedVec::truncate_from(Initial::get());
			log::info!(target: "runtime::lrt2", "v2: {} reward assets listed", listed.len());
			// Version 1 let anyone reward a vault in any asset: drop those sources in assets
			// that are not listed, so they cannot take the room listed rewards now have. What
			// they still owed holders (never a listed asset) stays in the ledger as dust.
			let mut vaults: u64 = 0;
			VaultSources::<T>::translate_values::<BoundedVec<SourceOf<T>, MaxVaultSources<T>>, _>(
				|mut sources| {
					vaults = vaults.saturating_add(1);
					sources.retain(|source| match source {
						Source::Vault { asset, .. } => listed.contains(asset),
						_ => true,
					});
					Some(sources)
				},
			);
			RewardAssets::<T>::put(listed);
			T::DbWeight::get().reads_writes(vaults, vaults.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			let listed = RewardAssets::<T>::get();
			ensure!(
				Initial::get().iter().all(|a| listed.contains(a)),
				"every initial reward asset is listed"
			);
			Ok(())
		}
	}

	/// Version 1 → 2, run once.
	pub type MigrateV1ToV2<T, Initial> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T, Initial>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
