//! The vault pallet's logic (`do_*`), its queries, its invariants, and the traits other
//! pallets use.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{
			fungible::{self, Mutate as _, MutateHold as _},
			fungibles::{self, metadata::MetadataDeposit, Create, Destroy, Inspect, Mutate},
			tokens::{fungible::NativeOrWithId, Fortitude, Precision, Preservation},
		},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{
		traits::{AccountIdConversion, Saturating, Zero},
		Perbill,
	},
};
use restake_primitives::{
	drip::Drip,
	shares::{assets_for_shares, fee_shares_for_reward, shares_for_deposit, split_pro_rata},
	traits::{
		OnSharesChanged, OnStakeChanged, SlashHolds, VaultAllocations, VaultCompound, VaultInspect,
		VaultSlash,
	},
	AvsId, SlashDestination, VaultId,
};

/// The withdrawal queue prices its units with one virtual unit, like a vault with `V = 1`.
const QUEUE_VIRTUAL_UNITS: u128 = 1;

impl<T: Config> Pallet<T> {
	/// The keyless account that holds vault `vault`'s assets.
	pub fn vault_account(vault: VaultId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(vault)
	}

	/// Whether `asset` is in the LRT id range (`LrtAssetIdOffset..`).
	pub fn is_lrt_asset(asset: &AssetKindOf<T>) -> bool {
		matches!(asset, NativeOrWithId::WithId(id) if *id >= T::LrtAssetIdOffset::get().into())
	}

	/// The `pallet-assets` id of vault `vault`'s LRT.
	pub fn lrt_asset_id(vault: VaultId) -> Result<T::AssetId, Error<T>> {
		T::LrtAssetIdOffset::get()
			.checked_add(vault)
			.map(Into::into)
			.ok_or(Error::<T>::Overflow)
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	fn ensure_curator(who: &T::AccountId, vault: &VaultOf<T>) -> DispatchResult {
		ensure!(&vault.curator == who, Error::<T>::NotCurator);
		Ok(())
	}

	/// Block from which a risk-raising change made now applies.
	fn risk_change_effective_at(vault: &VaultOf<T>) -> BlockNumberFor<T> {
		Self::now()
			.saturating_add(vault.params.withdrawal_delay)
			.saturating_add(T::RiskChangeExtraDelay::get())
	}

	/// Applies a scheduled fee increase once due; returns the fee in force.
	fn apply_due_fee(vault: &mut VaultOf<T>) -> Perbill {
		if let Some((fee, at)) = vault.pending_fee {
			if Self::now() >= at {
				vault.params.curator_fee = fee;
				vault.pending_fee = None;
			}
		}
		vault.params.curator_fee
	}

	/// Applies to `vault` (a copy of vault `vault_id`) what its compounding rewards released
	/// since they were last applied, and returns their drip as it is then (`None` when there
	/// is none). While the vault has no shares a drip waits: nobody could receive it.
	fn apply_released(vault_id: VaultId, vault: &mut VaultOf<T>) -> Option<DripOf<T>> {
		let mut drip = CompoundDrips::<T>::get(vault_id)?;
		let now = Self::now();
		if vault.total_shares.is_zero() {
			drip.pause(now);
		} else {
			let due = drip.due_at(now);
			vault.total_assets.saturating_accrue(due);
			drip.release(due, now);
		}
		Some(drip)
	}

	/// Moves into the vault's assets what its compounding rewards released so far: called
	/// before every change of its assets or shares, so each holder earns exactly the part
	/// released while it held its LRT.
	pub(crate) fn release_rewards(vault_id: VaultId, vault: &mut VaultOf<T>) {
		match Self::apply_released(vault_id, vault) {
			Some(drip) if drip.is_done() => CompoundDrips::<T>::remove(vault_id),
			Some(drip) => CompoundDrips::<T>::insert(vault_id, drip),
			None => {},
		}
	}

	/// The vault as it would be after releasing its due rewards (for views).
	pub(crate) fn current(vault_id: VaultId) -> Option<VaultOf<T>> {
		let mut vault = Vaults::<T>::get(vault_id)?;
		Self::apply_released(vault_id, &mut vault);
		Some(vault)
	}

	fn check_params(params: &VaultParams<BlockNumberFor<T>>) -> DispatchResult {
		ensure!(
			params.withdrawal_delay >= T::MinWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooShort
		);
		ensure!(
			params.withdrawal_delay <= T::MaxWithdrawalDelay::get(),
			Error::<T>::WithdrawalDelayTooLong
		);
		ensure!(params.curator_fee <= T::MaxCuratorFee::get(), Error::<T>::CuratorFeeTooHigh);
		ensure!(params.min_deposit <= params.deposit_cap, Error::<T>::MinimumAboveCap);
		Ok(())
	}

	pub(crate) fn do_create_vault(
		curator: T::AccountId,
		asset: AssetKindOf<T>,
		params: VaultParams<BlockNumberFor<T>>,
		lrt_name: LrtStringOf<T>,
		lrt_symbol: LrtStringOf<T>,
		lrt_decimals: u8,
	) -> Result<VaultId, DispatchError> {
		Self::check_params(&params)?;
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		ensure!(!Self::is_lrt_asset(&asset), Error::<T>::LrtNotAccepted);
		let id = NextVaultId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::VaultIdsExhausted)?;
		let lrt = Self::lrt_asset_id(id)?;
		ensure!(!T::Lrt::asset_exists(lrt), Error::<T>::LrtAssetIdTaken);
		let account = Self::vault_account(id);

		let deposit = T::VaultDeposit::get();
		T::NativeBalance::hold(&HoldReason::VaultCreation.into(), &curator, deposit)?;

		// Seed the vault account so it can never be reaped: the native existential deposit
		// plus what pallet-assets reserves for the LRT metadata, and for an asset vault the
		// asset's minimum balance.
		let existential = <T::NativeBalance as fungible::Inspect<_>>::minimum_balance();
		let metadata_deposit = T::Lrt::calc_metadata_deposit(&lrt_name, &lrt_symbol);
		let native_seed = existential.checked_add(metadata_deposit).ok_or(Error::<T>::Overflow)?;
		T::NativeBalance::transfer(&curator, &account, native_seed, Preservation::Preserve)?;
		let seed = match asset {
			NativeOrWithId::Native => existential,
			NativeOrWithId::WithId(_) => {
				let min_balance = T::Assets::minimum_balance(asset.clone());
				if !min_balance.is_zero() {
					T::Assets::transfer(
						asset.clone(),
						&curator,
						&account,
						min_balance,
						Preservation::Expendable,
					)?;
				}
				min_balance
			},
		};

		T::Lrt::create(lrt, account.clone(), true, 1)?;
		<T::Lrt as fungibles::metadata::Mutate<_>>::set(
			lrt,
			&account,
			lrt_name.into_inner(),
			lrt_symbol.into_inner(),
			lrt_decimals,
		)?;

		Vaults::<T>::insert(
			id,
			Vault {
				curator: curator.clone(),
				pending_curator: None,
				asset: asset.clone(),
				lrt,
				total_assets: 0,
				total_shares: 0,
				queued_assets: 0,
				queued_units: 0,
				params,
				pending_fee: None,
				allowed_avs: Default::default(),
				pause: PauseState::Active,
				deposit,
				seed,
				flows: Default::default(),
			},
		);
		NextVaultId::<T>::put(next_id);
		Self::deposit_event(Event::VaultCreated { vault: id, curator, asset, lrt });
		Ok(id)
	}

	pub(crate) fn do_deposit(
		who: &T::AccountId,
		vault_id: VaultId,
		assets: u128,
	) -> Result<(u128, Weight), DispatchError> {
		ensure!(!assets.is_zero(), Error::<T>::ZeroAmount);
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				ensure!(!vault.pause.is_paused(), Error::<T>::DepositsPaused);
				ensure!(assets >= vault.params.min_deposit, Error::<T>::BelowMinimumDeposit);
				Self::release_rewards(vault_id, vault);
				let total_assets =
					vault.total_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
				ensure!(total_assets <= vault.params.deposit_cap, Error::<T>::DepositCapExceeded);
				let shares = Self::shares_for(vault, assets)?;
				ensure!(!shares.is_zero(), Error::<T>::DepositTooSmall);
				let total_shares =
					vault.total_shares.checked_add(shares).ok_or(Error::<T>::Overflow)?;

				hooks = T::OnSharesChanged::before_shares_change(
					vault_id,
					who,
					T::Lrt::balance(vault.lrt, who),
				);
				T::Assets::transfer(
					vault.asset.clone(),
					who,
					&Self::vault_account(vault_id),
					assets,
					Preservation::Expendable,
				)?;
				T::Lrt::mint_into(vault.lrt, who, shares)?;
				vault.total_assets = total_assets;
				vault.total_shares = total_shares;
				vault.flows.deposited.saturating_accrue(assets);

				Self::deposit_event(Event::Deposited {
					vault: vault_id,
					who: who.clone(),
					assets,
					shares,
				});
				Ok(shares)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
	}

	pub(crate) fn do_request_withdrawal(
		who: &T::AccountId,
		vault_id: VaultId,
		shares: u128,
	) -> Result<(u128, Weight), DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				let held = T::Lrt::balance(vault.lrt, who);
				ensure!(held >= shares, Error::<T>::InsufficientShares);
				Self::release_rewards(vault_id, vault);
				let assets = Self::assets_for(vault, shares)?.min(vault.total_assets);
				ensure!(!assets.is_zero(), Error::<T>::WithdrawalTooSmall);
				let units = shares_for_deposit(
					assets,
					vault.queued_assets,
					vault.queued_units,
					QUEUE_VIRTUAL_UNITS,
				)
				.map_err(|_| Error::<T>::Overflow)?;
				ensure!(!units.is_zero(), Error::<T>::WithdrawalTooSmall);
				let queued_assets =
					vault.queued_assets.checked_add(assets).ok_or(Error::<T>::Overflow)?;
				let queued_units =
					vault.queued_units.checked_add(units).ok_or(Error::<T>::Overflow)?;
				let unlock_at = Self::now().saturating_add(vault.params.withdrawal_delay);

				Withdrawals::<T>::try_mutate(vault_id, who, |requests| {
					requests
						.try_push(WithdrawalRequest {
							shares,
							assets_at_request: assets,
							units,
							unlock_at,
						})
						.map_err(|_| Error::<T>::TooManyWithdrawalRequests)
				})?;
				hooks = T::OnSharesChanged::before_shares_change(vault_id, who, held);
				T::Lrt::burn_from(
					vault.lrt,
					who,
					shares,
					Preservation::Expendable,
					Precision::Exact,
					Fortitude::Polite,
				)?;
				// `assets ≤ total_assets` and `shares ≤ held ≤ total_shares`.
				vault.total_assets.saturating_reduce(assets);
				vault.total_shares.saturating_reduce(shares);
				vault.queued_assets = queued_assets;
				vault.queued_units = queued_units;

				Self::deposit_event(Event::WithdrawalRequested {
					vault: vault_id,
					who: who.clone(),
					shares,
					assets,
					unlock_at,
				});
				Ok(assets)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
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
			vault.queued_units.saturating_reduce(request.units);
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
				.map_err(|_| DispatchError::Other("fewer requests than before"))?;
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
				let queued_units = vault.queued_units.saturating_sub(request.units);
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

	pub(crate) fn do_set_limits(
		who: &T::AccountId,
		vault_id: VaultId,
		deposit_cap: u128,
		min_deposit: u128,
	) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::ensure_curator(who, vault)?;
			ensure!(min_deposit <= deposit_cap, Error::<T>::MinimumAboveCap);
			vault.params.deposit_cap = deposit_cap;
			vault.params.min_deposit = min_deposit;
			Self::deposit_event(Event::LimitsUpdated { vault: vault_id, deposit_cap, min_deposit });
			Ok(())
		})
	}

	pub(crate) fn do_set_curator_fee(
		who: &T::AccountId,
		vault_id: VaultId,
		fee: Perbill,
	) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::ensure_curator(who, vault)?;
			ensure!(fee <= T::MaxCuratorFee::get(), Error::<T>::CuratorFeeTooHigh);
			let current = Self::apply_due_fee(vault);
			if fee <= current {
				vault.params.curator_fee = fee;
				vault.pending_fee = None;
				Self::deposit_event(Event::CuratorFeeUpdated { vault: vault_id, fee });
			} else {
				let effective_at = Self::risk_change_effective_at(vault);
				vault.pending_fee = Some((fee, effective_at));
				Self::deposit_event(Event::CuratorFeeIncreaseScheduled {
					vault: vault_id,
					fee,
					effective_at,
				});
			}
			Ok(())
		})
	}

	/// `who` is `None` when governance (`AdminOrigin`) calls.
	pub(crate) fn do_set_paused(
		who: Option<&T::AccountId>,
		vault_id: VaultId,
		paused: bool,
	) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			let by_governance = match who {
				None => true,
				Some(who) => {
					ensure!(&vault.curator == who, Error::<T>::NotCuratorOrAdmin);
					ensure!(
						vault.pause != PauseState::PausedByGovernance,
						Error::<T>::PausedByGovernance
					);
					false
				},
			};
			if paused {
				vault.pause = if by_governance {
					PauseState::PausedByGovernance
				} else {
					PauseState::PausedByCurator
				};
				Self::deposit_event(Event::VaultPaused { vault: vault_id, by_governance });
			} else {
				ensure!(vault.pause.is_paused(), Error::<T>::NotPaused);
				vault.pause = PauseState::Active;
				Self::deposit_event(Event::VaultResumed { vault: vault_id });
			}
			Ok(())
		})
	}

	pub(crate) fn do_allow_avs(
		who: &T::AccountId,
		vault_id: VaultId,
		avs: AvsId,
	) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::ensure_curator(who, vault)?;
			ensure!(T::Allocations::avs_exists(avs), Error::<T>::AvsNotFound);
			ensure!(!vault.allowed_avs.contains_key(&avs), Error::<T>::AvsAlreadyAllowed);
			let effective_at = Self::risk_change_effective_at(vault);
			vault
				.allowed_avs
				.try_insert(avs, effective_at)
				.map_err(|_| Error::<T>::TooManyAllowedAvs)?;
			Self::deposit_event(Event::AvsAllowed { vault: vault_id, avs, effective_at });
			Ok(())
		})
	}

	/// Returns the weight the operator pallet used winding the allocations down.
	pub(crate) fn do_disallow_avs(
		who: &T::AccountId,
		vault_id: VaultId,
		avs: AvsId,
	) -> Result<Weight, DispatchError> {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> DispatchResult {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::ensure_curator(who, vault)?;
			vault.allowed_avs.remove(&avs).ok_or(Error::<T>::AvsNotAllowed)?;
			Self::deposit_event(Event::AvsDisallowed { vault: vault_id, avs });
			Ok(())
		})?;
		// After the vault is stored: the stake observers the wind-down tells read it.
		Ok(T::Allocations::wind_down_avs(vault_id, avs))
	}

	pub(crate) fn do_propose_curator(
		who: &T::AccountId,
		vault_id: VaultId,
		proposed: T::AccountId,
	) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::ensure_curator(who, vault)?;
			vault.pending_curator = Some(proposed.clone());
			Self::deposit_event(Event::CuratorProposed { vault: vault_id, proposed });
			Ok(())
		})
	}

	pub(crate) fn do_accept_curatorship(who: &T::AccountId, vault_id: VaultId) -> DispatchResult {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			ensure!(vault.pending_curator.as_ref() == Some(who), Error::<T>::NotProposedCurator);
			let reason = HoldReason::VaultCreation.into();
			T::NativeBalance::hold(&reason, who, vault.deposit)?;
			T::NativeBalance::release(&reason, &vault.curator, vault.deposit, Precision::Exact)?;
			let old = core::mem::replace(&mut vault.curator, who.clone());
			vault.pending_curator = None;
			Self::deposit_event(Event::CuratorChanged { vault: vault_id, old, new: who.clone() });
			Ok(())
		})
	}

	pub(crate) fn do_add_rewards(
		from: &T::AccountId,
		vault_id: VaultId,
		assets: u128,
	) -> Result<(u128, Weight), DispatchError> {
		ensure!(!assets.is_zero(), Error::<T>::ZeroAmount);
		let mut hooks = Weight::zero();
		let result =
			Vaults::<T>::try_mutate(vault_id, |maybe_vault| -> Result<u128, DispatchError> {
				let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
				ensure!(!vault.total_shares.is_zero(), Error::<T>::VaultHasNoHolders);
				Self::release_rewards(vault_id, vault);
				let fee = Self::apply_due_fee(vault);
				// The curator gets LRT worth its fee once this reward and every earlier one
				// still being released are in; what that LRT is worth now goes in at once
				// (nobody's value moves), the rest reaches the rate over the release period.
				let unreleased = CompoundDrips::<T>::get(vault_id).map_or(0, |d| d.remaining);
				let (fee_shares, backing) = fee_shares_for_reward(
					fee.mul_floor(assets),
					assets,
					unreleased,
					vault.total_assets,
					vault.total_shares,
					T::VirtualShares::get(),
				)
				.map_err(|_| Error::<T>::Overflow)?;
				let released_later = assets.saturating_sub(backing);
				let total_assets =
					vault.total_assets.checked_add(backing).ok_or(Error::<T>::Overflow)?;
				let total_shares =
					vault.total_shares.checked_add(fee_shares).ok_or(Error::<T>::Overflow)?;
				let now = Self::now();
				let period = T::RewardReleasePeriod::get();
				CompoundDrips::<T>::try_mutate(vault_id, |drip| {
					drip.get_or_insert(Drip::new(0, now, period))
						.top_up(released_later, now, period)
						.ok_or(Error::<T>::Overflow)
				})?;

				T::Assets::transfer(
					vault.asset.clone(),
					from,
					&Self::vault_account(vault_id),
					assets,
					Preservation::Expendable,
				)?;
				if !fee_shares.is_zero() {
					hooks = T::OnSharesChanged::before_shares_change(
						vault_id,
						&vault.curator,
						T::Lrt::balance(vault.lrt, &vault.curator),
					);
					T::Lrt::mint_into(vault.lrt, &vault.curator, fee_shares)?;
				}
				vault.total_assets = total_assets;
				vault.total_shares = total_shares;
				vault.flows.rewarded.saturating_accrue(assets);
				Self::deposit_event(Event::RewardsAdded {
					vault: vault_id,
					from: from.clone(),
					assets,
					fee_shares,
					until: now.saturating_add(period),
				});
				Ok(fee_shares)
			})?;
		hooks.saturating_accrue(T::OnStakeChanged::on_stake_changed(vault_id));
		Ok((result, hooks))
	}

	pub(crate) fn do_transfer_shares(
		from: &T::AccountId,
		vault_id: VaultId,
		to: &T::AccountId,
		shares: u128,
	) -> Result<Weight, DispatchError> {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let held = T::Lrt::balance(vault.lrt, from);
		ensure!(held >= shares, Error::<T>::InsufficientShares);
		let hooks = T::OnSharesChanged::before_shares_change(vault_id, from, held).saturating_add(
			T::OnSharesChanged::before_shares_received(
				vault_id,
				to,
				T::Lrt::balance(vault.lrt, to),
			),
		);
		T::Lrt::transfer(vault.lrt, from, to, shares, Preservation::Expendable)?;
		Self::deposit_event(Event::SharesTransferred {
			vault: vault_id,
			from: from.clone(),
			to: to.clone(),
			shares,
		});
		Ok(hooks)
	}

	pub(crate) fn do_destroy_vault(who: &T::AccountId, vault_id: VaultId) -> DispatchResult {
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		Self::ensure_curator(who, &vault)?;
		ensure!(
			vault.total_shares.is_zero() && vault.queued_units.is_zero(),
			Error::<T>::VaultNotEmpty
		);
		ensure!(!T::Allocations::has_allocations(vault_id), Error::<T>::VaultHasAllocations);
		ensure!(Escrowed::<T>::get(vault_id).is_zero(), Error::<T>::EscrowPending);
		T::Lrt::start_destroy(vault.lrt, None)?;
		T::Lrt::destroy_accounts(vault.lrt, 0)?;
		T::Lrt::destroy_approvals(vault.lrt, 0)?;
		T::Lrt::finish_destroy(vault.lrt)?;

		// Return the seed (and any rounding dust or donation) and the metadata deposit.
		let account = Self::vault_account(vault_id);
		let underlying = T::Assets::balance(vault.asset.clone(), &account);
		if !underlying.is_zero() {
			T::Assets::transfer(
				vault.asset.clone(),
				&account,
				who,
				underlying,
				Preservation::Expendable,
			)?;
		}
		let native = <T::NativeBalance as fungible::Inspect<_>>::balance(&account);
		if !native.is_zero() {
			T::NativeBalance::transfer(&account, who, native, Preservation::Expendable)?;
		}
		T::NativeBalance::release(
			&HoldReason::VaultCreation.into(),
			who,
			vault.deposit,
			Precision::Exact,
		)?;
		Vaults::<T>::remove(vault_id);
		CompoundDrips::<T>::remove(vault_id);
		T::OnSharesChanged::on_vault_destroyed(vault_id, who);
		Self::deposit_event(Event::VaultDestroyed { vault: vault_id });
		Ok(())
	}

	pub(crate) fn shares_for(vault: &VaultOf<T>, assets: u128) -> Result<u128, Error<T>> {
		shares_for_deposit(assets, vault.total_assets, vault.total_shares, T::VirtualShares::get())
			.map_err(|_| Error::<T>::Overflow)
	}

	pub(crate) fn assets_for(vault: &VaultOf<T>, shares: u128) -> Result<u128, Error<T>> {
		assets_for_shares(shares, vault.total_assets, vault.total_shares, T::VirtualShares::get())
			.map_err(|_| Error::<T>::Overflow)
	}

	pub(crate) fn queue_value(vault: &VaultOf<T>, units: u128) -> Result<u128, Error<T>> {
		assets_for_shares(units, vault.queued_assets, vault.queued_units, QUEUE_VIRTUAL_UNITS)
			.map_err(|_| Error::<T>::Overflow)
	}

	/// For other pallets' benchmarks: a native vault curated by `curator` (who must hold
	/// enough native balance), with stake, whose allowlist permits `avs` at once.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn create_benchmark_vault(
		curator: &T::AccountId,
		avs: AvsId,
	) -> Result<VaultId, DispatchError> {
		let name: LrtStringOf<T> =
			b"Benchmark".to_vec().try_into().map_err(|_| Error::<T>::Overflow)?;
		let params = VaultParams {
			deposit_cap: u128::MAX,
			min_deposit: 1,
			withdrawal_delay: T::MinWithdrawalDelay::get(),
			curator_fee: Perbill::zero(),
		};
		let id = Self::do_create_vault(
			curator.clone(),
			NativeOrWithId::Native,
			params,
			name.clone(),
			name,
			15,
		)?;
		// A depositor per vault: one account's reward positions are bounded (LRT²).
		let depositor: T::AccountId = polkadot_sdk::frame_benchmarking::account("depositor", id, 0);
		T::NativeBalance::mint_into(&depositor, 2_000_000_000_000_000)?;
		Self::do_deposit(&depositor, id, 1_000_000_000_000_000)?;
		Vaults::<T>::try_mutate(id, |v| -> DispatchResult {
			let vault = v.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			vault
				.allowed_avs
				.try_insert(avs, Zero::zero())
				.map_err(|_| Error::<T>::TooManyAllowedAvs)?;
			Ok(())
		})?;
		Ok(id)
	}

	// ---- Queries (runtime API) ----

	/// Checks the pallet's invariants. Iterates over everything: off-chain use only.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let next = NextVaultId::<T>::get();
		for (id, vault) in Vaults::<T>::iter() {
			ensure!(id < next, "vault id at or above NextVaultId");
			ensure!(
				T::Lrt::total_issuance(vault.lrt) == vault.total_shares,
				"LRT supply differs from total_shares"
			);
			let held = T::Assets::balance(vault.asset.clone(), &Self::vault_account(id));
			let unreleased = CompoundDrips::<T>::get(id).map_or(0, |d| d.remaining);
			let accounted = vault
				.total_assets
				.checked_add(vault.queued_assets)
				.and_then(|x| x.checked_add(vault.seed))
				.and_then(|x| x.checked_add(Escrowed::<T>::get(id)))
				.and_then(|x| x.checked_add(unreleased))
				.ok_or("accounted assets overflow")?;
			ensure!(
				vault.params.withdrawal_delay <= T::MaxWithdrawalDelay::get(),
				"a vault's withdrawal delay exceeds the runtime's maximum"
			);
			ensure!(held >= accounted, "vault account holds less than the vault accounts for");
			let mut units: u128 = 0;
			for (_, requests) in Withdrawals::<T>::iter_prefix(id) {
				ensure!(!requests.is_empty(), "empty withdrawal list stored");
				for request in requests {
					ensure!(!request.units.is_zero(), "withdrawal request without units");
					units = units.checked_add(request.units).ok_or("queue units overflow")?;
				}
			}
			ensure!(units == vault.queued_units, "queued units differ from the requests");
			ensure!(
				!vault.queued_units.is_zero() || vault.queued_assets.is_zero(),
				"queued assets without queued units"
			);
			ensure!(vault.params.curator_fee <= T::MaxCuratorFee::get(), "curator fee above max");
			let (flowed_in, flowed_out) = vault.flows.totals().ok_or("vault flows overflow")?;
			ensure!(
				Some(flowed_in)
					== vault
						.total_assets
						.checked_add(vault.queued_assets)
						.and_then(|x| x.checked_add(flowed_out))
						.and_then(|x| x.checked_add(unreleased)),
				"deposited + rewarded differs from assets + unreleased + withdrawn + slashed"
			);
		}
		for (id, _, _) in Withdrawals::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "withdrawals of a missing vault");
		}
		for (id, _) in Escrowed::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "escrow of a missing vault");
		}
		for (id, drip) in CompoundDrips::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(id), "released rewards of a missing vault");
			ensure!(!drip.is_done(), "an empty drip stored");
		}

		Ok(())
	}
}

impl<T: Config> VaultInspect<T::AccountId, u128> for Pallet<T> {
	type AssetKind = AssetKindOf<T>;

	fn vault_asset(vault: VaultId) -> Option<AssetKindOf<T>> {
		Vaults::<T>::get(vault).map(|v| v.asset)
	}

	fn vault_exists(vault: VaultId) -> bool {
		Vaults::<T>::contains_key(vault)
	}

	fn curator(vault: VaultId) -> Option<T::AccountId> {
		Vaults::<T>::get(vault).map(|v| v.curator)
	}

	fn active_assets(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.total_assets)
	}

	fn queued_assets(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.queued_assets)
	}

	fn total_shares(vault: VaultId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| v.total_shares)
	}

	fn allows_avs(vault: VaultId, avs: AvsId) -> bool {
		Vaults::<T>::get(vault)
			.and_then(|v| v.allowed_avs.get(&avs).copied())
			.is_some_and(|from| from <= Self::now())
	}

	fn shares_of(vault: VaultId, who: &T::AccountId) -> u128 {
		Vaults::<T>::get(vault).map_or(0, |v| T::Lrt::balance(v.lrt, who))
	}

	fn is_lrt(asset: &AssetKindOf<T>) -> bool {
		Self::is_lrt_asset(asset)
	}
}

impl<T: Config> Pallet<T> {
	/// Lowers vault `vault_id`'s escrow by `amount` (removing the entry when it empties).
	fn reduce_escrow(vault_id: VaultId, amount: u128) {
		Escrowed::<T>::mutate_exists(vault_id, |escrowed| {
			let left = escrowed.unwrap_or(0).saturating_sub(amount);
			*escrowed = (!left.is_zero()).then_some(left);
		});
	}

	/// Burns `amount` of the vault's asset from its account, or fails changing nothing.
	fn burn_escrowed(vault: &VaultOf<T>, account: &T::AccountId, amount: u128) -> DispatchResult {
		polkadot_sdk::frame_support::storage::with_storage_layer(|| {
			T::Assets::burn_from(
				vault.asset.clone(),
				account,
				amount,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Force,
			)
			.map(|_| ())
		})
	}
}

impl<T: Config> VaultSlash<T::AccountId, u128> for Pallet<T> {
	fn slash_vault(vault_id: VaultId, amount: u128) -> Result<u128, DispatchError> {
		Vaults::<T>::try_mutate(vault_id, |maybe_vault| {
			let vault = maybe_vault.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			Self::release_rewards(vault_id, vault);
			let (from_active, from_queued) =
				split_pro_rata(amount, vault.total_assets, vault.queued_assets);
			let taken = from_active.saturating_add(from_queued);
			if taken.is_zero() {
				return Ok(0);
			}
			// Only accounting: the funds stay in the vault's account as escrow until the
			// slashing pallet burns or pays them.
			Escrowed::<T>::try_mutate(vault_id, |escrowed| {
				escrowed
					.checked_add(taken)
					.map(|sum| *escrowed = sum)
					.ok_or(Error::<T>::Overflow)
			})?;
			vault.total_assets.saturating_reduce(from_active);
			vault.queued_assets.saturating_reduce(from_queued);
			vault.flows.slashed.saturating_accrue(taken);
			Self::deposit_event(Event::VaultSlashed { vault: vault_id, from_active, from_queued });
			Ok(taken)
		})
	}

	fn release_escrow(
		vault_id: VaultId,
		amount: u128,
		destination: &SlashDestination<T::AccountId>,
	) -> Result<bool, DispatchError> {
		let vault = Vaults::<T>::get(vault_id).ok_or(Error::<T>::VaultNotFound)?;
		let amount = amount.min(Escrowed::<T>::get(vault_id));
		let account = Self::vault_account(vault_id);
		let paid = match destination {
			SlashDestination::Account(to) if !amount.is_zero() => {
				let transferred = polkadot_sdk::frame_support::storage::with_storage_layer(|| {
					T::Assets::transfer(
						vault.asset.clone(),
						&account,
						to,
						amount,
						Preservation::Preserve,
					)
				});
				if transferred.is_err() {
					// The destination cannot receive it: the promise still ends, by a burn.
					Self::burn_escrowed(&vault, &account, amount)?;
				}
				transferred.is_ok()
			},
			_ => {
				if !amount.is_zero() {
					Self::burn_escrowed(&vault, &account, amount)?;
				}
				false
			},
		};
		Self::reduce_escrow(vault_id, amount);
		Self::deposit_event(Event::EscrowReleased { vault: vault_id, amount, paid });
		Ok(paid)
	}

	fn return_escrow(vault_id: VaultId, amount: u128) {
		let amount = amount.min(Escrowed::<T>::get(vault_id));
		Self::reduce_escrow(vault_id, amount);
		Vaults::<T>::mutate(vault_id, |vault| {
			if let Some(vault) = vault {
				// Back to both pools, pro rata, as the slash took from both.
				let (to_active, to_queued) =
					split_pro_rata(amount, vault.total_assets, vault.queued_assets);
				let to_active = to_active
					.saturating_add(amount.saturating_sub(to_active.saturating_add(to_queued)));
				vault.total_assets.saturating_accrue(to_active);
				vault.queued_assets.saturating_accrue(to_queued);
				vault.flows.slashed.saturating_reduce(amount);
			}
		});
		T::OnStakeChanged::on_stake_changed(vault_id);
		Self::deposit_event(Event::EscrowReturned { vault: vault_id, amount });
	}
}

impl<T: Config> restake_primitives::traits::ExitDelays<BlockNumberFor<T>> for Pallet<T> {
	fn exit_delay(vault: VaultId) -> BlockNumberFor<T> {
		// A matured claim may wait for a pending slash (veto window + execution deadline):
		// `RiskChangeExtraDelay` covers that hold, so a risk change that waits longer than
		// this reaches no holder who asked to leave when it was announced.
		Vaults::<T>::get(vault)
			.map(|v| v.params.withdrawal_delay.saturating_add(T::RiskChangeExtraDelay::get()))
			.unwrap_or_default()
	}
}

impl<T: Config> VaultCompound<T::AccountId, u128> for Pallet<T> {
	fn compound(from: &T::AccountId, vault: VaultId, amount: u128) -> DispatchResult {
		Self::do_add_rewards(from, vault, amount).map(|_| ())
	}

	fn compound_weight() -> Weight {
		use crate::weights::WeightInfo;
		T::WeightInfo::add_rewards()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight())
	}
}
