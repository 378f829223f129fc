//! Benchmarks of the vault pallet (frame-benchmarking v2), each over its worst case.
//!
//! No component is the number of depositors: no call depends on it.

use super::*;
use crate::pallet::{AssetKindOf, NextVaultId, Vaults, Withdrawals};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate as _, fungibles::Inspect as _, EnsureOrigin, Get},
	frame_system::{pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::{traits::StaticLookup, Perbill, Saturating},
};
use restake_primitives::{traits::VaultInspect, AvsId, VaultId};

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<T: Config> {
	/// An existing underlying asset (an LST), with `amount` of it minted to `who`.
	fn create_asset_and_fund(who: &T::AccountId, amount: u128) -> AssetKindOf<T>;
	/// A registered AVS (a new one on every call): allowlists name existing AVSs only.
	fn create_avs() -> AvsId;
}

impl<T: Config> Pallet<T> {
	/// For other pallets' benchmarks: a native vault curated by `curator` (who must hold
	/// enough native balance), with stake, whose allowlist permits `avs` at once.
	pub fn create_benchmark_vault(
		curator: &T::AccountId,
		avs: AvsId,
	) -> Result<VaultId, polkadot_sdk::sp_runtime::DispatchError> {
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
			polkadot_sdk::frame_support::traits::fungible::NativeOrWithId::Native,
			params,
			name.clone(),
			name,
			15,
		)?;
		// A depositor per vault: one account's reward positions are bounded (LRT²).
		let depositor: T::AccountId = polkadot_sdk::frame_benchmarking::account("depositor", id, 0);
		T::NativeBalance::mint_into(&depositor, 2_000_000_000_000_000)?;
		Self::do_deposit(&depositor, id, 1_000_000_000_000_000)?;
		Vaults::<T>::try_mutate(id, |v| -> polkadot_sdk::sp_runtime::DispatchResult {
			let vault = v.as_mut().ok_or(Error::<T>::VaultNotFound)?;
			vault
				.allowed_avs
				.try_insert(avs, polkadot_sdk::sp_runtime::traits::Zero::zero())
				.map_err(|_| Error::<T>::TooManyAllowedAvs)?;
			Ok(())
		})?;
		Ok(id)
	}
}

const FUNDS: u128 = 1_000_000_000_000_000_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::NativeBalance::set_balance(&who, FUNDS);
	who
}

fn bounded<T: Config>(s: &[u8]) -> LrtStringOf<T> {
	let limit = T::StringLimit::get() as usize;
	let mut v = s.to_vec();
	v.resize(limit, b'x');
	v.try_into().expect("resized to the limit")
}

fn params<T: Config>() -> VaultParams<BlockNumberFor<T>> {
	VaultParams {
		deposit_cap: u128::MAX,
		min_deposit: 1,
		withdrawal_delay: T::MinWithdrawalDelay::get(),
		curator_fee: T::MaxCuratorFee::get(),
	}
}

/// A vault curated by `curator` over a benchmark LST, with `holder` holding LRT.
fn vault_with_holder<T: Config>(
	curator: &T::AccountId,
	holder: &T::AccountId,
) -> Result<VaultId, BenchmarkError> {
	let asset = T::BenchmarkHelper::create_asset_and_fund(curator, FUNDS);
	T::BenchmarkHelper::create_asset_and_fund(holder, FUNDS);
	let id = Pallet::<T>::do_create_vault(
		curator.clone(),
		asset,
		params::<T>(),
		bounded::<T>(b"Restaked"),
		bounded::<T>(b"rLST"),
		21,
	)?;
	Pallet::<T>::do_deposit(holder, id, FUNDS / 1_000)?;
	// Rewards being released: every change of the vault moves the released part in first.
	Pallet::<T>::do_add_rewards(curator, id, FUNDS / 100_000)?;
	let now = polkadot_sdk::frame_system::Pallet::<T>::block_number();
	polkadot_sdk::frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
	Ok(id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_vault() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let asset = T::BenchmarkHelper::create_asset_and_fund(&curator, FUNDS);
		let id = NextVaultId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(curator.clone()),
			asset,
			params::<T>(),
			bounded::<T>(b"Restaked"),
			bounded::<T>(b"rLST"),
			21,
		);

		assert_eq!(Vaults::<T>::get(id).map(|v| v.curator), Some(curator));
		Ok(())
	}

	#[benchmark]
	fn deposit() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let depositor = funded::<T>("depositor", 0);
		T::BenchmarkHelper::create_asset_and_fund(&depositor, FUNDS);

		#[extrinsic_call]
		_(RawOrigin::Signed(depositor.clone()), id, FUNDS / 1_000);

		let lrt = Vaults::<T>::get(id).ok_or("vault")?.lrt;
		assert!(T::Lrt::balance(lrt, &depositor) > 0);
		Ok(())
	}

	#[benchmark]
	fn request_withdrawal() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		// Worst case: the holder's request list is one short of full.
		for _ in 1..T::MaxWithdrawalRequests::get() {
			Pallet::<T>::do_request_withdrawal(&holder, id, 1_000_000)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id, 1_000_000);

		assert_eq!(
			Withdrawals::<T>::get(id, &holder).len() as u32,
			T::MaxWithdrawalRequests::get()
		);
		Ok(())
	}

	#[benchmark]
	fn cancel_withdrawal() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		// Worst case: a full request list, the first one cancelled (the rest move forward),
		// rewards being released first.
		for _ in 0..T::MaxWithdrawalRequests::get() {
			Pallet::<T>::do_request_withdrawal(&holder, id, 1_000_000)?;
		}
		let unlock_at = Withdrawals::<T>::get(id, &holder)[0].unlock_at;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(1u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id, 0, unlock_at);

		assert_eq!(
			Withdrawals::<T>::get(id, &holder).len() as u32,
			T::MaxWithdrawalRequests::get() - 1
		);
		Ok(())
	}

	#[benchmark]
	fn transfer_shares() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let receiver = funded::<T>("receiver", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let lookup = T::Lookup::unlookup(receiver.clone());

		// Worst case: the receiver holds no LRT yet (its asset account is created).
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id, lookup, 1_000_000);

		assert_eq!(<Pallet<T> as VaultInspect<_, _>>::shares_of(id, &receiver), 1_000_000);
		Ok(())
	}

	#[benchmark]
	fn claim_withdrawals(
		n: Linear<1, { T::MaxWithdrawalRequests::get() }>,
	) -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		for _ in 0..n {
			Pallet::<T>::do_request_withdrawal(&holder, id, 1_000_000)?;
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::MinWithdrawalDelay::get()),
		);
		let keeper = funded::<T>("keeper", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(keeper), id, T::Lookup::unlookup(holder.clone()));

		assert!(Withdrawals::<T>::get(id, &holder).is_empty());
		Ok(())
	}

	#[benchmark]
	fn set_limits() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, u128::MAX / 2, 10);

		assert_eq!(Vaults::<T>::get(id).ok_or("vault")?.params.min_deposit, 10);
		Ok(())
	}

	#[benchmark]
	fn set_curator_fee() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		Pallet::<T>::do_set_curator_fee(&curator, id, Perbill::zero())?;

		// Worst case: an increase, which is scheduled.
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, T::MaxCuratorFee::get());

		assert!(Vaults::<T>::get(id).ok_or("vault")?.pending_fee.is_some());
		Ok(())
	}

	#[benchmark]
	fn set_paused() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true);

		assert!(Vaults::<T>::get(id).ok_or("vault")?.pause.is_paused());
		Ok(())
	}

	#[benchmark]
	fn allow_avs() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		for _ in 1..T::MaxAllowedAvs::get() {
			Pallet::<T>::do_allow_avs(&curator, id, T::BenchmarkHelper::create_avs())?;
		}
		let avs = T::BenchmarkHelper::create_avs();

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, avs);

		assert!(Vaults::<T>::get(id).ok_or("vault")?.allowed_avs.contains_key(&avs));
		Ok(())
	}

	#[benchmark]
	fn disallow_avs() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let avs = T::BenchmarkHelper::create_avs();
		Pallet::<T>::do_allow_avs(&curator, id, avs)?;
		for _ in 1..T::MaxAllowedAvs::get() {
			Pallet::<T>::do_allow_avs(&curator, id, T::BenchmarkHelper::create_avs())?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, avs);

		assert!(!Vaults::<T>::get(id).ok_or("vault")?.allowed_avs.contains_key(&avs));
		Ok(())
	}

	#[benchmark]
	fn propose_curator() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let next = funded::<T>("next", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, T::Lookup::unlookup(next.clone()));

		assert_eq!(Vaults::<T>::get(id).ok_or("vault")?.pending_curator, Some(next));
		Ok(())
	}

	#[benchmark]
	fn accept_curatorship() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let next = funded::<T>("next", 0);
		Pallet::<T>::do_propose_curator(&curator, id, next.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), id);

		assert_eq!(Vaults::<T>::get(id).ok_or("vault")?.curator, next);
		Ok(())
	}

	#[benchmark]
	fn add_rewards() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let id = vault_with_holder::<T>(&curator, &holder)?;
		let sponsor = funded::<T>("sponsor", 0);
		T::BenchmarkHelper::create_asset_and_fund(&sponsor, FUNDS);
		let before = Vaults::<T>::get(id).ok_or("vault")?.total_assets;

		// Worst case: a non-zero fee mints LRT to the curator.
		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), id, FUNDS / 10_000);

		assert!(Vaults::<T>::get(id).ok_or("vault")?.total_assets > before);
		assert!(CompoundDrips::<T>::get(id).is_some());
		Ok(())
	}

	#[benchmark]
	fn destroy_vault() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let asset = T::BenchmarkHelper::create_asset_and_fund(&curator, FUNDS);
		let id = Pallet::<T>::do_create_vault(
			curator.clone(),
			asset,
			params::<T>(),
			bounded::<T>(b"Restaked"),
			bounded::<T>(b"rLST"),
			21,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);

		assert!(Vaults::<T>::get(id).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
