//! The curator's calls: limits, fee, pause, AVS allowlist, curatorship.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::traits::fungible::MutateHold as _;
use polkadot_sdk::frame_support::traits::tokens::Precision;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use polkadot_sdk::sp_runtime::Perbill;
use restake_primitives::traits::VaultAllocations;
use restake_primitives::{AvsId, VaultId};

impl<T: Config> Pallet<T> {
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
}
