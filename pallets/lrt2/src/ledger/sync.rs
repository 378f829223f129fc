//! Bringing a vault up to date: its pairs credited for the blocks since its last sync at
//! the weight they had, commission taken, drips released, points accrued, then re-weighed.

use super::*;

impl<T: Config> Pallet<T> {
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
				let earned = pool.index.accrued_since(pair.snapshot(&asset), pair.weight);
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
				// The AVS's weight includes the pair's (`try_state` checks the sum).
				AvsWeights::<T>::mutate(pair.avs, |w| {
					*w = w.defensive_saturating_sub(pair.weight).saturating_add(weight)
				});
				pair.weight = weight;
			}
			pair.commission = T::Stake::commission(&pair.operator);
			pair.last = now;
		}
		// Forget pairs the operator pallet dropped, once they carry no weight. The list is
		// filtered in place: it only shrinks, so no bound can be crossed and nothing lost.
		let keep = |p: &PairStateOf<T>| {
			!p.weight.is_zero() || live.iter().any(|(o, a)| *o == p.operator && *a == p.avs)
		};
		let dropped: Vec<(T::AccountId, AvsId)> =
			pairs.iter().filter(|p| !keep(p)).map(|p| (p.operator.clone(), p.avs)).collect();
		pairs.retain(keep);
		for (operator, avs) in dropped {
			if !pairs.iter().any(|p| p.operator == operator) {
				OperatorVaults::<T>::mutate(&operator, |vaults| vaults.retain(|v| *v != vault));
			}
			// Synced up to now above: it still owes the programmes that have not ended.
			Self::count_pair(avs, now, false);
		}
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

	/// Syncs a vault unless it already was in this block: nothing accrues within a block, and
	/// every stake change re-weighs it through `OnStakeChanged`. Returns the weight it used.
	pub(crate) fn sync_vault_once(vault: VaultId) -> Weight {
		if VaultSyncedAt::<T>::get(vault) != Some(Self::now()) {
			Self::sync_vault(vault)
		} else {
			T::DbWeight::get().reads(1)
		}
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
				// The AVS's weight includes the pair's (`try_state` checks the sum).
				AvsWeights::<T>::mutate(pair.avs, |w| {
					*w = w.defensive_saturating_sub(pair.weight).saturating_add(weight)
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

	/// The weight a pair of `vault` (with `shares` LRT outstanding) earns at: its weighted
	/// allocated stake, or nothing while the vault has no holders. Assets left in a vault
	/// without shares (the virtual shares' part) belong to nobody: were they to earn, a sliver
	/// of stake could take a whole stream that no one can claim. Without them, the AVS's
	/// streams go to the stake that has holders, or back to their funders.
	pub(crate) fn earning_weight(
		vault: VaultId,
		shares: u128,
		operator: &T::AccountId,
		avs: AvsId,
	) -> u128 {
		if shares.is_zero() {
			return 0;
		}
		T::Stake::weighted_allocation(vault, operator, avs)
	}

	/// Credits the vault's holders what each running vault reward released over the blocks
	/// since the last sync, at the shares held during them. While the vault has no shares a
	/// drip waits (nobody could receive it); a finished one is removed.
	pub(crate) fn release_drips(vault: VaultId, shares: u128, now: BlockNumberFor<T>) {
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
}
