//! The slashing pallet's invariants, checked by `try_state` (after every unit test, see
//! `mock::build_and_execute`).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::{collections::btree_map::BTreeMap, vec::Vec};
		let mut per_avs: BTreeMap<AvsId, Vec<SlashId>> = BTreeMap::new();
		let mut per_vault: BTreeMap<VaultId, Vec<SlashId>> = BTreeMap::new();
		for (id, _) in SlashDeposits::<T>::iter() {
			ensure!(
				PendingSlashes::<T>::contains_key(id) || SlashHistory::<T>::contains_key(id),
				"a deposit held for a slash that is neither pending nor recorded"
			);
		}
		for (id, request) in PendingSlashes::<T>::iter() {
			ensure!(id < NextSlashId::<T>::get(), "pending slash id at or above NextSlashId");
			ensure!(T::Stake::avs_roles(request.avs).is_some(), "pending slash of a missing AVS");
			ensure!(!SlashHistory::<T>::contains_key(id), "pending slash already settled");
			ensure!(!request.fraction.is_zero(), "pending slash of nothing");
			ensure!(!request.captured.is_empty(), "pending slash that captured nothing");
			ensure!(
				request.requested_at <= request.executable_at
					&& request.executable_at < request.expires_at,
				"request deadlines out of order"
			);
			ensure!(
				request.expires_at
					<= request.executable_at.saturating_add(T::ExecutionDeadline::get()),
				"a request holds stake longer than its deadline"
			);
			ensure!(
				request.expires_at <= Self::now()
					|| PairHolds::<T>::get(request.avs, &request.operator)
						.iter()
						.any(|h| h.id == id),
				"live pending slash without its pair hold"
			);
			per_avs.entry(request.avs).or_default().push(id);
			for (vault, _) in &request.captured {
				per_vault.entry(*vault).or_default().push(id);
			}
		}
		for (avs, ids) in AvsRequests::<T>::iter() {
			ensure!(!ids.is_empty(), "empty request list stored");
			let mut ids = ids.into_inner();
			ids.sort();
			let mut expected = per_avs.remove(&avs).unwrap_or_default();
			expected.sort();
			ensure!(ids == expected, "pending requests per AVS out of sync");
		}
		ensure!(per_avs.values().all(|v| v.is_empty()), "pending slashes not indexed by AVS");
		for (operator, id, avs) in OperatorRequests::<T>::iter() {
			let request = PendingSlashes::<T>::get(id).ok_or("operator index of no request")?;
			ensure!(
				request.operator == operator && request.avs == avs,
				"operator index out of sync"
			);
		}
		for (id, request) in PendingSlashes::<T>::iter() {
			ensure!(
				OperatorRequests::<T>::contains_key(&request.operator, id),
				"pending slash not indexed by operator"
			);
		}
		let now = Self::now();
		for (vault, holds) in VaultHolds::<T>::iter() {
			ensure!(!holds.is_empty(), "empty hold list stored");
			let expected = per_vault.remove(&vault).unwrap_or_default();
			for hold in holds.iter() {
				// Expired holds may linger until pruned; live ones belong to pending requests
				// that captured the vault.
				ensure!(
					expected.contains(&hold.id)
						|| (!PendingSlashes::<T>::contains_key(hold.id) && hold.expires_at <= now),
					"vault hold of a request that is not pending for it"
				);
			}
			for id in expected {
				let live = PendingSlashes::<T>::get(id).is_some_and(|r| r.expires_at > now);
				ensure!(!live || holds.iter().any(|h| h.id == id), "captured vault without hold");
			}
		}
		for (_, ids) in per_vault {
			for id in ids {
				let live = PendingSlashes::<T>::get(id).is_some_and(|r| r.expires_at > now);
				ensure!(!live, "captured vault without holds");
			}
		}
		for (_, _, holds) in PairHolds::<T>::iter() {
			ensure!(!holds.is_empty(), "empty pair hold list stored");
			for hold in holds.iter() {
				ensure!(
					PendingSlashes::<T>::contains_key(hold.id) || hold.expires_at <= Self::now(),
					"live pair hold of a settled request"
				);
			}
		}
		for (id, escrow) in Escrows::<T>::iter() {
			ensure!(
				SlashHistory::<T>::get(id).is_some_and(|r| r.outcome == SlashOutcome::Executed),
				"escrow of a slash that was not executed"
			);
			ensure!(!escrow.held.is_empty(), "empty escrow");
		}
		Ok(())
	}
}
