//! The accrual core: AVS indexes, pair settlement, vault indexes, holder settlement.
//!
//! Work per call is bounded by the vault's pairs × the AVS's assets and programmes, and by
//! the vault's sources: never by holders or by past distributions.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::{Saturating, Zero},
};
use restake_primitives::{
	traits::{StakeInspect, VaultInspect},
	AvsId, VaultId,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		polkadot_sdk::frame_system::Pallet::<T>::block_number()
	}

	/// Brings the (AVS, asset) index up to `now`: pays each running stream of that asset for
	/// the blocks since the last update, to the AVS's total weight or, if there is none, to
	/// the streams' unallocated amounts. Idempotent within a block.
	pub(crate) fn accrue_pool(avs: AvsId, asset: &T::AssetKind) -> AvsPool<BlockNumberFor<T>> {
		let now = Self::now();
		let mut pool = AvsPools::<T>::get(avs, asset);
		if pool.last == now {
			return pool;
		}
		let weight = AvsWeights::<T>::get(avs);
		let mut active = ActiveStreams::<T>::get(avs);
		let mut due_total: u128 = 0;
		let mut paying = Vec::new();
		for id in active.iter() {
			let Some(stream) = Streams::<T>::get(id) else { continue };
			if stream.asset != *asset {
				continue;
			}
			let due = stream.due_at(now).saturating_sub(stream.accrued);
			due_total = due_total.saturating_add(due);
			paying.push((*id, stream, due));
		}
		// Into the index if there is stake and the step fits, else set aside per stream.
		let index = if weight.is_zero() {
			None
		} else {
			RewardIndex::ratio(due_total, weight).and_then(|step| pool.index.checked_add(step))
		};
		let mut finished = Vec::new();
		for (id, mut stream, due) in paying {
			stream.accrued = stream.accrued.saturating_add(due);
			if index.is_none() {
				stream.unallocated = stream.unallocated.saturating_add(due);
			}
			if stream.is_finished() {
				finished.push(id);
			}
			if !due.is_zero() {
				Streams::<T>::insert(id, stream);
			}
		}
		if let Some(index) = index {
			pool.index = index;
			pool.distributed = pool.distributed.saturating_add(due_total);
		}
		if !finished.is_empty() {
			active.retain(|id| !finished.contains(id));
			ActiveStreams::<T>::insert(avs, active);
		}
		pool.last = now;
		AvsPools::<T>::insert(avs, asset, pool.clone());
		pool
	}

	/// Brings a vault up to date: credits each of its pairs for the blocks since its last
	/// sync at the weight it had, takes commission, adds the rest to the vault's indexes,
	/// accrues points, then re-weighs the pairs from the current stake. Returns the weight
	/// it used: the benchmarked `sync_vault(p)` for the `p` pairs it went through.
	pub fn sync_vault(vault: VaultId) -> Weight {
		let now = Self::now();
		let shares = T::Vaults::total_shares(vault);
		let mut pairs = VaultPairs::<T>::get(vault);
		let live = T::Stake::vault_pairs(vault);
		for (operator, avs) in &live {
			if !pairs.iter().any(|p| p.operator == *operator && p.avs == *avs) {
				let pair = PairState {
					operator: operator.clone(),
					avs: *avs,
					weight: 0,
					last: now,
					snapshots: Default::default(),
					commission: T::Stake::commission(operator),
				};
				if pairs.try_push(pair).is_err() {
					log::warn!(target: "runtime::lrt2", "vault {vault}: pair list full");
				} else {
					// The new pair owes every AVS programme that has not ended yet.
					Self::count_pair(*avs, now, true);
					OperatorVaults::<T>::mutate(operator, |vaults| {
						if !vaults.contains(&vault) && vaults.try_push(vault).is_err() {
							log::warn!(target: "runtime::lrt2", "operator vault list full");
						}
					});
				}
			}
		}

		let synced_pairs = pairs.len() as u32;
		let mut credits: Vec<(SourceOf<T>, u128)> = Vec::new();
		// Per AVS: its programmes (open, and closed ones some pair still owes).
		let mut programmes: BTreeMap<AvsId, Vec<(ProgrammeId, ProgrammeOf<T>)>> = BTreeMap::new();
		for pair in pairs.iter() {
			programmes.entry(pair.avs).or_insert_with(|| {
				AvsProgrammes::<T>::get(pair.avs)
					.into_iter()
					.filter_map(|id| Programmes::<T>::get(id).map(|p| (id, p)))
					.collect()
			});
		}
		for pair in pairs.iter_mut() {
			// What accrued since the last sync is shared at the commission in force then.
			let commission_rate = pair.commission;
			for asset in AvsAssets::<T>::get(pair.avs) {
				let mut pool = Self::accrue_pool(pair.avs, &asset);
				let earned =
					pool.index.saturating_sub(pair.snapshot(&asset)).mul_floor(pair.weight);
				pair.set_snapshot(asset.clone(), pool.index);
				if earned.is_zero() {
					continue;
				}
				pool.credited = pool.credited.saturating_add(earned);
				AvsPools::<T>::insert(pair.avs, asset.clone(), pool);
				let commission = commission_rate.mul_floor(earned);
				if !commission.is_zero() {
					Earned::<T>::mutate(
						&pair.operator,
						Source::Commission { avs: pair.avs, asset: asset.clone() },
						|e| e.saturating_accrue(commission),
					);
				}
				credits.push((
					Source::Avs { avs: pair.avs, asset },
					earned.saturating_sub(commission),
				));
			}
			// Programmes closed since the last sync are still credited up to their end; the
			// sync that passes a programme's end settles the pair's debt to it.
			for (id, p) in programmes.get(&pair.avs).map(Vec::as_slice).unwrap_or_default() {
				credits.push((
					Source::Points { programme: *id },
					p.points(pair.weight, pair.last, now),
				));
				if pair.last < p.end && p.end <= now {
					Self::release_programme(*id);
				}
			}
			let weight = Self::earning_weight(vault, shares, &pair.operator, pair.avs);
			if weight != pair.weight {
				AvsWeights::<T>::mutate(pair.avs, |w| {
					*w = w.saturating_sub(pair.weight).saturating_add(weight)
				});
				pair.weight = weight;
			}
			pair.commission = T::Stake::commission(&pair.operator);
			pair.last = now;
		}
		// Forget pairs the operator pallet dropped, once they carry no weight.
		let (kept, dropped): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|p| {
			!p.weight.is_zero() || live.iter().any(|(o, a)| *o == p.operator && *a == p.avs)
		});
		for gone in dropped {
			if !kept.iter().any(|p| p.operator == gone.operator) {
				OperatorVaults::<T>::mutate(&gone.operator, |vaults| {
					vaults.retain(|v| *v != vault)
				});
			}
			// Synced up to now above: it still owes the programmes that have not ended.
			Self::count_pair(gone.avs, now, false);
		}
		// Cannot exceed the bound: `kept` is a subset of the bounded list.
		let pairs: polkadot_sdk::frame_support::BoundedVec<_, T::MaxPairsPerVault> =
			kept.try_into().unwrap_or_default();
		VaultPairs::<T>::insert(vault, pairs);

		// Vault points for the blocks since the last sync count the stake held then (recorded
		// at that sync), not what a change in this block left.
		let last = VaultSyncedAt::<T>::get(vault).unwrap_or(now);
		let stake_now = T::Vaults::active_assets(vault);
		if last < now {
			let stake = VaultPointsStake::<T>::get(vault).unwrap_or(stake_now);
			for programme in VaultProgrammes::<T>::get(vault) {
				if let Some(p) = Programmes::<T>::get(programme) {
					credits.push((Source::Points { programme }, p.points(stake, last, now)));
				}
			}
		}
		VaultSyncedAt::<T>::insert(vault, now);
		Self::record_points_stake(vault, stake_now);

		// Sources already listed first: a source finishing with this sync takes its last
		// credit before it may retire to make room for a new one.
		let listed = VaultSources::<T>::get(vault);
		credits.sort_by_key(|(source, _)| !listed.contains(source));
		let mut room = RoomMaker::new(T::MaxRetiredSources::get());
		for (source, amount) in credits {
			let credited =
				Self::credit_vault_making_room(vault, source.clone(), amount, shares, &mut room);
			let uncredited = amount.saturating_sub(credited);
			// A vault whose room for AVS sources is full cannot take its holders' part: it goes
			// back to the AVS's owner (who funded the streams), claimable like any reward. Only
			// without an owner does it stay in the ledger as the AVS pool's dust.
			if let (Source::Avs { avs, asset }, false) = (source, uncredited.is_zero()) {
				match T::Stake::avs_roles(avs).map(|roles| roles.owner) {
					Some(owner) => {
						Earned::<T>::mutate(
							&owner,
							Source::Avs { avs, asset: asset.clone() },
							|e| e.saturating_accrue(uncredited),
						);
						Self::deposit_event(Event::UncreditedToAvsOwner {
							vault,
							avs,
							asset,
							amount: uncredited,
						});
					},
					None => AvsPools::<T>::mutate(avs, asset, |pool| {
						pool.credited = pool.credited.saturating_sub(uncredited)
					}),
				}
			}
		}
		Self::release_drips(vault, shares, now);
		T::WeightInfo::sync_vault(synced_pairs).saturating_add(Self::room_weight(&room))
	}

	/// Credits the vault's holders what each running vault reward released over the blocks
	/// since the last sync, at the shares held during them. While the vault has no shares a
	/// drip waits (nobody could receive it); a finished one is removed.
	fn release_drips(vault: VaultId, shares: u128, now: BlockNumberFor<T>) {
		let drips: Vec<_> = VaultDrips::<T>::iter_prefix(vault)
			.take(T::MaxRewardAssets::get() as usize)
			.collect();
		for (asset, mut drip) in drips {
			if shares.is_zero() {
				drip.pause(now);
			} else {
				let due = drip.due_at(now);
				let source = Source::Vault { vault, asset: asset.clone() };
				// Its source is in the vault's list since the reward: the credit only fails
				// on an index overflow, and the amount then stays in the drip.
				let credited = Self::credit_vault(vault, source, due, shares);
				drip.release(credited, now);
			}
			if drip.is_done() {
				VaultDrips::<T>::remove(vault, &asset);
			} else {
				VaultDrips::<T>::insert(vault, &asset, drip);
			}
		}
	}

	/// A pair of `avs` synced at `last` enters (`added`) or leaves the ledger: it owes, or no
	/// longer owes, every programme of the AVS that ends after `last`.
	pub(crate) fn count_pair(avs: AvsId, last: BlockNumberFor<T>, added: bool) {
		AvsPairs::<T>::mutate_exists(avs, |n| {
			let count = n.unwrap_or_default();
			let count = if added { count.saturating_add(1) } else { count.saturating_sub(1) };
			*n = (!count.is_zero()).then_some(count);
		});
		for id in AvsProgrammes::<T>::get(avs) {
			if Programmes::<T>::get(id).is_some_and(|p| p.end > last) {
				if added {
					ProgrammePairs::<T>::mutate(id, |n| n.saturating_inc());
				} else {
					Self::release_programme(id);
				}
			}
		}
	}

	/// One pair has been credited an AVS programme up to its end: a closed programme whose
	/// last debtor this was leaves its AVS's list (freeing the slot) and its record goes.
	pub(crate) fn release_programme(id: ProgrammeId) {
		let left = ProgrammePairs::<T>::mutate_exists(id, |n| {
			let left = n.unwrap_or_default().saturating_sub(1);
			*n = (!left.is_zero()).then_some(left);
			left
		});
		if left.is_zero() && ClosingProgrammes::<T>::take(id).is_some() {
			Self::remove_avs_programme(id);
		}
	}

	/// Removes an AVS programme from its AVS's list and its record.
	pub(crate) fn remove_avs_programme(id: ProgrammeId) {
		if let Some(ProgrammeScope::Avs(avs)) = Programmes::<T>::take(id).map(|p| p.scope) {
			AvsProgrammes::<T>::mutate(avs, |list| list.retain(|p| *p != id));
		}
	}

	/// Records the stake the vault's points programmes count from now on.
	pub(crate) fn record_points_stake(vault: VaultId, stake: u128) {
		if VaultPointsStake::<T>::get(vault) != Some(stake) {
			VaultPointsStake::<T>::insert(vault, stake);
		}
	}

	/// Adds `amount` from `source` to the vault's index over `shares`. Returns what was
	/// credited: zero when there are no shares, the source has no room in the vault's list
	/// or the step does not fit (the caller then keeps the amount).
	pub(crate) fn credit_vault(
		vault: VaultId,
		source: SourceOf<T>,
		amount: u128,
		shares: u128,
	) -> u128 {
		Self::credit_vault_making_room(vault, source, amount, shares, &mut RoomMaker::new(0))
	}

	/// As [`Self::credit_vault`], but a new source that finds its kind's room full takes the
	/// place of a finished source of its kind, which retires (as `room` allows).
	pub(crate) fn credit_vault_making_room(
		vault: VaultId,
		source: SourceOf<T>,
		amount: u128,
		shares: u128,
		room: &mut RoomMaker,
	) -> u128 {
		if amount.is_zero() || shares.is_zero() {
			return 0;
		}
		if !Self::take_room(vault, &source, room) {
			log::warn!(target: "runtime::lrt2", "vault {vault}: source list full");
			return 0;
		}
		VaultPools::<T>::mutate(vault, source, |pool| pool.credit(amount, shares))
	}

	/// Lists `source` in the vault if it is not listed: in its kind's room, or (as `room`
	/// allows) in the place of the oldest finished source of its kind, which retires.
	/// Returns whether the source is listed.
	fn take_room(vault: VaultId, source: &SourceOf<T>, room: &mut RoomMaker) -> bool {
		let mut sources = VaultSources::<T>::get(vault);
		if sources.contains(source) {
			return true;
		}
		if Self::has_room_in(&sources, source) {
			// Cannot fail: each kind's room is within the list's bound.
			let listed = sources.try_push(source.clone()).is_ok();
			VaultSources::<T>::insert(vault, sources);
			Self::mark_created(vault, source, room);
			return listed;
		}
		let kind = kind_of(source);
		if !room.may_scan(kind) {
			return false;
		}
		let pairs = VaultPairs::<T>::get(vault);
		let finished = sources
			.iter()
			.position(|s| kind_of(s) == kind && Self::is_finished(vault, s, &pairs));
		let Some(at) = finished.filter(|at| Self::retire(vault, sources[*at].clone())) else {
			// Nothing of this kind can retire now: no other source of it will find room in
			// this sync either.
			room.exhaust(kind);
			return false;
		};
		// The list stays oldest first: the oldest finished source is the first to retire.
		sources.remove(at);
		// Cannot fail: a place was just freed.
		let listed = sources.try_push(source.clone()).is_ok();
		VaultSources::<T>::insert(vault, sources);
		Self::mark_created(vault, source, room);
		listed
	}

	/// Records when the pool of a newly listed source begins, once the vault has retired a
	/// source: at a retirement count above every holder's, raised once per sync, so any
	/// snapshot a holder still has of the source is known to be of an older pool.
	fn mark_created(vault: VaultId, source: &SourceOf<T>, room: &mut RoomMaker) {
		let created = match room.created {
			Some(created) => created,
			None => {
				room.epoch_reads.saturating_inc();
				let mut retired = Retired::<T>::get(vault);
				if retired.epoch.is_zero() {
					// No retirement yet: no holder has a snapshot of an older pool.
					return;
				}
				retired.epoch = retired.epoch.saturating_add(1);
				let created = retired.epoch;
				Retired::<T>::insert(vault, retired);
				room.created = Some(created);
				created
			},
		};
		PoolsCreated::<T>::insert(vault, source, created);
		room.creations.saturating_inc();
	}

	/// Whether a listed source will never credit the vault again: a programme past its end
	/// (the vault was synced up to now before any credit), gone, or of an AVS the vault no
	/// longer backs; the streams of an AVS the vault no longer backs. Should the vault back
	/// the AVS again, its source is listed afresh.
	fn is_finished(vault: VaultId, source: &SourceOf<T>, pairs: &[PairStateOf<T>]) -> bool {
		let backs = |avs: AvsId| pairs.iter().any(|p| p.avs == avs);
		match source {
			Source::Avs { avs, .. } => !backs(*avs),
			Source::Points { programme } => match Programmes::<T>::get(programme) {
				None => true,
				Some(p) => {
					p.end <= Self::now()
						|| match p.scope {
							ProgrammeScope::Avs(avs) => !backs(avs),
							ProgrammeScope::Vault(v) => v != vault,
						}
				},
			},
			Source::Vault { .. } | Source::Commission { .. } | Source::Bounty { .. } => false,
		}
	}

	/// Takes `source` out of the vault's pools. The LRT outstanding now (its holders' LRT is
	/// constant until each one's next settlement) is owed its credits since each holder's
	/// snapshot: it waits in [`Retired`] until all of it has been settled. Returns `false`,
	/// changing nothing, when `MaxRetiredSources` of its kind wait already.
	fn retire(vault: VaultId, source: SourceOf<T>) -> bool {
		let shares = T::Vaults::total_shares(vault);
		let mut retired = Retired::<T>::get(vault);
		let pool = VaultPools::<T>::get(vault, &source);
		let owed = !shares.is_zero() && !pool.index.is_zero();
		let same_kind = retired
			.entries
			.iter()
			.filter(|e| kind_of(&e.source) == kind_of(&source))
			.count();
		if owed && same_kind >= T::MaxRetiredSources::get() as usize {
			return false;
		}
		VaultPools::<T>::remove(vault, &source);
		let created = PoolsCreated::<T>::take(vault, &source).unwrap_or_default();
		// Raised even when nothing is owed: a pool the source begins later must begin above
		// every snapshot of this one.
		retired.epoch = retired.epoch.saturating_add(1);
		if owed {
			// Cannot fail: each kind holds at most half the bound, and only two kinds retire.
			let _ = retired.entries.try_push(RetiredSource {
				source: source.clone(),
				epoch: retired.epoch,
				pool,
				created,
				unsettled: shares,
			});
		} else {
			// Nobody holds it: what is left in the pool is rounding dust.
			Self::record_retired_dust(&source, &pool);
		}
		Retired::<T>::insert(vault, retired);
		Self::deposit_event(Event::SourceRetired {
			vault,
			source,
			unsettled: if owed { shares } else { 0 },
		});
		true
	}

	/// Keeps what a retired pool credited and nobody was settled as rounding dust.
	pub(crate) fn record_retired_dust(source: &SourceOf<T>, pool: &VaultPool) {
		let dust = pool.credited.saturating_sub(pool.settled);
		if let (Some(asset), false) = (crate::impls::source_asset(source), dust.is_zero()) {
			RetiredDust::<T>::mutate(asset, |d| d.saturating_accrue(dust));
		}
	}

	/// The weight of one retirement: the finished-source scan (a programme record per points
	/// source), the pools, lists and records it rewrites.
	pub(crate) fn retire_weight() -> Weight {
		T::DbWeight::get().reads_writes(u64::from(T::MaxPointSources::get()).saturating_add(6), 5)
	}

	/// What a sync did beyond its benchmark to make room: its scans for finished sources, the
	/// reads of the retirement count and the records of the pools it began.
	fn room_weight(room: &RoomMaker) -> Weight {
		Self::retire_weight().saturating_mul(room.scans.into()).saturating_add(
			T::DbWeight::get().reads_writes(
				room.epoch_reads.into(),
				u64::from(room.creations).saturating_add(room.created.is_some().into()),
			),
		)
	}

	/// The most a sync of a vault with `pairs` pairs may weigh: the benchmarked sync, its
	/// scans for finished sources (see [`RoomMaker`]) and a pool record per source it lists.
	pub fn sync_vault_weight(pairs: u32) -> Weight {
		let listed = u64::from(MaxVaultSources::<T>::get());
		T::WeightInfo::sync_vault(pairs)
			.saturating_add(
				Self::retire_weight()
					.saturating_mul(RoomMaker::max_scans(T::MaxRetiredSources::get()).into()),
			)
			.saturating_add(T::DbWeight::get().reads_writes(listed, listed.saturating_add(1)))
	}

	/// Clearing a destroyed vault's pool records and its retired sources' dust.
	pub(crate) fn forget_pools_weight() -> Weight {
		let sources = u64::from(MaxVaultSources::<T>::get());
		let retired = u64::from(MaxRetiredEntries::<T>::get());
		let both = sources.saturating_add(retired);
		T::DbWeight::get().reads_writes(both, both)
	}

	/// The most one holder settlement may weigh: every listed and retired source, each
	/// listed pool's beginning, and the dust of every retired entry it may clear.
	pub fn settle_holder_weight() -> Weight {
		let sources = MaxVaultSources::<T>::get();
		let retired = MaxRetiredEntries::<T>::get();
		T::WeightInfo::settle_holder(sources.saturating_add(retired)).saturating_add(
			T::DbWeight::get().reads_writes(
				u64::from(sources).saturating_add(u64::from(retired)).saturating_add(2),
				u64::from(retired).saturating_add(2),
			),
		)
	}

	/// Whether `source` is in the vault's list or fits in its kind's share of it: vault
	/// rewards (which anyone may add) within `MaxRewardAssets`, points within
	/// `MaxPointSources`, AVS token sources within `MaxSourcesPerVault`. No kind can take
	/// another's room.
	pub(crate) fn has_room_for(vault: VaultId, source: &SourceOf<T>) -> bool {
		let sources = VaultSources::<T>::get(vault);
		sources.contains(source) || Self::has_room_in(&sources, source)
	}

	/// Whether the room of `source`'s kind in `sources` has a free place.
	fn has_room_in(sources: &[SourceOf<T>], source: &SourceOf<T>) -> bool {
		let same_kind = sources.iter().filter(|s| kind_of(s) == kind_of(source)).count();
		let room = match kind_of(source) {
			SourceKind::VaultReward => T::MaxRewardAssets::get(),
			SourceKind::Points => T::MaxPointSources::get(),
			SourceKind::Avs => T::MaxSourcesPerVault::get(),
		};
		same_kind < room as usize
	}

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
			let amount = pool.index.saturating_sub(snapshot).mul_floor(shares);
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
			let amount = entry.pool.index.saturating_sub(snapshot).mul_floor(shares);
			entry.pool.settled = entry.pool.settled.saturating_add(amount);
			entry.unsettled = entry.unsettled.saturating_sub(shares);
			Self::accrue_to(who, entry.source.clone(), amount);
		}
		if crossed.settled.is_zero() {
			return crossed;
		}
		let entries = core::mem::take(&mut retired.entries);
		let (cleared, waiting): (Vec<_>, Vec<_>) =
			entries.into_iter().partition(|e| e.unsettled.is_zero());
		for entry in cleared {
			crossed.cleared.saturating_inc();
			Self::record_retired_dust(&entry.source, &entry.pool);
			Self::deposit_event(Event::RetiredSourceCleared { vault, source: entry.source });
		}
		// Cannot exceed the bound: a subset of the bounded list.
		retired.entries = waiting.try_into().unwrap_or_default();
		Retired::<T>::insert(vault, &*retired);
		crossed
	}

	/// Adds a settled `amount` from `source` to what `who` may claim (or to its points).
	fn accrue_to(who: &T::AccountId, source: SourceOf<T>, amount: u128) {
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

	/// The weight a pair of `vault` (with `shares` LRT outstanding) earns at: its weighted
	/// allocated stake, or nothing while the vault has no holders. Assets left in a vault
	/// without shares (the virtual shares' part) belong to nobody: were they to earn, a sliver
	/// of stake could take a whole stream that no one can claim. Without them, the AVS's
	/// streams go to the stake that has holders, or back to their funders.
	fn earning_weight(vault: VaultId, shares: u128, operator: &T::AccountId, avs: AvsId) -> u128 {
		if shares.is_zero() {
			return 0;
		}
		T::Stake::weighted_allocation(vault, operator, avs)
	}

	/// Re-weighs the pairs of a vault synced earlier in this block from the current stake:
	/// nothing has accrued since that sync, so only the weights change. Falls back to a full
	/// sync when the operator pallet has a pair the ledger does not know yet. Returns the
	/// weight it used.
	pub(crate) fn reweigh_vault(vault: VaultId) -> Weight {
		let mut pairs = VaultPairs::<T>::get(vault);
		let live = T::Stake::vault_pairs(vault);
		if live.iter().any(|(o, a)| !pairs.iter().any(|p| p.operator == *o && p.avs == *a)) {
			return Self::sync_vault(vault);
		}
		let shares = T::Vaults::total_shares(vault);
		let mut changed = false;
		for pair in pairs.iter_mut() {
			let weight = Self::earning_weight(vault, shares, &pair.operator, pair.avs);
			if weight != pair.weight {
				AvsWeights::<T>::mutate(pair.avs, |w| {
					*w = w.saturating_sub(pair.weight).saturating_add(weight)
				});
				pair.weight = weight;
				changed = true;
			}
		}
		let reweighed = pairs.len() as u32;
		if changed {
			VaultPairs::<T>::insert(vault, pairs);
		}
		Self::record_points_stake(vault, T::Vaults::active_assets(vault));
		T::WeightInfo::reweigh_vault(reweighed)
	}

	/// Syncs a vault unless it already was in this block: nothing accrues within a block, and
	/// every stake change re-weighs it through `OnStakeChanged`. Returns the weight it used.
	pub(crate) fn sync_vault_once(vault: VaultId) -> Weight {
		if VaultSyncedAt::<T>::get(vault) != Some(Self::now()) {
			Self::sync_vault(vault)
		} else {
			T::DbWeight::get().reads(1)
		}
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

	/// The most one vault of a claim may weigh: a holder's vault synced and settled, and its
	/// records dropped if the holder left it (an operator's vault, only synced, weighs less).
	pub fn claim_vault_weight() -> Weight {
		let sources = u64::from(MaxVaultSources::<T>::get());
		Self::settle_in_weight()
			.saturating_add(T::DbWeight::get().reads_writes(1, sources.saturating_add(1)))
	}

	/// What `claim` may spend settling vaults: its budget, never less than one vault.
	pub fn claim_settle_budget() -> Weight {
		T::ClaimSettleBudget::get().max(Self::claim_vault_weight())
	}

	/// Brings `vault` up to date (once per block) and settles `who` there at `shares`: what
	/// a claim does per vault, and `settle` for anyone. Returns the weight it used.
	pub(crate) fn settle_in(vault: VaultId, who: &T::AccountId, shares: u128) -> Weight {
		Self::sync_vault_once(vault).saturating_add(Self::settle_holder(vault, who, shares))
	}

	/// The most [`Self::settle_in`] may weigh, with the read of the holder's LRT before it
	/// (the vault and the holder's account).
	pub fn settle_in_weight() -> Weight {
		Self::sync_vault_weight(Self::max_pairs())
			.saturating_add(Self::settle_holder_weight())
			.saturating_add(T::DbWeight::get().reads(2))
	}

	/// The bound on a vault's pairs, for weights.
	pub(crate) fn max_pairs() -> u32 {
		T::MaxPairsPerVault::get()
	}
}

/// The kinds of source that share a vault's list, each within its own room.
#[derive(PartialEq, Eq, Clone, Copy)]
enum SourceKind {
	/// Rewards anyone adds to the vault (`reward_vault`).
	VaultReward,
	/// Points programmes.
	Points,
	/// AVS streams.
	Avs,
}

fn kind_of<A>(source: &Source<A>) -> SourceKind {
	match source {
		Source::Vault { .. } => SourceKind::VaultReward,
		Source::Points { .. } => SourceKind::Points,
		_ => SourceKind::Avs,
	}
}

/// What one sync may do to make room for new sources: at most `left` scans for a finished
/// source (each retiring one, or finding none), and no further scan of a kind once one found
/// nothing of it to retire, so the number of new sources a sync meets never multiplies them.
pub(crate) struct RoomMaker {
	/// Scans left per kind (points, AVS streams): one kind's new sources never use up the
	/// other's.
	left: [u32; 2],
	/// Kinds in which no source can retire in this sync.
	exhausted: [bool; 2],
	/// Scans for a finished source so far (each read up to every points programme listed).
	pub(crate) scans: u32,
	/// The retirement count the pools listed in this sync begin at, once raised.
	pub(crate) created: Option<u32>,
	/// Reads of the retirement count for that.
	pub(crate) epoch_reads: u32,
	/// Pools listed in this sync whose beginning was recorded.
	pub(crate) creations: u32,
}

impl RoomMaker {
	/// Allows `retirements` scans per kind.
	pub(crate) fn new(retirements: u32) -> Self {
		Self {
			left: [retirements; 2],
			exhausted: [false; 2],
			scans: 0,
			created: None,
			epoch_reads: 0,
			creations: 0,
		}
	}

	/// The most scans a sync allowed `retirements` per kind does.
	pub(crate) fn max_scans(retirements: u32) -> u32 {
		retirements.saturating_mul(2)
	}

	fn slot(kind: SourceKind) -> Option<usize> {
		match kind {
			SourceKind::Points => Some(0),
			SourceKind::Avs => Some(1),
			SourceKind::VaultReward => None,
		}
	}

	/// Whether a scan for a finished source of `kind` may run; counts it.
	fn may_scan(&mut self, kind: SourceKind) -> bool {
		let Some(slot) = Self::slot(kind) else { return false };
		let (Some(left), Some(false)) = (self.left.get_mut(slot), self.exhausted.get(slot)) else {
			return false;
		};
		if left.is_zero() {
			return false;
		}
		left.saturating_dec();
		self.scans.saturating_inc();
		true
	}

	/// No source of `kind` can retire in this sync.
	fn exhaust(&mut self, kind: SourceKind) {
		if let Some(exhausted) = Self::slot(kind).and_then(|slot| self.exhausted.get_mut(slot)) {
			*exhausted = true;
		}
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
