//! The operator pallet's invariants (`try_state`).

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use restake_primitives::traits::{ExitDelays, VaultInspect};
use restake_primitives::{AvsId, VaultId};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut encumbered: BTreeMap<VaultId, (u128, u32)> = BTreeMap::new();
		for (operator, list) in VaultAllowlists::<T>::iter() {
			ensure!(Operators::<T>::contains_key(&operator), "allowlist of a missing operator");
			for (i, vault) in list.iter().enumerate() {
				ensure!(!list[..i].contains(vault), "allowlist names a vault twice");
			}
		}
		for ((vault, operator, avs), allocation) in Allocations::<T>::iter() {
			ensure!(T::Vaults::vault_exists(vault), "allocation of a missing vault");
			ensure!(Avss::<T>::contains_key(avs), "allocation to a missing AVS");
			ensure!(Operators::<T>::contains_key(&operator), "allocation to a missing operator");
			ensure!(OptIns::<T>::contains_key(avs, &operator), "allocation without opt-in");
			ensure!(
				PairVaults::<T>::get(&operator, avs).contains(&vault),
				"allocation missing from its pair's vault list"
			);
			let delay = T::Vaults::exit_delay(vault);
			ensure!(AvsExitDelay::<T>::get(avs) >= delay, "AVS exit delay below a backing vault's");
			ensure!(
				OperatorExitDelay::<T>::get(&operator) >= delay,
				"operator exit delay below a backing vault's"
			);
			let e = encumbered.entry(vault).or_default();
			e.0 = e.0.saturating_add(allocation.encumbered());
			e.1 = e.1.saturating_add(1);
		}
		for (vault, magnitudes) in VaultMagnitudes::<T>::iter() {
			let (sum, count) = encumbered.remove(&vault).unwrap_or_default();
			ensure!(sum == magnitudes.encumbered, "encumbered magnitude out of sync");
			ensure!(count == magnitudes.allocations, "allocation count out of sync");
			ensure!(magnitudes.encumbered <= magnitudes.max, "vault over-allocated");
			ensure!(magnitudes.max <= MAGNITUDE_ONE, "max magnitude above one");
		}
		ensure!(encumbered.values().all(|(sum, _)| *sum == 0), "allocations without magnitudes");
		for (operator, avs, vaults) in PairVaults::<T>::iter() {
			for vault in vaults {
				ensure!(
					Allocations::<T>::contains_key((vault, &operator, avs)),
					"pair lists a vault without allocation"
				);
			}
		}
		let mut per_avs: BTreeMap<AvsId, u32> = BTreeMap::new();
		let mut per_operator: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (avs, operator, _) in OptIns::<T>::iter() {
			ensure!(Avss::<T>::contains_key(avs), "opt-in to a missing AVS");
			*per_avs.entry(avs).or_default() += 1;
			*per_operator.entry(operator).or_default() += 1;
		}
		for avs in PendingAvsOwners::<T>::iter_keys().chain(PendingAvsRoles::<T>::iter_keys()) {
			ensure!(Avss::<T>::contains_key(avs), "pending role change of a missing AVS");
		}
		for (avs, info) in Avss::<T>::iter() {
			ensure!(avs < NextAvsId::<T>::get(), "AVS id at or above NextAvsId");
			ensure!(
				info.deposit > 0 || info.deregistered_at.is_some() || T::AvsDeposit::get() == 0,
				"a live AVS without its deposit"
			);
			ensure!(
				per_avs.get(&avs).copied().unwrap_or(0) == info.operator_count,
				"AVS operator count out of sync"
			);
		}
		for (operator, info) in Operators::<T>::iter() {
			ensure!(
				per_operator.get(&operator).copied().unwrap_or(0) == info.avs_count,
				"operator AVS count out of sync"
			);
		}
		ensure!(
			per_operator.keys().all(Operators::<T>::contains_key),
			"opt-in of a missing operator"
		);
		Ok(())
	}
}
