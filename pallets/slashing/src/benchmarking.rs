//! Benchmarks of the slashing pallet (frame-benchmarking v2). `n` is the number of vaults
//! allocating to the slashed (operator, AVS) pair: executing a slash is O(n).

use super::*;
use crate::pallet::{Escrows, PendingSlashes, Policies, RecentSlashes, SlashHistory};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get},
	frame_system::{pallet_prelude::BlockNumberFor, RawOrigin},
	sp_core::H256,
	sp_runtime::{traits::StaticLookup, Perbill, Saturating},
};
use restake_primitives::{AvsId, SlashDestination};

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<AccountId> {
	/// An AVS owned by `owner` (also its slasher and resolver) with `operator` opted in and
	/// `n` vaults allocating to the pair, allocations in force.
	fn setup_pair(owner: &AccountId, operator: &AccountId, n: u32) -> AvsId;
}

fn policy<T: Config>(veto: bool) -> PolicyOf<T> {
	SlashPolicy {
		veto_window: veto.then(|| T::MaxVetoWindow::get()),
		max_fraction_per_incident: Perbill::from_percent(50),
		max_fraction_per_epoch: Perbill::one(),
		cooldown: 0u32.into(),
		// A burn: execution burns from every vault at once (an asset account and the issuance
		// written per vault), heavier than opening one escrow for an account.
		destination: SlashDestination::Burn,
		status: PolicyStatus::Enabled,
	}
}

fn pair<T: Config>(n: u32, veto: bool) -> (T::AccountId, T::AccountId, AvsId) {
	let owner: T::AccountId = account("owner", 0, 0);
	let operator: T::AccountId = account("operator", 0, 0);
	let avs = T::BenchmarkHelper::setup_pair(&owner, &operator, n);
	Policies::<T>::insert(avs, policy::<T>(veto));
	// The slasher pays the deposit for each request's record.
	let _ =
		<T::NativeBalance as polkadot_sdk::frame_support::traits::fungible::Mutate<_>>::mint_into(
			&owner,
			T::SlashDeposit::get()
				.saturating_mul(1_000)
				.saturating_add(1_000_000_000_000_000_000),
		);
	(owner, operator, avs)
}

fn advance<T: Config>(blocks: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks));
}

/// An instant slash of `n` vaults to an account: its escrow, ready to release.
fn escrowed<T: Config>(n: u32) -> Result<(T::AccountId, SlashId), BenchmarkError> {
	let (owner, operator, avs) = pair::<T>(n, false);
	Policies::<T>::mutate(avs, |policy| {
		if let Some(policy) = policy {
			policy.destination = SlashDestination::Account(account("insurance", 0, 0));
		}
	});
	let (id, _) = Pallet::<T>::do_request_slash(
		&owner,
		avs,
		operator,
		Perbill::from_percent(10),
		H256::zero(),
		reason::<T>(),
	)?;
	assert_eq!(Escrows::<T>::get(id).map(|e| e.held.len() as u32), Some(n));
	advance::<T>(T::EscrowDelay::get());
	Ok((owner, id))
}

fn reason<T: Config>() -> ReasonOf<T::ReasonLimit> {
	alloc::vec![b'r'; T::ReasonLimit::get() as usize]
		.try_into()
		.expect("at the limit")
}

fn pending<T: Config>(n: u32) -> Result<(T::AccountId, SlashId), BenchmarkError> {
	let (owner, operator, avs) = pair::<T>(n, true);
	let (id, _) = Pallet::<T>::do_request_slash(
		&owner,
		avs,
		operator,
		Perbill::from_percent(10),
		H256::zero(),
		reason::<T>(),
	)?;
	Ok((owner, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_policy() {
		let owner: T::AccountId = account("owner", 0, 0);
		let operator: T::AccountId = account("operator", 0, 0);
		let avs = T::BenchmarkHelper::setup_pair(&owner, &operator, 0);

		// Worst case: a riskier policy, scheduled.
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, policy::<T>(true));

		assert!(crate::PendingPolicies::<T>::contains_key(avs));
	}

	#[benchmark]
	fn apply_policy() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let operator: T::AccountId = account("operator", 0, 0);
		let avs = T::BenchmarkHelper::setup_pair(&owner, &operator, 0);
		let _ = Pallet::<T>::do_set_policy(&owner, avs, policy::<T>(true));
		let due = crate::PendingPolicies::<T>::get(avs).map(|p| p.applies_from);
		frame_system::Pallet::<T>::set_block_number(due.ok_or(BenchmarkError::Weightless)?);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs);

		assert!(Policies::<T>::contains_key(avs));
		Ok(())
	}

	#[benchmark]
	fn request_slash(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) {
		// Worst case: a vetoable request that marks every vault of the pair.
		let (owner, operator, avs) = pair::<T>(n, true);
		let id = crate::NextSlashId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			avs,
			T::Lookup::unlookup(operator),
			Perbill::from_percent(10),
			H256::zero(),
			reason::<T>(),
		);

		assert_eq!(PendingSlashes::<T>::get(id).map(|r| r.captured.len() as u32), Some(n));
	}

	#[benchmark]
	fn request_slash_instant(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) {
		// An instant request: capture and execution of every vault of the pair, to escrow.
		let (owner, operator, avs) = pair::<T>(n, false);
		let id = crate::NextSlashId::<T>::get();

		#[extrinsic_call]
		request_slash(
			RawOrigin::Signed(owner),
			avs,
			T::Lookup::unlookup(operator),
			Perbill::from_percent(10),
			H256::zero(),
			reason::<T>(),
		);

		assert_eq!(SlashHistory::<T>::get(id).map(|r| r.taken.len() as u32), Some(n));
	}

	#[benchmark]
	fn disable_policy(p: Linear<1, { T::MaxPendingPerAvs::get() }>) -> Result<(), BenchmarkError> {
		// `p` pending requests, each capturing the most vaults a slash can, all voided.
		let n = T::MaxVaultsPerSlash::get();
		let (owner, operator, avs) = pair::<T>(n, true);
		for _ in 0..p {
			RecentSlashes::<T>::remove(avs, &operator);
			Pallet::<T>::do_request_slash(
				&owner,
				avs,
				operator.clone(),
				Perbill::from_percent(10),
				H256::zero(),
				reason::<T>(),
			)?;
		}
		let mut disabled = policy::<T>(true);
		disabled.status = PolicyStatus::Disabled;

		#[extrinsic_call]
		set_policy(RawOrigin::Signed(owner), avs, disabled);

		assert!(crate::AvsRequests::<T>::get(avs).is_empty());
		Ok(())
	}

	#[benchmark]
	fn expire_slash(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (owner, id) = pending::<T>(n)?;
		let expires_at = PendingSlashes::<T>::get(id).map(|r| r.expires_at);
		frame_system::Pallet::<T>::set_block_number(expires_at.ok_or(BenchmarkError::Weightless)?);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(SlashHistory::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn release_escrow(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (owner, id) = escrowed::<T>(n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(!Escrows::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn cancel_escrow(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (_, id) = escrowed::<T>(n)?;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Escrows::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn prune_slash_record() -> Result<(), BenchmarkError> {
		let (owner, operator, avs) = pair::<T>(1, false);
		let (id, _) = Pallet::<T>::do_request_slash(
			&owner,
			avs,
			operator,
			Perbill::from_percent(10),
			H256::zero(),
			reason::<T>(),
		)?;
		advance::<T>(T::HistoryRetention::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(!SlashHistory::<T>::contains_key(id));
		assert!(!crate::SlashDeposits::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn veto_slash(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (owner, id) = pending::<T>(n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(SlashHistory::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn cancel_slash(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (_, id) = pending::<T>(n)?;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(SlashHistory::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn execute_slash(n: Linear<1, { T::MaxVaultsPerSlash::get() }>) -> Result<(), BenchmarkError> {
		let (owner, id) = pending::<T>(n)?;
		advance::<T>(T::MaxVetoWindow::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert_eq!(SlashHistory::<T>::get(id).map(|r| r.taken.len() as u32), Some(n));
		Ok(())
	}

	#[benchmark]
	fn set_global_max_fraction() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(30));

		assert_eq!(crate::GlobalMaxFraction::<T>::get(), Perbill::from_percent(30));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
