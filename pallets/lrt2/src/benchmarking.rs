//! Benchmarks of the LRT² ledger (frame-benchmarking v2), each over its worst case.
//!
//! No component is the number of holders or of past distributions: no call depends on them.

use super::*;
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get},
	frame_system::{pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::{
		traits::{Saturating, StaticLookup},
		FixedU128,
	},
};
use restake_primitives::{
	traits::{StakeInspect, VaultInspect},
	AvsId, VaultId,
};

/// What the runtime must provide for the benchmarks.
pub trait BenchmarkHelper<T: Config> {
	/// Gives `who` `amount` of the native token and of the benchmark vaults' asset.
	fn fund(who: &T::AccountId, amount: u128);
	/// Reward assets (every one the runtime can list), `amount` of each minted to `who`.
	fn reward_assets(who: &T::AccountId, amount: u128) -> Vec<T::AssetKind>;
	/// A vault curated by `curator` with a deposit from `holder`, allocating to `pairs`
	/// (operator, AVS) pairs in force, each AVS with its own owner and operator.
	fn vault_with_pairs(
		curator: &T::AccountId,
		holder: &T::AccountId,
		pairs: u32,
	) -> (VaultId, Vec<AvsId>);
	/// The operator opted in to `avs` by [`Self::vault_with_pairs`].
	fn avs_operator(avs: AvsId) -> T::AccountId;
	/// An AVS (owner funded) that no vault allocates to.
	fn avs_without_stake() -> AvsId;
}

const FUNDS: u128 = 1_000_000_000_000_000;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	T::BenchmarkHelper::fund(&who, FUNDS);
	who
}

fn owner_of<T: Config>(avs: AvsId) -> T::AccountId {
	T::Stake::avs_roles(avs).map(|r| r.owner).expect("benchmark AVS exists")
}

fn advance<T: Config>(blocks: u32) {
	let now = polkadot_sdk::frame_system::Pallet::<T>::block_number();
	polkadot_sdk::frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks.into()));
}

fn duration<T: Config>() -> BlockNumberFor<T> {
	T::MinStreamDuration::get().saturating_mul(10u32.into())
}

/// The helper's reward assets, listed by governance.
fn listed_reward_assets<T: Config>(who: &T::AccountId, amount: u128) -> Vec<T::AssetKind> {
	let assets = T::BenchmarkHelper::reward_assets(who, amount);
	for asset in &assets {
		if !Pallet::<T>::is_reward_asset(asset) {
			Pallet::<T>::do_list_reward_asset(asset.clone()).expect("room to list");
		}
	}
	assets
}

/// Every AVS of `avss` streams every reward asset and runs its programmes.
fn stream_everything<T: Config>(avss: &[AvsId]) -> Result<(), BenchmarkError> {
	for avs in avss {
		let owner = owner_of::<T>(*avs);
		let assets = listed_reward_assets::<T>(&owner, FUNDS);
		// Every stream slot taken (`MaxStreamsPerAvs`), over every listed asset: the most a
		// sync of the AVS's pools can go through.
		for i in 0..T::MaxStreamsPerAvs::get() as usize {
			let asset = assets[i % assets.len()].clone();
			Pallet::<T>::do_fund_stream(&owner, *avs, asset, FUNDS / 100, duration::<T>())?;
		}
		fill_programmes::<T>(&owner, ProgrammeScope::Avs(*avs))?;
	}
	Ok(())
}

/// A running vault reward in every listed asset but the vault's own (which compounds), and
/// every vault programme slot taken: the most a sync of the vault's own sources goes through.
fn reward_everything<T: Config>(vault: VaultId) -> Result<(), BenchmarkError> {
	let sponsor = funded::<T>("sponsor", 7);
	let own = T::Vaults::vault_asset(vault);
	for asset in listed_reward_assets::<T>(&sponsor, FUNDS) {
		if Some(&asset) != own.as_ref() {
			Pallet::<T>::do_reward_vault(&sponsor, vault, asset, FUNDS / 100)?;
		}
	}
	let curator = T::Vaults::curator(vault).expect("benchmark vault exists");
	fill_programmes::<T>(&curator, ProgrammeScope::Vault(vault))
}

/// Every programme slot of `scope` taken by programmes running from now on.
fn fill_programmes<T: Config>(
	owner: &T::AccountId,
	scope: ProgrammeScope,
) -> Result<(), BenchmarkError> {
	let now = Pallet::<T>::now();
	for _ in 0..T::MaxProgrammes::get() {
		Pallet::<T>::do_create_programme(
			owner,
			scope,
			Default::default(),
			FixedU128::from_rational(1, 1000),
			now,
			now.saturating_add(duration::<T>()),
		)?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund_stream() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (_, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let avs = avss[0];
		let owner = owner_of::<T>(avs);
		let assets = listed_reward_assets::<T>(&owner, FUNDS);
		// Worst case: the pool accrues every other running stream of the AVS first.
		for _ in 1..T::MaxStreamsPerAvs::get() {
			Pallet::<T>::do_fund_stream(
				&owner,
				avs,
				assets[0].clone(),
				FUNDS / 100,
				duration::<T>(),
			)?;
		}
		advance::<T>(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avs, assets[0].clone(), FUNDS / 100, duration::<T>());

		assert_eq!(ActiveStreams::<T>::get(avs).len() as u32, T::MaxStreamsPerAvs::get());
		Ok(())
	}

	#[benchmark]
	fn reclaim_unallocated() -> Result<(), BenchmarkError> {
		// An AVS without stake: its stream is set aside entirely.
		let avs = T::BenchmarkHelper::avs_without_stake();
		let owner = owner_of::<T>(avs);
		let asset = listed_reward_assets::<T>(&owner, FUNDS)[0].clone();
		let id = Pallet::<T>::do_fund_stream(&owner, avs, asset, FUNDS / 100, duration::<T>())?;
		advance::<T>(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		let stream = Streams::<T>::get(id).ok_or("stream")?;
		assert!(stream.refunded > 0);
		Ok(())
	}

	#[benchmark]
	fn reward_vault() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (vault, _) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 0);
		let own = T::Vaults::vault_asset(vault);
		let asset = listed_reward_assets::<T>(&curator, FUNDS)
			.into_iter()
			.find(|a| Some(a) != own.as_ref())
			.expect("a reward asset other than the vault's");
		// Worst case: a new source for the vault, which was last synced blocks ago (its pairs
		// are charged on top, as `sync_vault(p)`).
		Pallet::<T>::sync_vault(vault);
		advance::<T>(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), vault, asset.clone(), FUNDS / 100);

		assert_eq!(VaultSources::<T>::get(vault).len(), 1);
		assert!(VaultDrips::<T>::get(vault, asset).is_some());
		Ok(())
	}

	#[benchmark]
	fn post_bounty() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (_, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let owner = owner_of::<T>(avss[0]);
		let asset = listed_reward_assets::<T>(&owner, FUNDS)[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), avss[0], asset, FUNDS / 100, duration::<T>());

		assert_eq!(OpenBounties::<T>::get(avss[0]), 1);
		Ok(())
	}

	#[benchmark]
	fn award_bounty() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (_, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let owner = owner_of::<T>(avss[0]);
		let asset = listed_reward_assets::<T>(&owner, FUNDS)[0].clone();
		let id = Pallet::<T>::do_post_bounty(
			&owner,
			avss[0],
			asset.clone(),
			FUNDS / 100,
			duration::<T>(),
		)?;
		let operator = T::BenchmarkHelper::avs_operator(avss[0]);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, T::Lookup::unlookup(operator.clone()));

		assert_eq!(
			Earned::<T>::get(&operator, Source::Bounty { avs: avss[0], asset }),
			FUNDS / 100
		);
		Ok(())
	}

	#[benchmark]
	fn cancel_bounty() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (_, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let owner = owner_of::<T>(avss[0]);
		let asset = listed_reward_assets::<T>(&owner, FUNDS)[0].clone();
		let id = Pallet::<T>::do_post_bounty(&owner, avss[0], asset, FUNDS / 100, duration::<T>())?;
		advance::<T>(10 * T::MinStreamDuration::get().try_into().unwrap_or(1u32) + 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(Bounties::<T>::get(id).is_none());
		Ok(())
	}

	#[benchmark]
	fn create_programme() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (_, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let owner = owner_of::<T>(avss[0]);
		let now = Pallet::<T>::now();
		let name = vec![b'p'; T::NameLimit::get() as usize].try_into().map_err(|_| "name")?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			ProgrammeScope::Avs(avss[0]),
			name,
			FixedU128::from_rational(1, 1000),
			now,
			now.saturating_add(duration::<T>()),
		);

		assert_eq!(AvsProgrammes::<T>::get(avss[0]).len(), 1);
		Ok(())
	}

	#[benchmark]
	fn close_stream() -> Result<(), BenchmarkError> {
		// Worst case: every stream slot of an AVS without stake taken in one asset, all set
		// aside (returned on close), the pool accrued through all of them first.
		let avs = T::BenchmarkHelper::avs_without_stake();
		let owner = owner_of::<T>(avs);
		let asset = listed_reward_assets::<T>(&owner, FUNDS)[0].clone();
		let first = NextStreamId::<T>::get();
		for _ in 0..T::MaxStreamsPerAvs::get() {
			Pallet::<T>::do_fund_stream(&owner, avs, asset.clone(), FUNDS / 100, duration::<T>())?;
		}
		advance::<T>(duration::<T>().try_into().unwrap_or(u32::MAX).saturating_add(1));
		let closer = funded::<T>("closer", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), first);

		assert!(Streams::<T>::get(first).is_none());
		assert!(StreamDeposits::<T>::get(first).is_none());
		Ok(())
	}

	#[benchmark]
	fn close_programme() -> Result<(), BenchmarkError> {
		// An AVS programme every pair has been credited up to its end: its slot and record go
		// at once (a vault programme's close adds the sync of its vault, charged as
		// `sync_vault`).
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (vault, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 1);
		let owner = owner_of::<T>(avss[0]);
		let first = NextProgrammeId::<T>::get();
		fill_programmes::<T>(&owner, ProgrammeScope::Avs(avss[0]))?;
		advance::<T>(duration::<T>().try_into().unwrap_or(u32::MAX).saturating_add(1));
		Pallet::<T>::sync_vault(vault);
		assert_eq!(ProgrammePairs::<T>::get(first), 0);
		let closer = funded::<T>("closer", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), first);

		assert!(Programmes::<T>::get(first).is_none());
		assert_eq!(AvsProgrammes::<T>::get(avss[0]).len() as u32, T::MaxProgrammes::get() - 1);
		Ok(())
	}

	#[benchmark]
	fn claim(
		n: Linear<1, { T::MaxVaultsPerHolder::get().max(T::MaxClaimEntries::get()) }>,
	) -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let sponsor = funded::<T>("sponsor", 0);
		let assets = listed_reward_assets::<T>(&sponsor, FUNDS);
		// `n` vaults (up to the holder's bound) and `n` reward entries: one per vault in the
		// first asset, then in the next, and so on.
		let vaults: Vec<_> = (0..n.min(T::MaxVaultsPerHolder::get()))
			.map(|_| T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 0).0)
			.collect();
		// (A reward in the vault's own asset compounds instead of making an entry.)
		let entries = assets.iter().flat_map(|asset| {
			vaults
				.iter()
				.filter(move |vault| T::Vaults::vault_asset(**vault).as_ref() != Some(asset))
				.map(move |vault| (*vault, asset.clone()))
		});
		for (vault, asset) in entries.take(n as usize) {
			Pallet::<T>::do_reward_vault(&sponsor, vault, asset, FUNDS / 1000)?;
		}
		advance::<T>(1);
		// Settled beforehand on purpose: what a claim's syncs and settlements cost is charged
		// from their own benchmarks (`sync_vault`, `settle_holder`), by what they did; this
		// measures the rest — the vault lists, the cursor, and `n` entries paid.
		Pallet::<T>::settle_account(&holder);
		assert_eq!(Earned::<T>::iter_prefix(&holder).count() as u32, n);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()));

		assert!(Earned::<T>::iter_prefix(&holder).next().is_none());
		Ok(())
	}

	#[benchmark]
	fn sync_vault(p: Linear<0, { T::MaxPairsPerVault::get() }>) -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (vault, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, p);
		stream_everything::<T>(&avss)?;
		reward_everything::<T>(vault)?;
		Pallet::<T>::sync_vault(vault);
		// Worst case: the sync passes the end of every AVS programme, each closed and owed by
		// this vault's pair alone, so it releases and removes them all.
		advance::<T>(duration::<T>().try_into().unwrap_or(u32::MAX).saturating_add(1));
		let closing: Vec<ProgrammeId> =
			avss.iter().flat_map(|avs| AvsProgrammes::<T>::get(avs).into_inner()).collect();
		for id in &closing {
			Pallet::<T>::do_close_programme(*id)?;
		}

		#[block]
		{
			Pallet::<T>::sync_vault(vault);
		}

		assert_eq!(VaultSyncedAt::<T>::get(vault), Some(Pallet::<T>::now()));
		assert!(closing.iter().all(|id| Programmes::<T>::get(id).is_none()));
		Ok(())
	}

	#[benchmark]
	fn reweigh_vault(p: Linear<0, { T::MaxPairsPerVault::get() }>) -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (vault, avss) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, p);
		stream_everything::<T>(&avss)?;
		advance::<T>(2);
		Pallet::<T>::sync_vault(vault);
		// Worst case: every pair's weight differs from the current stake.
		VaultPairs::<T>::mutate(vault, |pairs| {
			for pair in pairs.iter_mut() {
				pair.weight = pair.weight.saturating_add(1);
			}
		});

		#[block]
		{
			Pallet::<T>::reweigh_vault(vault);
		}

		for pair in VaultPairs::<T>::get(vault) {
			assert_eq!(pair.weight, T::Stake::weighted_allocation(vault, &pair.operator, pair.avs));
		}
		Ok(())
	}

	#[benchmark]
	fn settle_holder(s: Linear<0, { MaxVaultSources::<T>::get() }>) -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let sponsor = funded::<T>("sponsor", 0);
		let asset = listed_reward_assets::<T>(&sponsor, FUNDS)[0].clone();
		let (vault, _) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 0);
		let shares = T::Vaults::shares_of(vault, &holder);
		// `s` sources, each owing the holder (what each source is does not change the work):
		// AVS sources first, then vault rewards, then points, each kind within its room.
		let (tokens, rewards) = (T::MaxSourcesPerVault::get(), T::MaxRewardAssets::get());
		for i in 0..s {
			let source = if i < tokens {
				Source::Avs { avs: AvsId::MAX - i, asset: asset.clone() }
			} else if i < tokens + rewards {
				Source::Vault { vault: VaultId::MAX - i, asset: asset.clone() }
			} else {
				Source::Points { programme: u32::MAX - i }
			};
			assert_eq!(
				Pallet::<T>::credit_vault(vault, source, FUNDS / 1000, shares),
				FUNDS / 1000
			);
		}
		advance::<T>(1);

		#[block]
		{
			Pallet::<T>::settle_holder(vault, &holder, shares);
		}

		let settled =
			Earned::<T>::iter_prefix(&holder).count() + Points::<T>::iter_prefix(&holder).count();
		assert_eq!(settled, s as usize);
		Ok(())
	}

	#[benchmark]
	fn list_reward_asset() -> Result<(), BenchmarkError> {
		let sponsor = funded::<T>("sponsor", 0);
		let asset = listed_reward_assets::<T>(&sponsor, FUNDS)[0].clone();
		// Every other listed asset stays: the new one is compared with each and goes last.
		RewardAssets::<T>::mutate(|listed| listed.retain(|a| *a != asset));
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset.clone());

		assert!(Pallet::<T>::is_reward_asset(&asset));
		Ok(())
	}

	#[benchmark]
	fn delist_reward_asset() -> Result<(), BenchmarkError> {
		let sponsor = funded::<T>("sponsor", 0);
		let asset = listed_reward_assets::<T>(&sponsor, FUNDS)[0].clone();
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset.clone());

		assert!(!Pallet::<T>::is_reward_asset(&asset));
		Ok(())
	}

	#[benchmark]
	fn track_vault() -> Result<(), BenchmarkError> {
		let curator = funded::<T>("curator", 0);
		let holder = funded::<T>("holder", 0);
		let (vault, _) = T::BenchmarkHelper::vault_with_pairs(&curator, &holder, 0);
		// The vault sits in the received list, to be moved into the own one.
		HolderVaults::<T>::remove(&holder);
		ReceivedVaults::<T>::insert(
			&holder,
			polkadot_sdk::frame_support::BoundedVec::truncate_from(alloc::vec![vault]),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), vault);

		assert!(HolderVaults::<T>::get(&holder).contains(&vault));
		assert!(ReceivedVaults::<T>::get(&holder).is_empty());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
