//! The withdrawal queue: `request_withdrawal`, `claim_withdrawals`, `cancel_withdrawal`.

use crate::{pallet::*, types::*, vault::QUEUE_VIRTUAL_UNITS};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::traits::fungibles::{Inspect, Mutate};
use polkadot_sdk::frame_support::traits::tokens::{Fortitude, Precision, Preservation};
use polkadot_sdk::frame_support::traits::{DefensiveResult, DefensiveSaturating};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::traits::{Saturating, Zero};
use restake_primitives::shares::shares_for_deposit;
use restake_primitives::traits::{OnSharesChanged, OnStakeChanged, SlashHolds};
use restake_primitives::VaultId;

/// A withdrawal request as [`Pallet::plan_withdrawal`] worked it out.
pub(crate) struct WithdrawalPlan<T: Config> {
	/// The vault after the request (its due rewards released).
	pub vault: VaultOf<T>,
	/// Its compounding rewards after the release, to store.
	pub drip: Option<DripOf<T>>,
	/// The holder's LRT balance before the request.
	pub held: u128,
	/// The request to queue.
	pub request: WithdrawalRequest<BlockNumberFor<T>>,
}

impl<T: Config> Pallet<T> {
	/// What a withdrawal request for `shares` of vault `vault_id` would do now, with every check
	/// the request makes: the one function behind both [`Pallet::request_withdrawal`] (for
	/// `holder`'s shares) and [`Pallet::preview_withdraw`] (`holder = None`: any holder, so at
	/// most the whole supply), so the preview cannot drift from the call. Reads storage, writes
	/// nothing.
	pub(crate) fn plan_withdrawal(
		vault_id: VaultId,
		shares: u128,
		holder: Option<&T::AccountId>,
	) -> Result<WithdrawalPlan<T>, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let mut vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let held = holder.map_or(vault.total_shares, |who| T::Lrt::balance(vault.lrt, who));
		ensure!(held >= shares, Error::<T>::InsufficientShares);
		let drip = Self::apply_released(vault_id, &mut vault);
		let assets = Self::assets_for(&vault, shares)?.min(vault.total_assets);
		ensure!(!assets.is_zero(), Error::<T>::WithdrawalTooSmall);
		let units = shares_for_deposit(
			assets,
			vault.queued_assets,
			vault.queued_units,
			QUEUE_VIRTUAL_UNITS,
		)
		.map_err(|_| Error::<T>::Overflow)?;
		ensure!(!units.is_zero(), Error::<T>::WithdrawalTooSmall);
		vault.queued_assets =
			vault.queued_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
		vault.queued_units = vault.queued_units.checked_add(units).ok_or(Error::<T>::Overflow)?;
		// `assets ≤ total_assets`, and `shares ≤ held ≤ total_shares` (the LRT supply).
		vault.total_assets.saturating_reduce(assets);
		vault.total_shares.defensive_saturating_reduce(shares);
		let unlock_at = Self::now().saturating_add(vault.params.withdrawal_delay);
		let request = WithdrawalRequest { shares, assets_at_request: assets, units, unlock_at };
		Ok(WithdrawalPlan { vault, drip, held, request })
	}

	pub(crate) fn do_request_withdrawal(
		who: &T::AccountId,
		vault_id: VaultId,
		shares: u128,
	) -> Result<(u128, Weight), DispatchError> {
		let WithdrawalPlan { vault, drip, held, request } =
			Self::plan_withdrawal(vault_id, shares, Some(who))?;
		Self::store_drip(vault_id, drip);
		Withdrawals::<T>::try_mutate(vault_id, who, |requests| {
			requests.try_push(request).map_err(|_| Error::<T>::TooManyWithdrawalRequests)
		})?;
		let mut hooks = T::OnSharesChanged::before_shares_change(vault_id, who, held);
		T::Lrt::burn_from(
			vault.lrt,
			who,
			shares,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Vaults::<T>::insert(vault_id, vault);
		let assets = request.assets_at_request;
		Self::deposit_event(Event::WithdrawalRequested {
			vault: vault_id,
			who: who.clone(),
			shares,
			assets,
			unlock_at: request.unlock_at,
		});
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((assets, hooks))
	}

	/// Pays every unlocked request of `owner`; returns the amount paid and how many requests
	/// were scanned (for the weight).
	pub(crate) fn do_claim_withdrawals(
		vault_id: VaultId,
		owner: &T::AccountId,
	) -> Result<(u128, u32), DispatchError> {
		let mut vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let requests = Withdrawals::<T>::get(vault_id, owner);
		let scanned = requests.len() as u32;
		let now = Self::now();
		// A withdrawal that matured after a pending request captured the vault was slashable
		// when the request was made: it waits for the outcome. Earlier ones had left.
		let held_since = T::SlashHolds::vault_held_since(vault_id);
		let payable = |request: &WithdrawalRequest<BlockNumberFor<T>>| {
			request.unlock_at <= now && held_since.is_none_or(|since| request.unlock_at <= since)
		};
		let (due, pending): (Vec<_>, Vec<_>) = requests.into_iter().partition(payable);
		if due.is_empty() {
			let matured = pending.iter().any(|request| request.unlock_at <= now);
			let refusal =
				if matured { Error::<T>::SlashPending } else { Error::<T>::NothingToClaim };
			return Err(refusal.into());
		}

		let mut paid: u128 = 0;
		for request in &due {
			let value_now = Self::queue_value(&vault, request.units)?;
			let pay = value_now.min(request.assets_at_request).min(vault.queued_assets);
			vault.queued_assets.saturating_reduce(pay);
			// The requests' units sum to `queued_units`.
			vault.queued_units.defensive_saturating_reduce(request.units);
			paid = paid.saturating_add(pay);
		}
		vault.flows.withdrawn.saturating_accrue(paid);
		if vault.queued_units.is_zero() && !vault.queued_assets.is_zero() {
			// Rounding left value in an empty queue: it belongs to the active holders.
			vault.total_assets = vault.total_assets.saturating_add(vault.queued_assets);
			vault.queued_assets = 0;
		}

		if !paid.is_zero() {
			T::Assets::transfer(
				vault.asset.clone(),
				&Self::vault_account(vault_id),
				owner,
				paid,
				Preservation::Preserve,
			)?;
		}
		if pending.is_empty() {
			Withdrawals::<T>::remove(vault_id, owner);
		} else {
			let pending: WithdrawalsOf<T> = pending
				.try_into()
				.defensive_map_err(|_| DispatchError::Other("fewer requests than before"))?;
			Withdrawals::<T>::insert(vault_id, owner, pending);
		}
		Vaults::<T>::insert(vault_id, vault);
		Self::deposit_event(Event::WithdrawalsClaimed {
			vault: vault_id,
			who: owner.clone(),
			assets: paid,
			requests: due.len() as u32,
		});
		Ok((paid, scanned))
	}

	/// Cancels `who`'s queued withdrawal at `index` (whose unlock block must be `unlock_at`):
	/// LRT worth what the request would pay now is minted back at the current rate and its
	/// assets return from the queue to the active assets. Returns the shares minted and the
	/// weight of the hooks.
	pub(crate) fn do_cancel_withdrawal(
		who: &T::AccountId,
		vault_id: VaultId,
		index: u32,
		unlock_at: BlockNumberFor<T>,
	) -> Result<(u128, Weight), DispatchError> {
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				let mut requests = Withdrawals::<T>::get(vault_id, who);
				let request = requests
					.get(index as usize)
					.copied()
					.filter(|request| request.unlock_at == unlock_at)
					.ok_or(Error::<T>::WithdrawalNotFound)?;
				Self::release_rewards(vault_id, vault);
				// What a claim would pay now: a slash that reached the queue since the request
				// is borne, a rise of the queue's value is not taken.
				let assets = Self::queue_value(vault, request.units)?
					.min(request.assets_at_request)
					.min(vault.queued_assets);
				let shares = Self::shares_for(vault, assets)?;
				ensure!(!shares.is_zero(), Error::<T>::CancellationTooSmall);
				let mut total_assets =
					vault.total_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
				let total_shares =
					vault.total_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;
				let mut queued_assets = vault.queued_assets.saturating_sub(assets);
				// The requests' units sum to `queued_units`.
				let queued_units = vault.queued_units.defensive_saturating_sub(request.units);
				if queued_units.is_zero() && !queued_assets.is_zero() {
					// Rounding left value in an empty queue: it belongs to the active holders
					// (as when the last request is claimed).
					total_assets =
						total_assets.checked_add(queued_assets).ok_or(Error::<T>::Overflow)?;
					queued_assets = 0;
				}

				requests.remove(index as usize);
				if requests.is_empty() {
					Withdrawals::<T>::remove(vault_id, who);
				} else {
					Withdrawals::<T>::insert(vault_id, who, requests);
				}
				hooks = T::OnSharesChanged::before_shares_change(
					vault_id,
					who,
					T::Lrt::balance(vault.lrt, who),
				);
				T::Lrt::mint_into(vault.lrt, who, shares)?;
				vault.total_assets = total_assets;
				vault.total_shares = total_shares;
				vault.queued_assets = queued_assets;
				vault.queued_units = queued_units;

				Self::deposit_event(Event::WithdrawalCancelled {
					vault: vault_id,
					who: who.clone(),
					assets,
					shares,
					unlock_at,
				});
				Ok(shares)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
	}
}
