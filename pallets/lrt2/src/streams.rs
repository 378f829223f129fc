//! AVS reward streams (`fund_stream`, `reclaim_unallocated`, `close_stream`) and vault
//! rewards (`reward_vault`: compounded in the vault's asset, dripped in any other).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_fund_stream(
		who: &T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		amount: u128,
		duration: BlockNumberFor<T>,
	) -> Result<StreamId, DispatchError> {
		Self::ensure_avs_owner(who, avs)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_duration(duration)?;
		let id = NextStreamId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		AvsAssets::<T>::try_mutate(avs, |assets| {
			if assets.contains(&asset) {
				Ok(())
			} else {
				assets.try_push(asset.clone()).map_err(|_| Error::<T>::TooManyRewardAssets)
			}
		})?;
		// Close the books of the running streams before this one starts.
		Self::accrue_pool(avs, &asset);
		ActiveStreams::<T>::try_mutate(avs, |streams| {
			streams.try_push(id).map_err(|_| Error::<T>::TooManyStreams)
		})?;
		Self::take_funds(who, asset.clone(), amount)?;
		if let Some(deposit) = Self::hold_deposit(HoldReason::StreamDeposit, who)? {
			StreamDeposits::<T>::insert(id, deposit);
		}
		let start = Self::now();
		let end = start.saturating_add(duration);
		Streams::<T>::insert(
			id,
			Stream {
				avs,
				asset: asset.clone(),
				funder: who.clone(),
				amount,
				start,
				end,
				accrued: 0,
				unallocated: 0,
				refunded: 0,
			},
		);
		NextStreamId::<T>::put(next);
		Self::deposit_event(Event::StreamFunded { stream: id, avs, asset, amount, end });
		Ok(id)
	}

	pub(crate) fn do_reclaim_unallocated(who: &T::AccountId, id: StreamId) -> DispatchResult {
		let stream = Streams::<T>::get(id).ok_or(Error::<T>::StreamNotFound)?;
		ensure!(stream.funder == *who, Error::<T>::NotFunder);
		Self::accrue_pool(stream.avs, &stream.asset);
		let mut stream = Streams::<T>::get(id).ok_or(Error::<T>::StreamNotFound)?;
		let amount = stream.unallocated.saturating_sub(stream.refunded);
		ensure!(!amount.is_zero(), Error::<T>::NothingToReclaim);
		Self::pay_out(who, stream.asset.clone(), amount)?;
		stream.refunded = stream.unallocated;
		Streams::<T>::insert(id, stream);
		Self::deposit_event(Event::UnallocatedReclaimed {
			stream: id,
			funder: who.clone(),
			amount,
		});
		Ok(())
	}

	/// Removes a finished stream's record: returns what it set aside unallocated (if any) to
	/// its funder and releases its deposit. Anyone may close a finished stream.
	pub(crate) fn do_close_stream(id: StreamId) -> DispatchResult {
		let stream = Streams::<T>::get(id).ok_or(Error::<T>::StreamNotFound)?;
		Self::accrue_pool(stream.avs, &stream.asset);
		let stream = Streams::<T>::get(id).ok_or(Error::<T>::StreamNotFound)?;
		ensure!(stream.is_finished(), Error::<T>::StreamStillRunning);
		let unallocated = stream.unallocated.saturating_sub(stream.refunded);
		// Paid to the funder now, or, if it cannot be paid now (the asset frozen by its
		// issuer, say), credited to the funder's claimable rewards: nobody can keep a finished
		// stream's record open.
		if !unallocated.is_zero()
			&& polkadot_sdk::frame_support::storage::with_storage_layer(|| {
				Self::pay_out(&stream.funder, stream.asset.clone(), unallocated)
			})
			.is_err()
		{
			Earned::<T>::mutate(
				&stream.funder,
				Source::Avs { avs: stream.avs, asset: stream.asset.clone() },
				|e| e.saturating_accrue(unallocated),
			);
		}
		if let Some(deposit) = StreamDeposits::<T>::take(id) {
			Self::release_deposit(HoldReason::StreamDeposit, deposit)?;
		}
		Streams::<T>::remove(id);
		Self::deposit_event(Event::StreamClosed { stream: id, returned: unallocated });
		Ok(())
	}

	/// Returns whether the reward compounded into the vault (the vault pallet's path), and
	/// the weight of the vault sync the ledger path did.
	pub(crate) fn do_reward_vault(
		who: &T::AccountId,
		vault: VaultId,
		asset: T::AssetKind,
		amount: u128,
	) -> Result<(bool, Weight), DispatchError> {
		let vault_asset = T::Vaults::vault_asset(vault).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		if asset == vault_asset {
			return T::Vaults::compound(who, vault, amount).map(|()| (true, Weight::zero()));
		}
		let shares = T::Vaults::total_shares(vault);
		ensure!(!shares.is_zero(), Error::<T>::VaultHasNoHolders);
		let source = Source::Vault { vault, asset: asset.clone() };
		ensure!(Self::has_room_for(vault, &source), Error::<T>::TooManyRewardSources);
		Self::take_funds(who, asset.clone(), amount)?;
		// Release what is due to the holders so far, then spread the rest of a running drip
		// and this reward over a fresh window from now.
		let synced = Self::sync_vault_once(vault);
		VaultSources::<T>::try_mutate(vault, |sources| {
			if sources.contains(&source) {
				return Ok(());
			}
			sources.try_push(source).map_err(|_| Error::<T>::TooManyRewardSources)
		})?;
		let now = Self::now();
		let period = T::RewardDripPeriod::get();
		let until = now.saturating_add(period);
		VaultDrips::<T>::try_mutate(vault, &asset, |drip| {
			drip.get_or_insert(Drip::new(0, now, period))
				.top_up(amount, now, period)
				.ok_or(Error::<T>::Overflow)
		})?;
		Self::deposit_event(Event::VaultRewarded {
			vault,
			from: who.clone(),
			asset,
			amount,
			until,
		});
		Ok((false, synced))
	}
}
