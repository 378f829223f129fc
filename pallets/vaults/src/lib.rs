#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
use polkadot_sdk::frame_system;

// Sections of the `pallet` module (imported by `#[import_section]` below).
mod config;
mod errors;
mod events;
mod genesis;
mod hooks;
mod storage;

// The calls' logic (`do_*`), by role.
mod curator;
mod deposit;
mod lifecycle;
mod rewards;
mod vault;
mod withdraw;

// The traits other pallets use, and the invariants `try_state` checks.
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::frame_support::pallet_macros::import_section;

#[import_section(config::config)]
#[import_section(storage::storage)]
#[import_section(genesis::genesis)]
#[import_section(events::events)]
#[import_section(errors::errors)]
#[import_section(hooks::hooks)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, fungibles, tokens::fungible::NativeOrWithId},
			Deserialize, PalletId, Serialize,
		},
		frame_system::pallet_prelude::*,
		sp_runtime::{
			traits::{StaticLookup, Zero},
			Perbill,
		},
	};
	use restake_primitives::{
		traits::{OnSharesChanged, OnStakeChanged, VaultAllocations},
		AvsId, VaultId,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	/// The asset a vault can hold: the native token or a `pallet-assets` asset.
	pub type AssetKindOf<T> = NativeOrWithId<<T as Config>::AssetId>;

	/// A vault as stored.
	pub type VaultOf<T> = Vault<
		<T as frame_system::Config>::AccountId,
		AssetKindOf<T>,
		<T as Config>::AssetId,
		BlockNumberFor<T>,
		<T as Config>::MaxAllowedAvs,
	>;

	/// Compounding rewards being released into a vault, as stored.
	pub type DripOf<T> = restake_primitives::drip::Drip<BlockNumberFor<T>>;

	/// A holder's queued withdrawals in one vault.
	pub type WithdrawalsOf<T> =
		BoundedVec<WithdrawalRequest<BlockNumberFor<T>>, <T as Config>::MaxWithdrawalRequests>;

	/// How a call names an account (an address in polkadot.js).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// LRT name or symbol.
	pub type LrtStringOf<T> = BoundedVec<u8, <T as Config>::StringLimit>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Read-only queries for wallets and apps (metadata V16 view functions; the runtime APIs answer the same).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The vault's exchange rate, if it exists.
		pub fn exchange_rate(vault_id: VaultId) -> Option<ExchangeRate> {
			let vault = Self::current(vault_id)?;
			let decimals =
				<T::Lrt as fungibles::metadata::Inspect<_>>::decimals(vault.lrt).min(38) as u32;
			let one_lrt = 10u128.saturating_pow(decimals);
			Some(ExchangeRate {
				total_assets: vault.total_assets,
				total_shares: vault.total_shares,
				assets_per_lrt: Self::assets_for(&vault, one_lrt).unwrap_or(0),
			})
		}

		/// Shares a deposit of `assets` would mint now, or the error the deposit would fail with
		/// (the deposit's own checks and maths: [`Pallet::plan_deposit`]).
		pub fn preview_deposit(vault_id: VaultId, assets: u128) -> Result<u128, DispatchError> {
			Self::plan_deposit(vault_id, assets).map(|plan| plan.shares)
		}

		/// Assets a withdrawal request for `shares` would queue now (the most it can pay), or the
		/// error a request by a holder of `shares` would fail with (the request's own checks and
		/// maths: [`Pallet::plan_withdrawal`]).
		pub fn preview_withdraw(vault_id: VaultId, shares: u128) -> Result<u128, DispatchError> {
			Self::plan_withdrawal(vault_id, shares, None).map(|plan| plan.request.assets_at_request)
		}

		/// `who`'s queued withdrawals in `vault_id`, each with what it would pay now.
		pub fn pending_withdrawals(
			vault_id: VaultId,
			who: T::AccountId,
		) -> alloc::vec::Vec<crate::runtime_api::PendingWithdrawal<BlockNumberFor<T>>> {
			let who = &who;
			let Some(vault) = Vaults::<T>::get(vault_id) else { return alloc::vec::Vec::new() };
			let now = Self::now();
			Withdrawals::<T>::get(vault_id, who)
				.into_iter()
				.map(|request| crate::runtime_api::PendingWithdrawal {
					shares: request.shares,
					assets_at_request: request.assets_at_request,
					payable_now: Self::queue_value(&vault, request.units)
						.unwrap_or(0)
						.min(request.assets_at_request),
					unlock_at: request.unlock_at,
					claimable: request.unlock_at <= now,
				})
				.collect()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a vault for `asset` and its LRT; the caller becomes its curator.
		///
		/// - Origin: signed. Holds `VaultDeposit` and moves into the vault account the
		///   asset's minimum balance (so the account can never be reaped) and the LRT
		///   metadata deposit.
		/// - `params`: deposit cap, minimum deposit, withdrawal delay (≥ `MinWithdrawalDelay`),
		///   curator fee (≤ `MaxCuratorFee`).
		/// - `lrt_name`, `lrt_symbol`, `lrt_decimals`: the LRT's metadata. With
		///   `VirtualShares = 10^k`, `lrt_decimals = asset decimals + k` shows 1 LRT ≈ 1 asset.
		///
		/// Emits `VaultCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_vault())]
		pub fn create_vault(
			origin: OriginFor<T>,
			asset: AssetKindOf<T>,
			params: VaultParams<BlockNumberFor<T>>,
			lrt_name: LrtStringOf<T>,
			lrt_symbol: LrtStringOf<T>,
			lrt_decimals: u8,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_create_vault(curator, asset, params, lrt_name, lrt_symbol, lrt_decimals)
				.map(|_| ())
		}

		/// Deposit `assets` of the vault's asset and receive LRT at the current rate.
		///
		/// - Origin: signed (the depositor).
		/// - Fails if deposits are paused, below the minimum, above the cap, or too small to
		///   mint one share.
		///
		/// Emits `Deposited`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deposit()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn deposit(
			origin: OriginFor<T>,
			vault: VaultId,
			assets: u128,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, hooks) = Self::do_deposit(&who, vault, assets)?;
			Ok(Some(T::WeightInfo::deposit().saturating_add(hooks)).into())
		}

		/// Burn `shares` of the vault's LRT for a withdrawal that unlocks after the vault's
		/// withdrawal delay. Until then it stays slashable and earns nothing.
		///
		/// - Origin: signed (the holder).
		///
		/// Emits `WithdrawalRequested`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::request_withdrawal()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn request_withdrawal(
			origin: OriginFor<T>,
			vault: VaultId,
			shares: u128,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, hooks) = Self::do_request_withdrawal(&who, vault, shares)?;
			Ok(Some(T::WeightInfo::request_withdrawal().saturating_add(hooks)).into())
		}

		/// Pay out every unlocked withdrawal of `owner` in `vault`, each at
		/// `min(value at request, value now)`. Funds always go to `owner`. Refused while a
		/// slash is pending against the vault (no front-running a known slash).
		///
		/// - Origin: signed, anyone (so keepers can settle for holders).
		///
		/// Emits `WithdrawalsClaimed`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_withdrawals(T::MaxWithdrawalRequests::get()))]
		pub fn claim_withdrawals(
			origin: OriginFor<T>,
			vault: VaultId,
			owner: AccountIdLookupOf<T>,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let owner = T::Lookup::lookup(owner)?;
			let (_, scanned) = Self::do_claim_withdrawals(vault, &owner)?;
			Ok(Some(T::WeightInfo::claim_withdrawals(scanned)).into())
		}

		/// Cancel one of the caller's queued withdrawals before it is claimed: its assets go
		/// back from the withdrawal queue to the vault's active assets and the caller receives
		/// LRT for them at the current rate — for what the request would pay now,
		/// `min(value at request, value now)`, so a slash that reached the queue since is
		/// borne. The stake stays in the vault and slashable throughout (queued and active
		/// assets are slashed alike), so a cancel is allowed while a slash is pending, after the
		/// request unlocked, and while deposits are paused, and it ignores the deposit cap and
		/// minimum deposit: it is not a new deposit. The LRT earns LRT² rewards from now on,
		/// never for the time in the queue.
		///
		/// - Origin: signed (the holder of the request).
		/// - `index`: the request's position in the caller's list (`vaultsApi.pendingWithdrawals`,
		///   oldest first); `unlock_at`: its unlock block, which must match, so a claim of
		///   earlier requests that moved the list cannot make this cancel a request of another
		///   block. Two requests made in the same block share `unlock_at`: after such a shift
		///   the cancel may take the caller's other request of that block.
		/// - Fails with `WithdrawalNotFound` if no such request, `CancellationTooSmall` if it
		///   is worth less than one share.
		///
		/// Emits `WithdrawalCancelled`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::cancel_withdrawal()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn cancel_withdrawal(
			origin: OriginFor<T>,
			vault: VaultId,
			index: u32,
			unlock_at: BlockNumberFor<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, hooks) = Self::do_cancel_withdrawal(&who, vault, index, unlock_at)?;
			Ok(Some(T::WeightInfo::cancel_withdrawal().saturating_add(hooks)).into())
		}

		/// Set the vault's deposit cap and minimum deposit. Takes effect at once: neither
		/// raises risk for existing holders.
		///
		/// - Origin: the vault's curator.
		///
		/// Emits `LimitsUpdated`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_limits())]
		pub fn set_limits(
			origin: OriginFor<T>,
			vault: VaultId,
			deposit_cap: u128,
			min_deposit: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_limits(&who, vault, deposit_cap, min_deposit)
		}

		/// Change the curator fee. A decrease applies at once; an increase applies after the
		/// withdrawal delay plus `RiskChangeExtraDelay`, so holders can leave first.
		///
		/// - Origin: the vault's curator.
		///
		/// Emits `CuratorFeeUpdated` or `CuratorFeeIncreaseScheduled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_curator_fee())]
		pub fn set_curator_fee(
			origin: OriginFor<T>,
			vault: VaultId,
			fee: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_curator_fee(&who, vault, fee)
		}

		/// Pause (`true`) or resume (`false`) deposits. Withdrawals are never paused.
		///
		/// - Origin: the curator, or `AdminOrigin` for any vault. A governance pause can only
		///   be lifted by governance.
		///
		/// Emits `VaultPaused` or `VaultResumed`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_paused())]
		pub fn set_paused(origin: OriginFor<T>, vault: VaultId, paused: bool) -> DispatchResult {
			let by_admin = T::AdminOrigin::try_origin(origin.clone()).is_ok();
			let who = if by_admin { None } else { Some(ensure_signed(origin)?) };
			Self::do_set_paused(who.as_ref(), vault, paused)
		}

		/// Add `avs` to the AVSs the vault's stake may back, effective after the withdrawal
		/// delay plus `RiskChangeExtraDelay`.
		///
		/// - Origin: the vault's curator.
		/// - `avs`: a registered AVS (`AvsNotFound` otherwise).
		///
		/// Emits `AvsAllowed`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::allow_avs())]
		pub fn allow_avs(origin: OriginFor<T>, vault: VaultId, avs: AvsId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_allow_avs(&who, vault, avs)
		}

		/// Remove `avs` from the allowlist at once (lowers risk): no allocation to it can start
		/// or grow, and every existing allocation of the vault to `avs` is wound down through
		/// the operator pallet's normal deallocation path — scheduled to zero after
		/// `DeallocationDelay`, slashable until then (an allocation already leaving keeps its
		/// date, a decrease held by a pending slash stays held, one that never took effect
		/// leaves at once). Nothing leaves earlier than a deallocation would, so this cannot
		/// dodge a slash. Settle each with `operators.settle_allocation` once due.
		///
		/// - Origin: the vault's curator.
		/// - Weight: declared for `MaxAllocationsPerVault` allocations, refunded to those the
		///   vault has.
		///
		/// Emits `AvsDisallowed`, and the operator pallet's `AllocationScheduled` per
		/// allocation wound down.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::disallow_avs()
			.saturating_add(T::Allocations::wind_down_avs_weight()))]
		pub fn disallow_avs(
			origin: OriginFor<T>,
			vault: VaultId,
			avs: AvsId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::do_disallow_avs(&who, vault, avs)?;
			Ok(Some(T::WeightInfo::disallow_avs().saturating_add(used)).into())
		}

		/// Propose `new` as the vault's next curator; it takes over when it accepts.
		///
		/// - Origin: the vault's curator.
		///
		/// Emits `CuratorProposed`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::propose_curator())]
		pub fn propose_curator(
			origin: OriginFor<T>,
			vault: VaultId,
			new: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new = T::Lookup::lookup(new)?;
			Self::do_propose_curator(&who, vault, new)
		}

		/// Accept curatorship of a vault. The creation deposit moves with it: it is released
		/// to the old curator and held from the new one.
		///
		/// - Origin: the proposed curator.
		///
		/// Emits `CuratorChanged`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::accept_curatorship())]
		pub fn accept_curatorship(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_curatorship(&who, vault)
		}

		/// Add `assets` of the vault's own asset as rewards: they compound into the exchange
		/// rate, released evenly over the next `RewardReleasePeriod` blocks (with what is still
		/// being released of earlier rewards), so a deposit placed just before them earns only
		/// its blocks' share. The curator's fee is paid by minting it LRT worth the fee once
		/// the reward is in (dilution, never touching holders' balances); what that LRT is
		/// worth at once goes into the vault at once, so nobody's value moves in the block.
		///
		/// - Origin: signed, anyone (an AVS, the LRT protocol, a sponsor).
		///
		/// Emits `RewardsAdded`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::add_rewards()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight())
			.saturating_add(T::OnStakeChanged::on_stake_changed_weight()))]
		pub fn add_rewards(
			origin: OriginFor<T>,
			vault: VaultId,
			assets: u128,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, hooks) = Self::do_add_rewards(&who, vault, assets)?;
			Ok(Some(T::WeightInfo::add_rewards().saturating_add(hooks)).into())
		}

		/// Destroy an empty vault (no LRT, no queued withdrawals): its LRT asset is destroyed,
		/// the seed and metadata deposit return to the curator and the deposit is released.
		/// Rewards added while it still had holders and not yet released (nobody is left to
		/// receive them) go to the curator too: in the vault's asset with the account's
		/// balance, in other assets as LRT² rewards it claims.
		///
		/// - Origin: the vault's curator.
		///
		/// Emits `VaultDestroyed`.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::destroy_vault()
				.saturating_add(T::OnSharesChanged::on_vault_destroyed_weight())
		)]
		pub fn destroy_vault(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_destroy_vault(&who, vault)
		}

		/// Move `shares` of the vault's LRT to `to`. This is how LRT changes hands: rewards
		/// each holder accrued so far are settled to them first, so they stay with whoever held
		/// the LRT while they accrued (plain `pallet-assets` transfers of LRT are refused by the
		/// runtime).
		///
		/// - Origin: signed (the holder).
		/// - Fails with `InsufficientShares` if the holder has fewer shares, `ZeroAmount` for 0.
		///
		/// Emits `SharesTransferred`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::transfer_shares()
			.saturating_add(T::OnSharesChanged::before_shares_change_weight().saturating_mul(2)))]
		pub fn transfer_shares(
			origin: OriginFor<T>,
			vault: VaultId,
			to: AccountIdLookupOf<T>,
			shares: u128,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let to = T::Lookup::lookup(to)?;
			let hooks = Self::do_transfer_shares(&who, vault, &to, shares)?;
			Ok(Some(T::WeightInfo::transfer_shares().saturating_add(hooks)).into())
		}
	}
}
