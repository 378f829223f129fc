//! Benchmarks of the operator pallet (frame-benchmarking v2), each over its worst case.

use super::*;
use crate::pallet::{
	Allocations, Avss, NextAvsId, Operators, OptIns, PairVaults, PendingAvsOwners, PendingAvsRoles,
	StringOf, VaultAllowlists,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{fungible::Mutate, Get},
		BoundedVec,
	},
	frame_system::RawOrigin,
	sp_runtime::{traits::StaticLookup, Perbill, Saturating},
};
use restake_primitives::{
	traits::{ExitDelays, VaultInspect},
	AvsId, VaultId,
};

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<T: Config> {
	/// A vault curated by `curator`, with stake, whose allowlist permits `avs` now.
	fn create_vault(curator: &T::AccountId, avs: AvsId) -> VaultId;
}

impl<T: Config> Pallet<T> {
	/// For other pallets' benchmarks: an AVS owned by `owner` (also slasher and resolver),
	/// `operator` registered and opted in, and `n` vaults curated by `curator` allocating 10 %
	/// each to the pair, in force. All three accounts must hold enough native balance.
	pub fn benchmark_pair(
		owner: &T::AccountId,
		operator: &T::AccountId,
		curator: &T::AccountId,
		n: u32,
	) -> Result<AvsId, polkadot_sdk::sp_runtime::DispatchError> {
		let name: StringOf<T> = b"bench".to_vec().try_into().map_err(|_| Error::<T>::Overflow)?;
		let avs = Self::do_register_avs(
			owner.clone(),
			name.clone(),
			name.clone(),
			false,
			owner.clone(),
			Some(owner.clone()),
		)?;
		if !Operators::<T>::contains_key(operator) {
			Self::do_register_operator(operator.clone(), name, Perbill::zero())?;
		}
		Self::do_opt_in(operator, avs)?;
		for _ in 0..n {
			let vault = T::BenchmarkHelper::create_vault(curator, avs);
			Self::do_allocate(curator, vault, operator, avs, Perbill::from_percent(10))?;
			Allocations::<T>::mutate((vault, operator, avs), |a| {
				if let Some(a) = a {
					a.settle(
						<polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T> as polkadot_sdk::sp_runtime::traits::Bounded>::max_value(
						),
					);
				}
			});
		}
		Ok(avs)
	}
}

const FUNDS: u128 = 1_000_000_000_000_000_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::NativeBalance: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	T::NativeBalance::set_balance(&who, FUNDS);
	who
}

fn string<T: Config>() -> StringOf<T> {
	alloc::vec![b'x'; T::StringLimit::get() as usize]
		.try_into()
		.expect("at the limit")
}

fn avs<T: Config>(owner: &T::AccountId, approval: bool) -> Result<AvsId, BenchmarkError> {
	Ok(Pallet::<T>::do_register_avs(
		owner.clone(),
		string::<T>(),
		string::<T>(),
		approval,
		owner.clone(),
		Some(owner.clone()),
	)?)
}

fn operator<T: Config>(name: &'static str) -> Result<T::AccountId, BenchmarkError>
where
	T::NativeBalance: Mutate<T::AccountId>,
{
	let who = funded::<T>(name, 0);
	Pallet::<T>::do_register_operator(who.clone(), string::<T>(), Perbill::from_percent(5))?;
	Ok(who)
}

/// An operator opted in to a fresh AVS with `n` vaults allocating to the pair (effective).
fn pair_with_vaults<T: Config>(
	n: u32,
) -> Result<(T::AccountId, AvsId, T::AccountId), BenchmarkError>
where
	T::NativeBalance: Mutate<T::AccountId>,
{
	let owner = funded::<T>("owner", 0);
	let avs = avs::<T>(&owner, false)?;
	let op = operator::<T>("operator")?;
	Pallet::<T>::do_opt_in(&op, avs)?;
	let curator = funded::<T>("curator", 0);
	// Increases wait the allocation delay and the vault's exit delay: wait out both.
	let mut delay = T::AllocationDelay::get();
	for _ in 0..n {
		let vault = T::BenchmarkHelper::create_vault(&curator, avs);
		Pallet::<T>::do_allocate(&curator, vault, &op, avs, Perbill::from_percent(10))?;
		delay = delay.max(T::Vaults::exit_delay(vault).saturating_add(1u32.into()));
	}
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(delay));
	Ok((op, avs, curator))
}

#[benchmarks(where T::NativeBalance: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_avs() {
		let owner = funded::<T>("owner", 0);
		let id = NextAvsId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			string::<T>(),
			string::<T>(),
			true,
			T::Lookup::unlookup(owner.clone()),
			Some(T::Lookup::unlookup(owner.clone())),
		);

		assert!(Avss::<T>::contains_key(id));
	}

	#[benchmark]
	fn update_avs() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, string::<T>(), string::<T>(), true);

		assert!(Avss::<T>::get(id).ok_or("avs")?.requires_approval);
		Ok(())
	}

	#[benchmark]
	fn set_accepted_asset() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		let asset =
			T::Vaults::vault_asset(T::BenchmarkHelper::create_vault(&owner, id)).ok_or("asset")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, asset, Some(Perbill::from_percent(50)));

		assert_eq!(Avss::<T>::get(id).ok_or("avs")?.accepted_assets.len(), 1);
		Ok(())
	}

	#[benchmark]
	fn deregister_avs() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(Avss::<T>::get(id).ok_or("avs")?.deregistered_at.is_some());
		Ok(())
	}

	#[benchmark]
	fn register_operator() {
		let who = funded::<T>("operator", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), string::<T>(), Perbill::from_percent(5));

		assert!(Operators::<T>::contains_key(&who));
	}

	#[benchmark]
	fn set_commission() -> Result<(), BenchmarkError> {
		let op = operator::<T>("operator")?;

		// Worst case: an increase, which is scheduled.
		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), T::MaxCommission::get());

		assert!(Operators::<T>::get(&op).ok_or("op")?.pending_commission.is_some());
		Ok(())
	}

	#[benchmark]
	fn opt_in() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		let op = operator::<T>("operator")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), id);

		assert_eq!(OptIns::<T>::get(id, &op), Some(OptInStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn approve_operator() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, true)?;
		let op = operator::<T>("operator")?;
		Pallet::<T>::do_opt_in(&op, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, T::Lookup::unlookup(op.clone()));

		assert_eq!(OptIns::<T>::get(id, &op), Some(OptInStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn reject_operator() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, true)?;
		let op = operator::<T>("operator")?;
		Pallet::<T>::do_opt_in(&op, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, T::Lookup::unlookup(op.clone()));

		assert_eq!(OptIns::<T>::get(id, &op), None);
		Ok(())
	}

	#[benchmark]
	fn opt_out(n: Linear<0, { T::MaxVaultsPerPair::get() }>) -> Result<(), BenchmarkError> {
		let (op, avs, _) = pair_with_vaults::<T>(n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), avs);

		assert!(matches!(OptIns::<T>::get(avs, &op), Some(OptInStatus::OptingOut { .. })));
		Ok(())
	}

	#[benchmark]
	fn complete_opt_out(
		n: Linear<0, { T::MaxVaultsPerPair::get() }>,
	) -> Result<(), BenchmarkError> {
		let (op, avs, _) = pair_with_vaults::<T>(n)?;
		Pallet::<T>::do_opt_out(&op, avs)?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::DeallocationDelay::get()),
		);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), T::Lookup::unlookup(op.clone()), avs);

		assert!(OptIns::<T>::get(avs, &op).is_none());
		assert!(PairVaults::<T>::get(&op, avs).is_empty());
		Ok(())
	}

	#[benchmark]
	fn allocate() -> Result<(), BenchmarkError> {
		// Worst case: a new allocation joining a pair that is one vault short of full.
		let (op, avs, curator) = pair_with_vaults::<T>(T::MaxVaultsPerPair::get() - 1)?;
		let vault = T::BenchmarkHelper::create_vault(&curator, avs);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(curator),
			vault,
			T::Lookup::unlookup(op.clone()),
			avs,
			Perbill::from_percent(50),
		);

		assert!(Allocations::<T>::contains_key((vault, &op, avs)));
		Ok(())
	}

	#[benchmark]
	fn settle_allocation() -> Result<(), BenchmarkError> {
		// Worst case: a decrease to zero, which removes the allocation from a full pair.
		let (op, avs, curator) = pair_with_vaults::<T>(T::MaxVaultsPerPair::get())?;
		let vault = PairVaults::<T>::get(&op, avs)[0];
		Pallet::<T>::do_allocate(&curator, vault, &op, avs, Perbill::zero())?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::DeallocationDelay::get()),
		);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), vault, T::Lookup::unlookup(op.clone()), avs);

		assert!(!Allocations::<T>::contains_key((vault, &op, avs)));
		Ok(())
	}

	#[benchmark]
	fn set_vault_allowlist(
		n: Linear<0, { T::MaxVaultAllowlist::get() }>,
	) -> Result<(), BenchmarkError> {
		// Worst case: every vault checked to exist and against the ones before it.
		let owner = funded::<T>("owner", 0);
		let avs = avs::<T>(&owner, false)?;
		let op = operator::<T>("operator")?;
		let curator = funded::<T>("curator", 0);
		let vaults: alloc::vec::Vec<VaultId> =
			(0..n).map(|_| T::BenchmarkHelper::create_vault(&curator, avs)).collect();
		let list: BoundedVec<VaultId, T::MaxVaultAllowlist> =
			vaults.try_into().map_err(|_| BenchmarkError::Stop("allowlist within bound"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), Some(list));

		assert_eq!(VaultAllowlists::<T>::get(&op).map(|l| l.len() as u32), Some(n));
		Ok(())
	}

	#[benchmark]
	fn eject_vault() -> Result<(), BenchmarkError> {
		// Worst case: a full pair, the ejected allocation with an increase pending.
		let (op, avs, curator) = pair_with_vaults::<T>(T::MaxVaultsPerPair::get())?;
		let vault = PairVaults::<T>::get(&op, avs)[0];
		Pallet::<T>::do_allocate(&curator, vault, &op, avs, Perbill::from_percent(20))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), avs, vault);

		let pending = Allocations::<T>::get((vault, &op, avs)).and_then(|a| a.pending);
		assert_eq!(pending.map(|p| p.target), Some(0));
		Ok(())
	}

	#[benchmark]
	fn eject_operator(n: Linear<0, { T::MaxVaultsPerPair::get() }>) -> Result<(), BenchmarkError> {
		let (op, avs, _) = pair_with_vaults::<T>(n)?;
		let owner = Avss::<T>::get(avs).map(|a| a.owner).ok_or(BenchmarkError::Stop("AVS"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, T::Lookup::unlookup(op.clone()));

		assert!(matches!(OptIns::<T>::get(avs, &op), Some(OptInStatus::OptingOut { .. })));
		Ok(())
	}

	#[benchmark]
	fn update_operator() -> Result<(), BenchmarkError> {
		let op = operator::<T>("operator")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()), string::<T>());

		assert!(Operators::<T>::contains_key(&op));
		Ok(())
	}

	#[benchmark]
	fn deregister_operator() -> Result<(), BenchmarkError> {
		// Worst case: a full allowlist to remove with the record.
		let op = operator::<T>("operator")?;
		let owner = funded::<T>("owner", 0);
		let avs = avs::<T>(&owner, false)?;
		let curator = funded::<T>("curator", 0);
		let vaults: alloc::vec::Vec<VaultId> = (0..T::MaxVaultAllowlist::get())
			.map(|_| T::BenchmarkHelper::create_vault(&curator, avs))
			.collect();
		Pallet::<T>::do_set_vault_allowlist(
			&op,
			Some(vaults.try_into().map_err(|_| BenchmarkError::Stop("allowlist within bound"))?),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()));

		assert!(!Operators::<T>::contains_key(&op));
		assert!(!VaultAllowlists::<T>::contains_key(&op));
		Ok(())
	}

	#[benchmark]
	fn complete_avs_deregistration() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		Pallet::<T>::do_deregister_avs(&owner, id)?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::DeallocationDelay::get()),
		);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Avss::<T>::get(id).ok_or("avs")?.deposit, 0);
		Ok(())
	}

	#[benchmark]
	fn transfer_avs_ownership() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		let new = funded::<T>("new", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, Some(T::Lookup::unlookup(new.clone())));

		assert_eq!(PendingAvsOwners::<T>::get(id), Some(new));
		Ok(())
	}

	#[benchmark]
	fn accept_avs_ownership() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		let new = funded::<T>("new", 0);
		Pallet::<T>::do_transfer_avs_ownership(&owner, id, Some(new.clone()))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(new.clone()), id);

		assert_eq!(Avss::<T>::get(id).ok_or("avs")?.owner, new);
		Ok(())
	}

	#[benchmark]
	fn set_avs_roles() -> Result<(), BenchmarkError> {
		// Worst case: a due change is folded in and a new one scheduled.
		let owner = funded::<T>("owner", 0);
		let id = avs::<T>(&owner, false)?;
		let first = funded::<T>("slasher", 0);
		Pallet::<T>::do_set_avs_roles(&owner, id, first.clone(), Some(first))?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(
			now.saturating_add(T::DeallocationDelay::get()).saturating_add(1u32.into()),
		);
		let slasher = funded::<T>("slasher", 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			id,
			T::Lookup::unlookup(slasher.clone()),
			Some(T::Lookup::unlookup(slasher.clone())),
		);

		assert_eq!(PendingAvsRoles::<T>::get(id).map(|p| p.slasher), Some(slasher));
		Ok(())
	}

	#[benchmark]
	fn cancel_allocation_increase() -> Result<(), BenchmarkError> {
		// Worst case: a new allocation in a full pair goes, freeing its slot.
		let (op, avs, curator) = pair_with_vaults::<T>(T::MaxVaultsPerPair::get() - 1)?;
		let vault = T::BenchmarkHelper::create_vault(&curator, avs);
		Pallet::<T>::do_allocate(&curator, vault, &op, avs, Perbill::from_percent(50))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), vault, T::Lookup::unlookup(op.clone()), avs);

		assert!(!Allocations::<T>::contains_key((vault, &op, avs)));
		Ok(())
	}

	/// A curator took an AVS off its vault's allowlist (`vaults.disallow_avs`): every one of
	/// the vault's `n` allocations, all to that AVS through different operators and in force,
	/// is wound down (the vault pallet's part is its own `disallow_avs` benchmark).
	#[benchmark]
	fn wind_down_avs(
		n: Linear<1, { T::MaxAllocationsPerVault::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let avs = avs::<T>(&owner, false)?;
		let curator = funded::<T>("curator", 0);
		let vault = T::BenchmarkHelper::create_vault(&curator, avs);
		let share = Perbill::from_rational(1, T::MaxAllocationsPerVault::get());
		for i in 0..n {
			let op = funded::<T>("operator", i);
			Pallet::<T>::do_register_operator(op.clone(), string::<T>(), Perbill::from_percent(5))?;
			Pallet::<T>::do_opt_in(&op, avs)?;
			Pallet::<T>::do_allocate(&curator, vault, &op, avs, share)?;
		}
		let delay =
			T::AllocationDelay::get().max(T::Vaults::exit_delay(vault).saturating_add(1u32.into()));
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(delay));

		#[block]
		{
			<Pallet<T> as restake_primitives::traits::VaultAllocations>::wind_down_avs(vault, avs);
		}

		for (op, a) in Allocations::<T>::iter_key_prefix((vault,)) {
			let pending = Allocations::<T>::get((vault, &op, a)).and_then(|x| x.pending);
			assert_eq!(pending.map(|p| p.target), Some(0));
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
