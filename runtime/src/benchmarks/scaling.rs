//! The scaling proof: what the restaking calls cost against how many holders the vault has.
//!
//! Every benchmark here works on vault 0 of the `dev` genesis (stETH, allocated by Operator A
//! to the Oracle and DA AVSs, with the Oracle's reward stream and two points programmes
//! running). It first gives the vault `h = 10^e` holders, then measures one call:
//! `deposit`, `request_withdrawal`, `transfer_shares` (an LRT transfer with the ledger's
//! settlement of both sides), `lrt2.claim` and `slashing.execute_slash`.
//!
//! The holders are written directly, as that many deposits would leave them (native balance,
//! LRT balance, the ledger's per-holder vault list and snapshots, the vault's totals and its
//! stETH), so `e = 5` (100 000 holders) takes seconds to set up instead of hours.
//!
//! `scripts/scaling.sh` runs them with `e` = 0…5 and prints, per call, the time and the
//! storage reads/writes at each size and the ratio to the 1-holder case. The reads and
//! writes must be the same at every size: no call touches another holder's state.

use crate::{AccountId, Assets, Balances, Lrt2, Runtime, RuntimeOrigin, Slashing, Vaults};
use alloc::vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{fungible::Mutate as _, fungibles::Mutate as _, tokens::fungible::NativeOrWithId},
		BoundedVec,
	},
	frame_system,
	sp_core::H256,
	sp_runtime::{traits::StaticLookup, Perbill},
};
use restake_primitives::traits::OnStakeChanged;

/// The benchmarks' pseudo-pallet (no storage, no calls).
pub struct Pallet<T: Config>(core::marker::PhantomData<T>);

/// Implemented by the runtime only: the benchmarks call its pallets directly.
pub trait Config: frame_system::Config {}

impl Config for Runtime {}

/// The vault under test: the dev genesis's stETH vault.
const VAULT: u32 = 0;
/// The AVS whose slash is executed (its policy has a 10-block veto window).
const ORACLE_AVS: u32 = 0;
/// LRT each seeded holder has (1 stETH at the genesis rate of 1 000 LRT units per unit).
const HOLDER_SHARES: u128 = 1_000_000_000_000_000_000_000;
/// The stETH behind each seeded holder's LRT.
const HOLDER_ASSETS: u128 = 1_000_000_000_000_000_000;
/// Native balance of every account the benchmarks create.
const NATIVE: u128 = 1_000_000_000_000_000;

fn block() -> u32 {
	frame_system::Pallet::<Runtime>::block_number()
}

fn set_block(n: u32) {
	frame_system::Pallet::<Runtime>::set_block_number(n);
}

fn steth_id() -> Result<u32, BenchmarkError> {
	match pallet_vaults::Vaults::<Runtime>::get(VAULT)
		.ok_or(BenchmarkError::Stop("no vault 0: use --chain dev"))?
		.asset
	{
		NativeOrWithId::WithId(id) => Ok(id),
		NativeOrWithId::Native => Err(BenchmarkError::Stop("vault 0 must hold an asset")),
	}
}

fn holder(i: u32) -> AccountId {
	account("holder", i, 0)
}

/// Gives vault 0 `count` more holders of [`HOLDER_SHARES`] each, settled at the ledger's
/// current indexes, and the stETH behind them.
fn seed_holders(count: u32) -> Result<(), BenchmarkError> {
	// Accruals so far go to the holders before the seeded ones.
	Lrt2::sync_vault(VAULT);
	let mut vault =
		pallet_vaults::Vaults::<Runtime>::get(VAULT).ok_or(BenchmarkError::Stop("no vault 0"))?;
	let sources = pallet_lrt2::VaultSources::<Runtime>::get(VAULT);
	let indexes: alloc::vec::Vec<_> = sources
		.iter()
		.map(|s| (s.clone(), pallet_lrt2::VaultPools::<Runtime>::get(VAULT, s).index))
		.collect();
	let tracked = BoundedVec::truncate_from(vec![VAULT]);
	for i in 0..count {
		let who = holder(i);
		Balances::set_balance(&who, NATIVE);
		Assets::mint_into(vault.lrt, &who, HOLDER_SHARES)?;
		pallet_lrt2::HolderVaults::<Runtime>::insert(&who, &tracked);
		for (source, index) in &indexes {
			pallet_lrt2::HolderSnapshots::<Runtime>::insert((VAULT, who.clone(), source), index);
		}
	}
	let assets = HOLDER_ASSETS.saturating_mul(count.into());
	Assets::mint_into(steth_id()?, &Vaults::vault_account(VAULT), assets)?;
	vault.total_assets = vault.total_assets.saturating_add(assets);
	vault.total_shares =
		vault.total_shares.saturating_add(HOLDER_SHARES.saturating_mul(count.into()));
	pallet_vaults::Vaults::<Runtime>::insert(VAULT, vault);
	// The vault's pairs weigh its new stake, as after real deposits.
	<Lrt2 as OnStakeChanged>::on_stake_changed(VAULT);
	// Minting deposits events: a block does not start with 100 000 of them.
	frame_system::Pallet::<Runtime>::reset_events();
	Ok(())
}

fn holders(e: u32) -> u32 {
	10u32.saturating_pow(e)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The control: a holder sends native tokens to a new account, in a vault of `10^e`
	/// holders (each of them also an account of the native token). What the state's size
	/// costs every call that reads and writes accounts, restaking or not.
	#[benchmark]
	fn transfer_keep_alive(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		seed_holders(holders(e))?;
		set_block(block() + 1);
		let origin = RuntimeOrigin::signed(holder(0));
		let to = <Runtime as frame_system::Config>::Lookup::unlookup(account("receiver", 0, 0));

		let result;
		#[block]
		{
			result = Balances::transfer_keep_alive(origin, to, NATIVE / 2);
		}

		result?;
		Ok(())
	}

	/// A newcomer deposits 1 stETH into a vault of `10^e` holders.
	#[benchmark]
	fn deposit(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		seed_holders(holders(e))?;
		let depositor: AccountId = account("depositor", 0, 0);
		Balances::set_balance(&depositor, NATIVE);
		Assets::mint_into(steth_id()?, &depositor, HOLDER_ASSETS)?;
		// The call is the block's first touch of the vault: it syncs it.
		set_block(block() + 1);
		let origin = RuntimeOrigin::signed(depositor);

		let result;
		#[block]
		{
			result = Vaults::deposit(origin, VAULT, HOLDER_ASSETS);
		}

		result.map_err(|e| e.error)?;
		Ok(())
	}

	/// A holder requests the withdrawal of half its LRT from a vault of `10^e` holders.
	#[benchmark]
	fn request_withdrawal(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		seed_holders(holders(e))?;
		set_block(block() + 1);
		let origin = RuntimeOrigin::signed(holder(0));

		let result;
		#[block]
		{
			result = Vaults::request_withdrawal(origin, VAULT, HOLDER_SHARES / 2);
		}

		result.map_err(|e| e.error)?;
		Ok(())
	}

	/// A holder sends half its LRT to a new holder, in a vault of `10^e` holders: both sides
	/// are settled by the ledger first.
	#[benchmark]
	fn transfer_shares(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		seed_holders(holders(e))?;
		let receiver: AccountId = account("receiver", 0, 0);
		Balances::set_balance(&receiver, NATIVE);
		set_block(block() + 1);
		let origin = RuntimeOrigin::signed(holder(0));
		let to = <Runtime as frame_system::Config>::Lookup::unlookup(receiver);

		let result;
		#[block]
		{
			result = Vaults::transfer_shares(origin, VAULT, to, HOLDER_SHARES / 2);
		}

		result.map_err(|e| e.error)?;
		Ok(())
	}

	/// A holder claims 100 blocks of the Oracle stream and of both points programmes, in a
	/// vault of `10^e` holders.
	#[benchmark]
	fn claim(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		// Seeded in the genesis block, where no events are kept: 300 000 `Issued` events
		// would make the measured call's timing erratic (0.5–12 ms at 100 000 holders, a
		// plain asset transfer as much), which is not what a block of the chain sees.
		seed_holders(holders(e))?;
		set_block(block() + 100);
		let origin = RuntimeOrigin::signed(holder(0));

		let result;
		#[block]
		{
			result = Lrt2::claim(origin);
		}

		result?;
		Ok(())
	}

	/// A 10 % slash of Operator A on the Oracle AVS executes after its veto window, against
	/// a vault of `10^e` holders.
	#[benchmark]
	fn execute_slash(e: Linear<0, 5>) -> Result<(), BenchmarkError> {
		seed_holders(holders(e))?;
		let avs = pallet_operators::Avss::<Runtime>::get(ORACLE_AVS)
			.ok_or(BenchmarkError::Stop("no Oracle AVS"))?;
		let operator = pallet_operators::Allocations::<Runtime>::iter_keys()
			.find(|(vault, _, avs)| *vault == VAULT && *avs == ORACLE_AVS)
			.map(|(_, operator, _)| operator)
			.ok_or(BenchmarkError::Stop("vault 0 allocates nothing to the Oracle AVS"))?;
		set_block(block() + 1);
		Slashing::request_slash(
			RuntimeOrigin::signed(avs.slasher),
			ORACLE_AVS,
			operator.into(),
			Perbill::from_percent(10),
			H256::repeat_byte(1),
			Default::default(),
		)?;
		let id = pallet_slashing::NextSlashId::<Runtime>::get().saturating_sub(1);
		let executable_at = pallet_slashing::PendingSlashes::<Runtime>::get(id)
			.ok_or(BenchmarkError::Stop("the slash was not queued"))?
			.executable_at;
		set_block(executable_at);
		let origin = RuntimeOrigin::signed(holder(0));

		let result;
		#[block]
		{
			result = Slashing::execute_slash(origin, id);
		}

		result?;
		Ok(())
	}
}
