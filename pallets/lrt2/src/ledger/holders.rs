//! Settling holders: a holder's accrual in a vault (from its listed and retired sources),
//! and an account's vaults as a claim settles them (within a budget, resuming where the last
//! claim stopped).

use super::*;

impl<T: Config> Pallet<T> {
	/// Settles a holder's accruals in a vault at `shares` (its LRT before any change) and
	/// moves its snapshots to the current indexes: first from the sources retired since its
	/// last settlement, then from the listed ones. A snapshot taken before a pool began (at a
	/// lower retirement count) is of an older pool of the source: the holder, whose shares
	/// have not changed since, is owed this pool from its start. Returns the weight it used.
	pub(crate) fn settle_holder(vault: VaultId, who: &T::AccountId, shares: u128) -> Weight {
		let mut retired = Retired::<T>::get(vault);
		let since = HolderEpochs::<T>::get(vault, who);
		// Reads and writes beyond the benchmark: the retired list, the holder's count, the
		// beginning of each listed pool once the vault has retired, dust of cleared entries.
		let (mut reads, mut writes) = (2u64, 0u64);
		let crossed = Self::settle_retired(vault, who, shares, since, &mut retired);
		if crossed.settled > 0 {
			writes.saturating_inc();
		}
		reads.saturating_accrue(crossed.cleared.into());
		writes.saturating_accrue(crossed.cleared.into());
		let sources = VaultSources::<T>::get(vault);
		let settled_sources = (sources.len() as u32).saturating_add(crossed.settled);
		let has_retired = !retired.epoch.is_zero();
		for source in sources {
			let mut pool = VaultPools::<T>::get(vault, &source);
			let created = if has_retired {
				reads.saturating_inc();
				PoolsCreated::<T>::get(vault, &source).unwrap_or_default()
			} else {
				0
			};
			let key = (vault, who.clone(), source.clone());
			let stored = HolderSnapshots::<T>::get(&key);
			let snapshot = if since >= created { stored } else { RewardIndex::default() };
			let amount = pool.index.accrued_since(snapshot, shares);
			if !amount.is_zero() {
				pool.settled = pool.settled.saturating_add(amount);
				VaultPools::<T>::insert(vault, &source, pool);
				Self::accrue_to(who, source, amount);
			}
			if pool.index != stored {
				HolderSnapshots::<T>::insert(&key, pool.index);
			}
		}
		if since != retired.epoch {
			HolderEpochs::<T>::insert(vault, who, retired.epoch);
			writes.saturating_inc();
		}
		T::WeightInfo::settle_holder(settled_sources)
			.saturating_add(T::DbWeight::get().reads_writes(reads, writes))
	}

	/// Settles `who` (holding `shares`, unchanged since its last settlement at retirement
	/// count `since`) from every source retired since then, oldest first, and removes its
	/// snapshots of them. An entry all of whose LRT has been settled goes (its dust recorded).
	/// Stores `retired` if it changed.
	fn settle_retired(
		vault: VaultId,
		who: &T::AccountId,
		shares: u128,
		since: u32,
		retired: &mut RetiredSourcesOf<T>,
	) -> Crossed {
		let mut crossed = Crossed::default();
		if retired.entries.is_empty() || since >= retired.epoch {
			return crossed;
		}
		for entry in retired.entries.iter_mut().filter(|e| e.epoch > since) {
			crossed.settled.saturating_inc();
			let stored = HolderSnapshots::<T>::take((vault, who.clone(), entry.source.clone()));
			if shares.is_zero() {
				continue;
			}
			let snapshot = if since >= entry.created { stored } else { RewardIndex::default() };
			let amount = entry.pool.index.accrued_since(snapshot, shares);
			entry.pool.settled = entry.pool.settled.saturating_add(amount);
			entry.unsettled = entry.unsettled.saturating_sub(shares);
			Self::accrue_to(who, entry.source.clone(), amount);
		}
		if crossed.settled.is_zero() {
			return crossed;
		}
		// The cleared entries leave the list in place: it only shrinks, so nothing waiting can
		// be lost to its bound.
		let cleared: Vec<_> =
			retired.entries.iter().filter(|e| e.unsettled.is_zero()).cloned().collect();
		retired.entries.retain(|e| !e.unsettled.is_zero());
		for entry in cleared {
			crossed.cleared.saturating_inc();
			Self::record_retired_dust(&entry.source, &entry.pool);
			Self::deposit_event(Event::RetiredSourceCleared { vault, source: entry.source });
		}
		Retired::<T>::insert(vault, &*retired);
		crossed
	}

	/// Adds a settled `amount` from `source` to what `who` may claim (or to its points).
	pub(crate) fn accrue_to(who: &T::AccountId, source: SourceOf<T>, amount: u128) {
		if amount.is_zero() {
			return;
		}
		match source {
			Source::Points { programme } => {
				Points::<T>::mutate(who, programme, |p| p.saturating_accrue(amount))
			},
			_ => Earned::<T>::mutate(who, source, |e| e.saturating_accrue(amount)),
		}
	}

	/// Brings `vault` up to date (once per block) and settles `who` there at `shares`: what
	/// a claim does per vault, and `settle` for anyone. Returns the weight it used.
	pub(crate) fn settle_in(vault: VaultId, who: &T::AccountId, shares: u128) -> Weight {
		Self::sync_vault_once(vault).saturating_add(Self::settle_holder(vault, who, shares))
	}

	/// Syncs every vault `who` holds earning LRT in and settles it there; drops vaults it no
	/// longer holds LRT in; syncs the vaults backing its pairs if it is an operator. Returns
	/// the weight of those syncs and settlements, and how many vaults it went through. (The
	/// runtime APIs' view: unbounded by any budget, from the first vault.)
	pub(crate) fn settle_account(who: &T::AccountId) -> (Weight, u32) {
		let settled = Self::settle_account_within(who, None);
		(settled.weight, settled.touched)
	}

	/// [`Self::settle_account`] within `budget`, going on from `round` (the previous
	/// claim's stop, if any): first the round's vaults after `round.last`, up to `round.end`;
	/// then a new round from the lowest id, skipping those already settled in this call. It
	/// stops before the first vault whose worst case ([`Self::claim_vault_weight`]) would take
	/// the weight used past the budget (a budget below one vault's worst case still settles
	/// one), and says where the next claim goes on from.
	pub(crate) fn settle_account_within(
		who: &T::AccountId,
		budget: Option<(Weight, Option<ClaimRound>)>,
	) -> AccountSettlement {
		let own = HolderVaults::<T>::get(who);
		let received = ReceivedVaults::<T>::get(who);
		let operated = OperatorVaults::<T>::get(who);
		// Each vault once: as a holder's (settled, which syncs it) if it is one, else as an
		// operator's (synced, which credits the commission).
		let mut units: Vec<(VaultId, bool)> = own
			.iter()
			.chain(received.iter())
			.map(|vault| (*vault, true))
			.chain(operated.iter().map(|vault| (*vault, false)))
			.collect();
		units.sort_by_key(|(vault, as_holder)| (*vault, !*as_holder));
		units.dedup_by_key(|(vault, _)| *vault);
		let highest = units.last().map_or(0, |(vault, _)| *vault);
		// Each vault with the end of the round it is settled in: first the rest of the
		// previous claim's round, then a new round up to the highest id.
		let round = budget.and_then(|(_, round)| round);
		let in_round = |vault: VaultId| round.is_some_and(|r| r.last < vault && vault <= r.end);
		let order: Vec<(VaultId, bool, VaultId)> = units
			.iter()
			.filter(|(vault, _)| in_round(*vault))
			.map(|(vault, holder)| (*vault, *holder, round.map_or(highest, |r| r.end)))
			.chain(
				units
					.iter()
					.filter(|(vault, _)| !in_round(*vault))
					.map(|(vault, holder)| (*vault, *holder, highest)),
			)
			.collect();
		let per_vault = Self::claim_vault_weight();
		let mut left = Vec::new();
		let mut weight = Weight::zero();
		let mut touched = 0u32;
		let mut next = None;
		for (i, (vault, as_holder, _)) in order.iter().copied().enumerate() {
			if let Some((budget, _)) = budget {
				if i > 0 && weight.saturating_add(per_vault).any_gt(budget) {
					let (last, _, end) = order[i - 1];
					next = Some(ClaimRound { last, end });
					break;
				}
			}
			touched.saturating_inc();
			if !as_holder {
				weight.saturating_accrue(Self::sync_vault_once(vault));
				continue;
			}
			let shares = T::Vaults::shares_of(vault, who);
			weight.saturating_accrue(Self::settle_in(vault, who, shares));
			if shares.is_zero() {
				let sources = VaultSources::<T>::get(vault);
				weight.saturating_accrue(
					T::DbWeight::get().reads_writes(1, (sources.len() as u64).saturating_add(1)),
				);
				for source in sources {
					HolderSnapshots::<T>::remove((vault, who.clone(), source));
				}
				HolderEpochs::<T>::remove(vault, who);
				left.push(vault);
			}
		}
		if !left.is_empty() {
			weight.saturating_accrue(T::DbWeight::get().writes(2));
			HolderVaults::<T>::mutate_exists(who, |list| {
				if let Some(l) = list {
					l.retain(|v| !left.contains(v));
					if l.is_empty() {
						*list = None;
					}
				}
			});
			ReceivedVaults::<T>::mutate_exists(who, |list| {
				if let Some(l) = list {
					l.retain(|v| !left.contains(v));
					if l.is_empty() {
						*list = None;
					}
				}
			});
		}
		AccountSettlement { weight, touched, next, dropped: left.len() as u32 }
	}
}

/// What a holder settlement did with the vault's retired sources.
#[derive(Default)]
struct Crossed {
	/// Entries it settled the holder from.
	settled: u32,
	/// Entries it cleared (all their LRT settled).
	cleared: u32,
}

/// What a settlement of an account's vaults did.
pub(crate) struct AccountSettlement {
	/// The weight of its syncs and settlements.
	pub weight: Weight,
	/// How many vaults it went through.
	pub touched: u32,
	/// Where the next claim goes on from, when it stopped at its budget with vaults left
	/// (`None`: it went through every vault of the caller).
	pub next: Option<ClaimRound>,
	/// How many vaults it dropped from the caller's lists (no LRT left there).
	pub dropped: u32,
}
