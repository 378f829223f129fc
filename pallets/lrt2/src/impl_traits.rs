//! What the vault and operator pallets call: the ledger settles holders before their LRT
//! changes ([`OnSharesChanged`]) and re-weighs a vault after its stake changes
//! ([`OnStakeChanged`]).

use crate::prelude::*;

impl<T: Config> OnSharesChanged<T::AccountId, u128> for Pallet<T> {
	fn before_shares_change(vault: VaultId, who: &T::AccountId, before: u128) -> Weight {
		// The holder's own action: track the vault for `claim`. A full list never blocks the
		// change: the holder is still settled here on every change of its shares, what is
		// settled is claimable whatever the lists hold, and `track_vault` makes room.
		if Self::track_own(who, vault).is_err() {
			log::debug!(target: "runtime::lrt2", "vault {vault} not tracked for a holder");
		}
		Self::sync_vault_once(vault)
			.saturating_add(Self::settle_holder(vault, who, before))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}

	fn before_shares_received(vault: VaultId, who: &T::AccountId, before: u128) -> Weight {
		// Not the holder's doing (anyone can send LRT dust to anyone): only the received list.
		Self::track_received(who, vault);
		Self::sync_vault_once(vault)
			.saturating_add(Self::settle_holder(vault, who, before))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}

	fn before_shares_change_weight() -> Weight {
		Self::sync_vault_weight(Self::max_pairs())
			.saturating_add(Self::settle_holder_weight())
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}

	fn on_vault_destroyed(vault: VaultId, curator: &T::AccountId) -> Weight {
		// A vault is destroyed only without shares, so its drips were waiting for holders
		// that will never come: what is left goes to the curator, claimable like any reward.
		let drips: Vec<_> = VaultDrips::<T>::drain_prefix(vault)
			.take(T::MaxRewardAssets::get() as usize)
			.collect();
		let n = drips.len() as u64;
		VaultPointsStake::<T>::remove(vault);
		// Without shares every holder has been settled from its retired sources: what is left
		// of them is rounding dust.
		for entry in Retired::<T>::take(vault).entries {
			Self::record_retired_dust(&entry.source, &entry.pool);
		}
		// At most one record per listed source.
		let _ = PoolsCreated::<T>::clear_prefix(vault, MaxVaultSources::<T>::get(), None);
		for (asset, drip) in drips {
			if drip.remaining.is_zero() {
				continue;
			}
			Earned::<T>::mutate(curator, Source::Vault { vault, asset: asset.clone() }, |e| {
				e.saturating_accrue(drip.remaining)
			});
			Self::deposit_event(Event::UnreleasedRewardsToCurator {
				vault,
				curator: curator.clone(),
				asset,
				amount: drip.remaining,
			});
		}
		// Its pairs (without allocations, they carry no stake) leave the ledger, and with them
		// their debt to the AVSs' programmes.
		let pairs = VaultPairs::<T>::take(vault);
		let p = pairs.len() as u64;
		for pair in pairs {
			if !pair.weight.is_zero() {
				// An AVS's weight is the sum of its pairs' (`try_state` checks it).
				AvsWeights::<T>::mutate(pair.avs, |w| *w = w.defensive_saturating_sub(pair.weight));
			}
			OperatorVaults::<T>::mutate(&pair.operator, |vaults| vaults.retain(|v| *v != vault));
			Self::count_pair(pair.avs, pair.last, false);
		}
		T::DbWeight::get()
			.reads_writes(n.saturating_add(2), n.saturating_mul(2).saturating_add(2))
			.saturating_add(Self::leave_weight(p))
			.saturating_add(Self::forget_pools_weight())
	}

	fn on_vault_destroyed_weight() -> Weight {
		let n = u64::from(T::MaxRewardAssets::get());
		T::DbWeight::get()
			.reads_writes(n.saturating_add(2), n.saturating_mul(2).saturating_add(2))
			.saturating_add(Self::leave_weight(u64::from(T::MaxPairsPerVault::get())))
			.saturating_add(Self::forget_pools_weight())
	}
}

impl<T: Config> OnStakeChanged for Pallet<T> {
	fn on_stake_changed(vault: VaultId) -> Weight {
		// One read for the check, counted in both branches' benchmarks.
		if VaultSyncedAt::<T>::get(vault) == Some(Self::now()) {
			Self::reweigh_vault(vault)
		} else {
			Self::sync_vault(vault)
		}
	}

	fn on_stake_changed_weight() -> Weight {
		Self::sync_vault_weight(Self::max_pairs())
	}
}
