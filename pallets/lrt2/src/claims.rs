//! Claims: the holder's claim lists (own and received vaults), `claim` and `claim_from`,
//! and paying out settled entries (a window that resumes after the last entry looked at).

use crate::prelude::*;

impl<T: Config> Pallet<T> {
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

	/// `track_vault`: puts a vault `who` holds LRT in into its own claim list.
	pub(crate) fn do_track_vault(who: T::AccountId, vault: VaultId) -> DispatchResult {
		ensure!(!T::Vaults::shares_of(vault, &who).is_zero(), Error::<T>::NoSharesInVault);
		Self::track_own(&who, vault).map_err(|_| Error::<T>::TooManyVaults)?;
		Self::deposit_event(Event::VaultTracked { who, vault });
		Ok(())
	}

	/// `settle`: settles `holder` in `vault` at its LRT there. Returns the weight it used,
	/// with the reads of the vault and the holder's LRT.
	pub(crate) fn do_settle(
		vault: VaultId,
		holder: &T::AccountId,
	) -> Result<Weight, DispatchError> {
		ensure!(T::Vaults::vault_exists(vault), Error::<T>::VaultNotFound);
		let shares = T::Vaults::shares_of(vault, holder);
		ensure!(!shares.is_zero(), Error::<T>::NotAHolder);
		Ok(Self::settle_in(vault, holder, shares).saturating_add(T::DbWeight::get().reads(2)))
	}

	/// Puts `vault` in `who`'s received list unless it is tracked already or the list is full.
	/// Writes only when it adds it.
	pub(crate) fn track_received(who: &T::AccountId, vault: VaultId) {
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
	pub(crate) fn pay_entries(
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
				// A key never exceeds `ClaimKeyLimit`: were it to, the cursor is not kept (the
				// next claim starts from the first entry) rather than kept truncated.
				let key = Earned::<T>::hashed_key_for(who, last);
				match polkadot_sdk::frame_support::BoundedVec::<u8, ClaimKeyLimit>::try_from(key) {
					Ok(key) => ClaimCursor::<T>::insert(who, key),
					Err(_) => {
						polkadot_sdk::frame_support::defensive!("an Earned key fits ClaimKeyLimit");
					},
				}
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
}
