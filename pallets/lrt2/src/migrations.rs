//! Storage migrations of the LRT² ledger.

/// Version 1 → 2: rewards are paid only in governance-listed assets ([`RewardAssets`]).
///
/// A chain upgrading from version 1 had no list: every funding would fail from the upgrade
/// on. The migration lists `Initial` (the runtime passes the native token and its listed
/// LSTs), so streams, bounties and vault rewards in those assets keep working; anything else
/// waits for governance to list it. Vault-reward sources in unlisted assets are dropped from
/// the vaults' source lists, and every (vault, operator, AVS) pair records the commission its
/// accruals are shared at (one read and write per vault; vaults are few, each holds a curator
/// deposit). Entries already owed in any asset stay claimable.
///
/// [`RewardAssets`]: crate::RewardAssets
pub mod v2 {
	use crate::{
		pallet::{
			Config, MaxVaultSources, PairStateOf, Pallet, RewardAssets, SourceOf, VaultPairs,
			VaultSources,
		},
		PairState, RewardIndex, Source,
	};
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use polkadot_sdk::frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
	use restake_primitives::{traits::StakeInspect, AvsId};

	/// A pair as stored at version 1: [`PairState`] without `commission`.
	#[derive(Encode, Decode)]
	pub struct PairStateV1<AccountId, AssetKind, BlockNumber, MaxAssets: Get<u32>> {
		operator: AccountId,
		avs: AvsId,
		weight: u128,
		last: BlockNumber,
		snapshots: BoundedVec<(AssetKind, RewardIndex), MaxAssets>,
	}

	/// A version-1 pair of runtime `T`.
	pub type PairStateV1Of<T> = PairStateV1<
		<T as polkadot_sdk::frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BlockNumberFor<T>,
		<T as Config>::MaxRewardAssets,
	>;

	impl<A, K, B, M: Get<u32>> PairStateV1<A, K, B, M> {
		/// Builds a version-1 pair (for tests of this migration).
		pub fn downgrade(pair: PairState<A, K, B, M>) -> Self {
			let PairState { operator, avs, weight, last, snapshots, .. } = pair;
			Self { operator, avs, weight, last, snapshots }
		}
	}

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
			// Pairs gain the commission their accruals are shared at: the operator's current
			// one (version 1 applied the current rate at every sync too).
			let mut pair_lists: u64 = 0;
			VaultPairs::<T>::translate::<BoundedVec<PairStateV1Of<T>, T::MaxPairsPerVault>, _>(
				|_, old| {
					pair_lists = pair_lists.saturating_add(1);
					let pairs: Vec<PairStateOf<T>> = old
						.into_iter()
						.map(|p| PairState {
							commission: T::Stake::commission(&p.operator),
							operator: p.operator,
							avs: p.avs,
							weight: p.weight,
							last: p.last,
							snapshots: p.snapshots,
						})
						.collect();
					Some(BoundedVec::truncate_from(pairs))
				},
			);
			T::DbWeight::get().reads_writes(
				vaults.saturating_add(
					pair_lists.saturating_mul(1 + T::MaxPairsPerVault::get() as u64),
				),
				vaults.saturating_add(pair_lists).saturating_add(1),
			)
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

/// Version 2 → 3: AVS programmes can be closed once ended ([`close_programme`]).
///
/// A closed programme must still credit the pairs that have not synced past its end, so the
/// ledger counts the pairs of each AVS ([`AvsPairs`]) and, per AVS programme, the pairs not
/// yet credited up to its end ([`ProgrammePairs`]). The migration counts them from the pairs'
/// last syncs (one read per vault and per AVS programme; vaults are few, each holds a curator
/// deposit).
///
/// [`close_programme`]: crate::Call::close_programme
/// [`AvsPairs`]: crate::AvsPairs
/// [`ProgrammePairs`]: crate::ProgrammePairs
pub mod v3 {
	use crate::pallet::{
		AvsPairs, AvsProgrammes, AvsWeights, Config, OperatorVaults, Pallet, ProgrammePairs,
		Programmes, VaultPairs,
	};
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use polkadot_sdk::frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
	use polkadot_sdk::sp_runtime::Saturating;
	use restake_primitives::{traits::VaultInspect, AvsId};

	/// The unversioned step; run it only through [`MigrateV2ToV3`].
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			// The last sync of every pair, by AVS.
			let mut lasts: BTreeMap<AvsId, Vec<BlockNumberFor<T>>> = BTreeMap::new();
			let mut gone = Vec::new();
			for (vault, pairs) in VaultPairs::<T>::iter() {
				reads.saturating_accrue(2);
				// Version 2 kept the pairs of destroyed vaults (nothing can sync them): they
				// leave the ledger now instead of owing every future programme.
				if !T::Vaults::vault_exists(vault) {
					gone.push((vault, pairs));
					continue;
				}
				for pair in pairs {
					lasts.entry(pair.avs).or_default().push(pair.last);
				}
			}
			for (vault, pairs) in gone {
				VaultPairs::<T>::remove(vault);
				for pair in pairs {
					AvsWeights::<T>::mutate(pair.avs, |w| *w = w.saturating_sub(pair.weight));
					OperatorVaults::<T>::mutate(&pair.operator, |v| v.retain(|id| *id != vault));
					reads.saturating_accrue(2);
					writes.saturating_accrue(2);
				}
				writes.saturating_inc();
			}
			for (avs, lasts) in lasts {
				AvsPairs::<T>::insert(avs, lasts.len() as u32);
				writes.saturating_inc();
				for id in AvsProgrammes::<T>::get(avs) {
					reads.saturating_accrue(2);
					let Some(programme) = Programmes::<T>::get(id) else { continue };
					let owing = lasts.iter().filter(|last| **last < programme.end).count();
					if owing > 0 {
						ProgrammePairs::<T>::insert(id, owing as u32);
						writes.saturating_inc();
					}
				}
			}
			log::info!(target: "runtime::lrt2", "v3: {writes} pair counts recorded");
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Version 2 → 3, run once.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
