//! The ledger's invariants, checked by `try_state` (after every unit test, see
//! `mock::build_and_execute`).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	/// Checks the ledger's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::sp_runtime::TryRuntimeError;
		// Each AVS's weight is the sum of its pairs' weights.
		let mut weights: BTreeMap<AvsId, u128> = BTreeMap::new();
		for (_, pairs) in VaultPairs::<T>::iter() {
			for pair in pairs {
				let w = weights.entry(pair.avs).or_default();
				*w = w.saturating_add(pair.weight);
			}
		}
		for (avs, weight) in AvsWeights::<T>::iter() {
			if weights.get(&avs).copied().unwrap_or_default() != weight {
				return Err(TryRuntimeError::Other("AVS weight is not the sum of its pairs"));
			}
		}
		// Every pair is counted for its AVS, and owes each AVS programme ending after its last
		// sync; a closing programme is owed by some pair.
		let mut lasts: BTreeMap<AvsId, Vec<BlockNumberFor<T>>> = BTreeMap::new();
		for (_, pairs) in VaultPairs::<T>::iter() {
			for pair in pairs {
				lasts.entry(pair.avs).or_default().push(pair.last);
			}
		}
		for (avs, n) in AvsPairs::<T>::iter() {
			if lasts.get(&avs).map_or(0, |l| l.len() as u32) != n {
				return Err(TryRuntimeError::Other("AVS pair count is wrong"));
			}
		}
		for (avs, list) in AvsProgrammes::<T>::iter() {
			if lasts.get(&avs).is_some_and(|l| !l.is_empty()) && AvsPairs::<T>::get(avs) == 0 {
				return Err(TryRuntimeError::Other("AVS pairs not counted"));
			}
			for id in list {
				let p = Programmes::<T>::get(id)
					.ok_or(TryRuntimeError::Other("listed programme without a record"))?;
				let owing = lasts
					.get(&avs)
					.map_or(0, |l| l.iter().filter(|last| **last < p.end).count() as u32);
				if ProgrammePairs::<T>::get(id) != owing {
					return Err(TryRuntimeError::Other("programme debt count is wrong"));
				}
				if ClosingProgrammes::<T>::contains_key(id) && owing == 0 {
					return Err(TryRuntimeError::Other("closed programme nobody owes kept"));
				}
			}
		}
		// Streams: accrued ≤ amount, refunded ≤ unallocated ≤ accrued.
		let mut owed: BTreeMap<T::AssetKind, u128> = BTreeMap::new();
		for (_, s) in Streams::<T>::iter() {
			if s.accrued > s.amount || s.unallocated > s.accrued || s.refunded > s.unallocated {
				return Err(TryRuntimeError::Other("stream amounts out of order"));
			}
		}
		// Pools never hand out more than came in.
		for (_, _, pool) in AvsPools::<T>::iter() {
			if pool.credited > pool.distributed {
				return Err(TryRuntimeError::Other("AVS pool credited more than distributed"));
			}
		}
		for (_, _, pool) in VaultPools::<T>::iter() {
			if pool.settled > pool.credited {
				return Err(TryRuntimeError::Other("vault pool settled more than credited"));
			}
		}
		// A pool's beginning is recorded only while its source is listed.
		for (vault, source, _) in PoolsCreated::<T>::iter() {
			if !VaultSources::<T>::get(vault).contains(&source) {
				return Err(TryRuntimeError::Other("beginning recorded for an unlisted pool"));
			}
		}
		// A retired source waits only for LRT that exists, in the order it retired.
		for (vault, retired) in Retired::<T>::iter() {
			let shares = T::Vaults::total_shares(vault);
			let mut last = 0;
			for entry in &retired.entries {
				if entry.unsettled.is_zero() || entry.unsettled > shares {
					return Err(TryRuntimeError::Other("retired source waits for LRT it cannot"));
				}
				if entry.epoch <= last || entry.epoch > retired.epoch {
					return Err(TryRuntimeError::Other("retired sources out of order"));
				}
				if entry.pool.settled > entry.pool.credited {
					return Err(TryRuntimeError::Other("retired pool settled more than credited"));
				}
				last = entry.epoch;
			}
		}
		// Solvency: the account holds at least what is funded and not paid out, which is at
		// least what is owed as settled rewards.
		for (who, source, amount) in Earned::<T>::iter() {
			let _ = who;
			if let Some(asset) = source_asset(&source) {
				let o = owed.entry(asset).or_default();
				*o = o.saturating_add(amount);
			}
		}
		for (asset, totals) in Totals::<T>::iter() {
			let held = T::Assets::balance(asset.clone(), &Self::account_id());
			let outstanding = totals.funded.saturating_sub(totals.paid_out);
			if held < outstanding {
				return Err(TryRuntimeError::Other("ledger account holds less than outstanding"));
			}
			if owed.get(&asset).copied().unwrap_or_default() > outstanding {
				return Err(TryRuntimeError::Other("settled rewards exceed outstanding funds"));
			}
		}
		for (vault, _, drip) in VaultDrips::<T>::iter() {
			if !T::Vaults::vault_exists(vault) {
				return Err(TryRuntimeError::Other("rewards dripping to a vault that is gone"));
			}
			if drip.is_done() {
				return Err(TryRuntimeError::Other("an empty drip stored"));
			}
		}
		for (avs, n) in OpenBounties::<T>::iter() {
			let open = Bounties::<T>::iter_values().filter(|b| b.avs == avs).count() as u32;
			if open != n {
				return Err(TryRuntimeError::Other("open bounty count is wrong"));
			}
		}
		// A holder's two claim lists hold each vault once, and no vault in both
		// (`track_own` and `track_received` rely on it to skip writing them).
		for (who, own) in HolderVaults::<T>::iter() {
			let received = ReceivedVaults::<T>::get(&who);
			let distinct: alloc::collections::BTreeSet<_> =
				own.iter().chain(received.iter()).collect();
			if distinct.len() != own.len().saturating_add(received.len()) {
				return Err(TryRuntimeError::Other("a vault listed twice for a holder"));
			}
		}
		for (_, received) in ReceivedVaults::<T>::iter() {
			let distinct: alloc::collections::BTreeSet<_> = received.iter().collect();
			if distinct.len() != received.len() {
				return Err(TryRuntimeError::Other("a vault received twice for a holder"));
			}
		}
		Ok(())
	}
}
