//! Storage migrations of the slashing pallet.

/// Version 1 → 2: requests capture stake and hold it, expire, and escrow their funds.
///
/// A version-1 pending request recorded only the vaults that backed the pair, and blocked every
/// claim of those vaults. Each one becomes a version-2 request that keeps its block and
/// captures the stake the pair holds at the upgrade (stake could not leave while it was pending
/// under version 1 either), with the destination of the policy in force and a deadline
/// `ExecutionDeadline` after its veto window ends (or after the upgrade, if that has passed), and
/// holds that stake: no window opens at the upgrade for holders or allocations to leave. A
/// request that captures nothing, or finds its indexes full, is voided (recorded as
/// [`SlashOutcome::Voided`](crate::SlashOutcome::Voided) with a `SlashVoided` event). The
/// version-1 counters (`PendingPerAvs`, `PendingPerVault`, `OperatorSlashState`) are removed.
/// Pending requests are bounded (`MaxPendingPerAvs` per AVS); the migration weighs, per
/// request, the capture of at most `MaxVaultsPerSlash` vaults and a write per index.
pub mod v2 {
	use crate::{
		pallet::{Config, Event, Pallet, SlashHistory},
		types::{ReasonOf, SlashId, SlashOutcome, SlashRecord},
	};
	use codec::{Decode, Encode};
	use polkadot_sdk::{
		frame_support::{
			migrations::VersionedMigration,
			pallet_prelude::*,
			storage_alias,
			traits::{Get, UncheckedOnRuntimeUpgrade},
			BoundedVec,
		},
		frame_system::{self, pallet_prelude::BlockNumberFor},
		sp_core::H256,
		sp_runtime::Perbill,
	};
	use restake_primitives::{AvsId, VaultId};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// A pending request as stored at storage version 1.
	#[derive(Clone, Debug, Encode, Decode)]
	pub struct RequestV1<AccountId, BlockNumber, ReasonLimit: Get<u32>, MaxVaults: Get<u32>> {
		/// The AVS.
		pub avs: AvsId,
		/// The operator.
		pub operator: AccountId,
		/// The fraction.
		pub fraction: Perbill,
		/// The evidence hash.
		pub evidence: H256,
		/// The reason.
		pub reason: ReasonOf<ReasonLimit>,
		/// Its block.
		pub requested_at: BlockNumber,
		/// When it could execute.
		pub executable_at: BlockNumber,
		/// The vaults that backed the pair.
		pub vaults: BoundedVec<VaultId, MaxVaults>,
	}

	/// A version-1 request of runtime `T`.
	pub type RequestV1Of<T> = RequestV1<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::ReasonLimit,
		<T as Config>::MaxVaultsPerSlash,
	>;

	#[storage_alias]
	type PendingSlashes<T: Config> = StorageMap<Pallet<T>, Twox64Concat, SlashId, RequestV1Of<T>>;
	#[storage_alias]
	type PendingPerAvs<T: Config> = StorageMap<Pallet<T>, Twox64Concat, AvsId, u32, ValueQuery>;
	#[storage_alias]
	type PendingPerVault<T: Config> = StorageMap<Pallet<T>, Twox64Concat, VaultId, u32, ValueQuery>;
	#[storage_alias]
	type OperatorSlashState<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Twox64Concat,
		AvsId,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		(BlockNumberFor<T>, BlockNumberFor<T>, Perbill),
	>;

	/// Voids the version-1 pending requests and drops the version-1 counters.
	pub struct VoidV1Requests<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for VoidV1Requests<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let (mut kept, mut voided): (u64, u64) = (0, 0);
			for (id, old) in PendingSlashes::<T>::drain() {
				let restored = Pallet::<T>::restore_request(
					id,
					old.avs,
					old.operator.clone(),
					old.fraction,
					old.evidence,
					old.reason,
					old.requested_at,
					old.executable_at.max(now),
				);
				if restored {
					kept = kept.saturating_add(1);
					continue;
				}
				SlashHistory::<T>::insert(
					id,
					SlashRecord {
						avs: old.avs,
						operator: old.operator,
						fraction: old.fraction,
						outcome: SlashOutcome::Voided,
						settled_at: now,
						taken: BoundedVec::new(),
					},
				);
				Pallet::<T>::deposit_event(Event::<T>::SlashVoided { id });
				voided = voided.saturating_add(1);
			}
			let counters = PendingPerAvs::<T>::clear(u32::MAX, None).unique as u64
				+ PendingPerVault::<T>::clear(u32::MAX, None).unique as u64
				+ OperatorSlashState::<T>::clear(u32::MAX, None).unique as u64;
			log::info!(
				target: "runtime::slashing",
				"v2: {kept} version-1 pending requests now capture and hold stake, {voided} voided, {counters} counters removed"
			);
			let vaults = u64::from(<T as Config>::MaxVaultsPerSlash::get());
			let requests = kept.saturating_add(voided);
			T::DbWeight::get().reads_writes(
				requests
					.saturating_mul(vaults.saturating_mul(4).saturating_add(4))
					.saturating_add(counters),
				requests.saturating_mul(vaults.saturating_add(4)).saturating_add(counters),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let ids: Vec<SlashId> = PendingSlashes::<T>::iter_keys().collect();
			Ok(ids.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let ids = Vec::<SlashId>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			for id in ids {
				let voided =
					SlashHistory::<T>::get(id).is_some_and(|r| r.outcome == SlashOutcome::Voided);
				let pending = crate::PendingSlashes::<T>::get(id)
					.is_some_and(|r| !r.captured.is_empty() && r.expires_at > r.executable_at);
				ensure!(voided || pending, "a version-1 request was neither kept nor voided");
			}
			ensure!(PendingPerAvs::<T>::iter_keys().next().is_none(), "v1 counters survived");
			ensure!(PendingPerVault::<T>::iter_keys().next().is_none(), "v1 counters survived");
			Ok(())
		}
	}

	/// The versioned migration: runs once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		VoidV1Requests<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2 → 3: pending requests are indexed by operator ([`OperatorRequests`]), so
/// `pending_slashes` filtered by an operator reads only that operator's requests. Indexes every
/// request pending at the upgrade (at most `MaxPendingPerAvs` per AVS): one read and one write
/// each.
///
/// [`OperatorRequests`]: crate::OperatorRequests
pub mod v3 {
	use crate::pallet::{Config, OperatorRequests, Pallet, PendingSlashes};
	use polkadot_sdk::frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// Indexes the pending requests by operator.
	pub struct IndexRequestsByOperator<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for IndexRequestsByOperator<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut indexed: u64 = 0;
			for (id, request) in PendingSlashes::<T>::iter() {
				OperatorRequests::<T>::insert(&request.operator, id, request.avs);
				indexed = indexed.saturating_add(1);
			}
			log::info!(target: "runtime::slashing", "v3: {indexed} pending requests indexed by operator");
			T::DbWeight::get().reads_writes(indexed.saturating_add(1), indexed.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(Vec::new())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), TryRuntimeError> {
			for (id, request) in PendingSlashes::<T>::iter() {
				ensure!(
					OperatorRequests::<T>::get(&request.operator, id) == Some(request.avs),
					"a pending request is not indexed by its operator"
				);
			}
			Ok(())
		}
	}

	/// The versioned migration: runs once, from storage version 2 to 3.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		IndexRequestsByOperator<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
