//! The calls' logic, the hooks the vault and operator pallets call, and read-only views.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			fungibles::{Inspect, Mutate},
			tokens::{Precision, Preservation, Provenance},
			Get,
		},
		weights::Weight,
	},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{
		traits::{AccountIdConversion, Saturating, Zero},
		DispatchError, DispatchResult, FixedU128,
	},
};
use restake_primitives::{
	drip::Drip,
	traits::{OnSharesChanged, OnStakeChanged, StakeInspect, VaultCompound, VaultInspect},
	AvsId, VaultId,
};

impl<T: Config> Pallet<T> {
	/// The ledger's account: holds every reward not yet paid.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	fn ensure_avs_owner(who: &T::AccountId, avs: AvsId) -> DispatchResult {
		let roles = T::Stake::avs_roles(avs).ok_or(Error::<T>::AvsNotFound)?;
		ensure!(roles.owner == *who, Error::<T>::NotAvsOwner);
		Ok(())
	}

	fn ensure_duration(duration: BlockNumberFor<T>) -> DispatchResult {
		ensure!(
			duration >= T::MinStreamDuration::get() && duration <= T::MaxStreamDuration::get(),
			Error::<T>::DurationOutOfRange
		);
		Ok(())
	}

	/// Moves `amount` of `asset` from `from` into the ledger and records it as funded.
	///
	/// The ledger keeps the asset's minimum balance on top of what it owes, so paying out never
	/// reaps its account (which would burn rounding dust owed to the last claimers, and make
	/// their claims fail). The first funder of an asset tops it up; the seed is never paid out.
	fn take_funds(from: &T::AccountId, asset: T::AssetKind, amount: u128) -> DispatchResult {
		ensure!(!T::Vaults::is_lrt(&asset), Error::<T>::LrtNotAccepted);
		ensure!(Self::is_reward_asset(&asset), Error::<T>::AssetNotListed);
		let ledger = Self::account_id();
		let totals = Totals::<T>::get(&asset);
		let owed = totals.funded.saturating_sub(totals.paid_out);
		let floor = owed.saturating_add(T::Assets::minimum_balance(asset.clone()));
		let seed = floor.saturating_sub(T::Assets::balance(asset.clone(), &ledger));
		T::Assets::transfer(
			asset.clone(),
			from,
			&ledger,
			amount.checked_add(seed).ok_or(Error::<T>::Overflow)?,
			Preservation::Expendable,
		)?;
		Totals::<T>::insert(
			asset,
			AssetTotals { funded: totals.funded.saturating_add(amount), ..totals },
		);
		Ok(())
	}

	/// Pays `amount` of `asset` out of the ledger and records it. Never below the seed.
	fn pay_out(to: &T::AccountId, asset: T::AssetKind, amount: u128) -> DispatchResult {
		T::Assets::transfer(
			asset.clone(),
			&Self::account_id(),
			to,
			amount,
			Preservation::Preserve,
		)?;
		Totals::<T>::mutate(asset, |t| t.paid_out = t.paid_out.saturating_add(amount));
		Ok(())
	}

	/// Whether governance lists `asset` as a reward asset.
	pub fn is_reward_asset(asset: &T::AssetKind) -> bool {
		RewardAssets::<T>::get().contains(asset)
	}

	pub(crate) fn do_list_reward_asset(asset: T::AssetKind) -> DispatchResult {
		ensure!(!T::Vaults::is_lrt(&asset), Error::<T>::LrtNotAccepted);
		RewardAssets::<T>::try_mutate(|listed| {
			ensure!(!listed.contains(&asset), Error::<T>::AlreadyListed);
			listed.try_push(asset.clone()).map_err(|_| Error::<T>::RewardAssetListFull)
		})?;
		Self::deposit_event(Event::RewardAssetListed { asset });
		Ok(())
	}

	/// Puts `vault` in `who`'s own claim list (moving it out of the received list). Fails if
	/// the own list is full. Writes nothing when it is there already (the common case: every
	/// deposit of a holder).
	pub(crate) fn track_own(who: &T::AccountId, vault: VaultId) -> Result<(), ()> {
		let mut own = HolderVaults::<T>::get(who);
		if own.contains(&vault) {
			return Ok(());
		}
		own.try_push(vault).map_err(|_| ())?;
		HolderVaults::<T>::insert(who, own);
		// A vault is in at most one of the two lists.
		let mut received = ReceivedVaults::<T>::get(who);
		if received.contains(&vault) {
			received.retain(|v| *v != vault);
			if received.is_empty() {
				ReceivedVaults::<T>::remove(who);
			} else {
				ReceivedVaults::<T>::insert(who, received);
			}
		}
		Ok(())
	}

	/// Puts `vault` in `who`'s received list unless it is tracked already or the list is full.
	/// Writes only when it adds it.
	fn track_received(who: &T::AccountId, vault: VaultId) {
		if HolderVaults::<T>::get(who).contains(&vault) {
			return;
		}
		let mut received = ReceivedVaults::<T>::get(who);
		if received.contains(&vault) {
			return;
		}
		if received.try_push(vault).is_err() {
			log::debug!(target: "runtime::lrt2", "vault {vault} not tracked for a receiver");
			return;
		}
		ReceivedVaults::<T>::insert(who, received);
	}

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

	pub(crate) fn do_post_bounty(
		who: &T::AccountId,
		avs: AvsId,
		asset: T::AssetKind,
		amount: u128,
		expires_in: BlockNumberFor<T>,
	) -> Result<BountyId, DispatchError> {
		Self::ensure_avs_owner(who, avs)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::ensure_duration(expires_in)?;
		ensure!(
			OpenBounties::<T>::get(avs) < T::MaxOpenBounties::get(),
			Error::<T>::TooManyBounties
		);
		let id = NextBountyId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Self::take_funds(who, asset.clone(), amount)?;
		let expires_at = Self::now().saturating_add(expires_in);
		Bounties::<T>::insert(
			id,
			Bounty { avs, funder: who.clone(), asset: asset.clone(), amount, expires_at },
		);
		OpenBounties::<T>::mutate(avs, |n| n.saturating_inc());
		NextBountyId::<T>::put(next);
		Self::deposit_event(Event::BountyPosted { bounty: id, avs, asset, amount, expires_at });
		Ok(id)
	}

	pub(crate) fn do_award_bounty(
		who: &T::AccountId,
		id: BountyId,
		operator: T::AccountId,
	) -> DispatchResult {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::BountyNotFound)?;
		Self::ensure_avs_owner(who, bounty.avs)?;
		ensure!(
			T::Stake::is_slashable_operator(&operator, bounty.avs),
			Error::<T>::OperatorNotOptedIn
		);
		Earned::<T>::mutate(
			&operator,
			Source::Bounty { avs: bounty.avs, asset: bounty.asset.clone() },
			|e| e.saturating_accrue(bounty.amount),
		);
		Bounties::<T>::remove(id);
		OpenBounties::<T>::mutate(bounty.avs, |n| n.saturating_dec());
		Self::deposit_event(Event::BountyAwarded { bounty: id, operator, amount: bounty.amount });
		Ok(())
	}

	pub(crate) fn do_cancel_bounty(who: &T::AccountId, id: BountyId) -> DispatchResult {
		let bounty = Bounties::<T>::get(id).ok_or(Error::<T>::BountyNotFound)?;
		Self::ensure_avs_owner(who, bounty.avs)?;
		ensure!(Self::now() >= bounty.expires_at, Error::<T>::BountyNotExpired);
		Self::pay_out(&bounty.funder, bounty.asset.clone(), bounty.amount)?;
		Bounties::<T>::remove(id);
		OpenBounties::<T>::mutate(bounty.avs, |n| n.saturating_dec());
		Self::deposit_event(Event::BountyCancelled { bounty: id, amount: bounty.amount });
		Ok(())
	}

	pub(crate) fn do_create_programme(
		who: &T::AccountId,
		scope: ProgrammeScope,
		name: polkadot_sdk::frame_support::BoundedVec<u8, T::NameLimit>,
		rate: FixedU128,
		start: BlockNumberFor<T>,
		end: BlockNumberFor<T>,
	) -> Result<ProgrammeId, DispatchError> {
		match scope {
			ProgrammeScope::Avs(avs) => Self::ensure_avs_owner(who, avs)?,
			ProgrammeScope::Vault(vault) => {
				let curator = T::Vaults::curator(vault).ok_or(Error::<T>::VaultNotFound)?;
				ensure!(curator == *who, Error::<T>::NotCurator);
			},
		}
		ensure!(!rate.is_zero(), Error::<T>::ZeroRate);
		// It ends after this block, so every pair synced up to now owes it.
		ensure!(
			start >= Self::now() && end >= start && end > Self::now(),
			Error::<T>::InvalidProgrammeWindow
		);
		let id = NextProgrammeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let push = |list: &mut polkadot_sdk::frame_support::BoundedVec<_, _>| {
			list.try_push(id).map_err(|_| Error::<T>::TooManyProgrammes)
		};
		match scope {
			ProgrammeScope::Avs(avs) => AvsProgrammes::<T>::try_mutate(avs, push)?,
			ProgrammeScope::Vault(vault) => VaultProgrammes::<T>::try_mutate(vault, push)?,
		}
		if let Some(deposit) = Self::hold_deposit(HoldReason::ProgrammeDeposit, who)? {
			ProgrammeDeposits::<T>::insert(id, deposit);
		}
		if let ProgrammeScope::Avs(avs) = scope {
			let pairs = AvsPairs::<T>::get(avs);
			if !pairs.is_zero() {
				ProgrammePairs::<T>::insert(id, pairs);
			}
		}
		Programmes::<T>::insert(
			id,
			Programme { owner: who.clone(), scope, name, rate, start, end },
		);
		NextProgrammeId::<T>::put(next);
		Self::deposit_event(Event::ProgrammeCreated { programme: id, scope, rate, start, end });
		Ok(id)
	}

	/// Closes an ended programme and releases its deposit. A vault programme's vault is synced
	/// first (up to now, past the end), then its slot and record go. An AVS programme's slot
	/// and record go once no pair owes it ([`ProgrammePairs`]): at once, or with the sync of
	/// the last vault that has not been credited up to its end. Returns the weight of the
	/// vault sync.
	pub(crate) fn do_close_programme(id: ProgrammeId) -> Result<Weight, DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::ProgrammeNotFound)?;
		ensure!(!ClosingProgrammes::<T>::contains_key(id), Error::<T>::ProgrammeNotFound);
		ensure!(Self::now() > programme.end, Error::<T>::ProgrammeStillRunning);
		let mut weight = Weight::zero();
		match programme.scope {
			ProgrammeScope::Avs(_) => {
				if ProgrammePairs::<T>::get(id).is_zero() {
					Self::remove_avs_programme(id);
				} else {
					ClosingProgrammes::<T>::insert(id, ());
				}
			},
			ProgrammeScope::Vault(vault) => {
				if T::Vaults::vault_exists(vault) {
					weight = Self::sync_vault_once(vault);
				}
				VaultProgrammes::<T>::mutate(vault, |list| list.retain(|p| *p != id));
				Programmes::<T>::remove(id);
			},
		}
		if let Some(deposit) = ProgrammeDeposits::<T>::take(id) {
			Self::release_deposit(HoldReason::ProgrammeDeposit, deposit)?;
		}
		Self::deposit_event(Event::ProgrammeClosed { programme: id });
		Ok(weight)
	}

	/// `pairs` pairs leaving the ledger: the pair list, each pair's AVS weight, operator list
	/// and pair count, and for each of the AVS's programmes its record, debt count, closing
	/// mark, and the removal of the record from the AVS's list.
	fn leave_weight(pairs: u64) -> Weight {
		let programmes = u64::from(T::MaxProgrammes::get());
		let per_pair_reads = 4u64.saturating_add(programmes.saturating_mul(4));
		let per_pair_writes = 3u64.saturating_add(programmes.saturating_mul(4));
		T::DbWeight::get().reads_writes(
			pairs.saturating_mul(per_pair_reads).saturating_add(1),
			pairs.saturating_mul(per_pair_writes).saturating_add(1),
		)
	}

	/// Holds the deposit for `reason` from `who`: `None` when the deposit is zero.
	fn hold_deposit(
		reason: HoldReason,
		who: &T::AccountId,
	) -> Result<Option<(T::AccountId, u128)>, DispatchError> {
		let amount = match reason {
			HoldReason::StreamDeposit => T::StreamDeposit::get(),
			HoldReason::ProgrammeDeposit => T::ProgrammeDeposit::get(),
		};
		if amount.is_zero() {
			return Ok(None);
		}
		T::NativeBalance::hold(&reason.into(), who, amount)?;
		Ok(Some((who.clone(), amount)))
	}

	/// Releases a deposit held by [`Self::hold_deposit`].
	fn release_deposit(
		reason: HoldReason,
		(payer, amount): (T::AccountId, u128),
	) -> DispatchResult {
		T::NativeBalance::release(&reason.into(), &payer, amount, Precision::BestEffort).map(|_| ())
	}

	/// Returns the weight it used.
	pub(crate) fn do_claim(who: &T::AccountId) -> Result<Weight, DispatchError> {
		let round = ClaimVaultCursor::<T>::take(who);
		let settled = Self::settle_account_within(who, Some((Self::claim_settle_budget(), round)));
		if let Some(next) = settled.next {
			ClaimVaultCursor::<T>::insert(who, next);
			Self::deposit_event(Event::ClaimResumesAfter {
				who: who.clone(),
				last: next.last,
				end: next.end,
			});
		}
		// (The lists and the cursor are in the `claim(n)` benchmark.)
		// Progress that an error would undo: vaults left for the next claim, a round ended,
		// or vaults the caller left dropped from its lists (freeing their places).
		let progressed = settled.next.is_some() || round.is_some() || settled.dropped > 0;
		Self::pay_entries(who, settled.weight, settled.touched, progressed)
	}

	/// `claim_from`: settles `who` in `vaults` only (each must hold its LRT, or back one of
	/// its pairs as an operator: then the vault is synced, which credits the commission), then
	/// pays. Returns the weight it used.
	pub(crate) fn do_claim_from(
		who: &T::AccountId,
		vaults: &[VaultId],
	) -> Result<Weight, DispatchError> {
		let mut settled = Weight::zero();
		let mut operated = None;
		for vault in vaults.iter().copied() {
			// The vault and the caller's LRT account.
			let shares = T::Vaults::shares_of(vault, who);
			settled.saturating_accrue(T::DbWeight::get().reads(2));
			if shares.is_zero() {
				// An operator's commission is credited when a vault backing its pairs syncs.
				let operated = operated.get_or_insert_with(|| {
					settled.saturating_accrue(T::DbWeight::get().reads(1));
					OperatorVaults::<T>::get(who)
				});
				ensure!(operated.contains(&vault), Error::<T>::NotAHolder);
				settled.saturating_accrue(Self::sync_vault_once(vault));
				continue;
			}
			settled.saturating_accrue(Self::settle_in(vault, who, shares));
		}
		Self::pay_entries(who, settled, vaults.len() as u32, false)
	}

	/// Pays up to `MaxClaimEntries` of `who`'s entries, after a settlement that weighed
	/// `settled` and went through `touched` vaults (if it `progressed` — left vaults for the
	/// next claim or dropped vaults from the lists — nothing owed is no error: an error would
	/// undo that progress). Returns the weight of both.
	fn pay_entries(
		who: &T::AccountId,
		settled: Weight,
		touched: u32,
		progressed: bool,
	) -> Result<Weight, DispatchError> {
		let mut paid = 0u32;
		let max = T::MaxClaimEntries::get() as usize;
		// The window starts after the last entry the previous claim looked at and wraps
		// around: entries that cannot be paid (dust below an asset's minimum balance, a frozen
		// asset) are passed over by the next claim, so however many of them anyone creates,
		// every entry is reached (`ClaimCursor`).
		let cursor = ClaimCursor::<T>::take(who);
		let from_cursor = match &cursor {
			Some(key) => Earned::<T>::iter_prefix_from(who, key.to_vec()),
			None => Earned::<T>::iter_prefix(who),
		};
		let mut entries: Vec<_> =
			from_cursor.filter(|(_, amount)| !amount.is_zero()).take(max).collect();
		if entries.len() < max && cursor.is_some() {
			let cursor_key = cursor.as_ref().map(|k| k.to_vec());
			let wrapped: Vec<_> = Earned::<T>::iter_prefix(who)
				.filter(|(_, amount)| !amount.is_zero())
				.take_while(|(source, _)| {
					Some(Earned::<T>::hashed_key_for(who, source)) != cursor_key
				})
				.filter(|(source, _)| !entries.iter().any(|(s, _)| s == source))
				.take(max - entries.len())
				.collect();
			entries.extend(wrapped);
		}
		let attempted = entries.len() as u32;
		if entries.len() == max {
			if let Some((last, _)) = entries.last() {
				let key = Earned::<T>::hashed_key_for(who, last);
				ClaimCursor::<T>::insert(
					who,
					polkadot_sdk::frame_support::BoundedVec::<u8, ClaimKeyLimit>::truncate_from(
						key,
					),
				);
			}
		}
		for (source, amount) in entries {
			let Some(asset) = source_asset(&source) else { continue };
			// One payout that cannot go through (a frozen asset, an account below the asset's
			// minimum balance, ...) never blocks the others: its entry stays for a later claim.
			let paid_out = T::Assets::can_deposit(asset.clone(), who, amount, Provenance::Extant)
				.into_result()
				.and_then(|()| {
					polkadot_sdk::frame_support::storage::with_storage_layer(|| {
						Self::pay_out(who, asset, amount)
					})
				});
			match paid_out {
				Ok(()) => {
					Earned::<T>::remove(who, source.clone());
					paid.saturating_inc();
					Self::deposit_event(Event::Claimed { who: who.clone(), source, amount });
				},
				Err(error) => Self::deposit_event(Event::ClaimSkipped {
					who: who.clone(),
					source,
					amount,
					error,
				}),
			}
		}
		// Nothing owed at all is an error; entries that could not be paid are reported by
		// `ClaimSkipped` and the settlement above stands.
		ensure!(attempted > 0 || progressed, Error::<T>::NothingToClaim);
		Ok(T::WeightInfo::claim(touched.max(attempted)).saturating_add(settled))
	}

	/// The most `claim` may weigh: every entry paid (its benchmark reads the caller's vault
	/// lists and cursor), its settlement budget, and the two lists rewritten when vaults were
	/// dropped.
	pub(crate) fn claim_weight() -> Weight {
		let vaults = T::MaxVaultsPerHolder::get()
			.saturating_add(T::MaxReceivedVaults::get())
			.saturating_add(T::MaxVaultsPerOperator::get());
		T::WeightInfo::claim(vaults.max(T::MaxClaimEntries::get()))
			.saturating_add(Self::claim_settle_budget())
			.saturating_add(T::DbWeight::get().writes(2))
	}

	/// The most `claim_from` over `n` vaults may weigh: each synced (all pairs) and settled
	/// (all sources) after reading the caller's LRT there, the operator's vault list once, and
	/// all entries paid.
	pub(crate) fn claim_from_weight(n: u32) -> Weight {
		T::WeightInfo::claim(n.max(T::MaxClaimEntries::get()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(Self::settle_in_weight().saturating_mul(n.into()))
	}

	/// What retired vault pools hold in `asset` beyond what their holders were settled: owed
	/// to LRT not settled yet, or rounding dust once it was (kept in [`RetiredDust`]).
	/// Iterates over every vault's retired sources: off-chain use only.
	pub fn retired_unsettled(asset: &T::AssetKind) -> u128 {
		Retired::<T>::iter_values()
			.flat_map(|retired| retired.entries.into_iter())
			.filter(|e| source_asset(&e.source).as_ref() == Some(asset))
			.map(|e| e.pool.credited.saturating_sub(e.pool.settled))
			.fold(RetiredDust::<T>::get(asset), |total, owed| total.saturating_add(owed))
	}

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

/// The asset a token source pays in (`None` for points).
pub(crate) fn source_asset<A: Clone>(source: &Source<A>) -> Option<A> {
	match source {
		Source::Avs { asset, .. }
		| Source::Commission { asset, .. }
		| Source::Vault { asset, .. }
		| Source::Bounty { asset, .. } => Some(asset.clone()),
		Source::Points { .. } => None,
	}
}

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
				AvsWeights::<T>::mutate(pair.avs, |w| *w = w.saturating_sub(pair.weight));
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
