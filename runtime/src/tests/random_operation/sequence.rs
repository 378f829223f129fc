//! One sequence, step by step: a fresh `development` genesis, a random series of calls and
//! block advances, each call dispatched with its storage counted and checked, the checks after
//! every step, and at the end everything run out, settled and checked once more.

use super::{
	checks::{
		check_holds_are_bounded, check_issuance, check_nothing_bricked, check_retired_sources,
		check_rewards, check_vaults, total_issuance, try_state, underlying_assets,
	},
	draw::{account, Rng, ACTORS, BOUNDARY_STEPS},
	lifecycle::lifecycle_call,
	model::{observe, Observed},
	operations::random_call,
	stats::{error_name, Stats},
	Mode, MAX_STEPS, MIN_STEPS,
};
use crate::{
	tests::{
		dev_storage,
		storage_counter::{check_charged, count_storage, storage_weight},
		storage_root,
	},
	Runtime, RuntimeCall, RuntimeOrigin, System,
};
use pallet_vaults::VaultFlows;
use polkadot_sdk::{
	frame_support::{dispatch::GetDispatchInfo, traits::OriginTrait},
	sp_io,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{traits::Dispatchable, FixedU128},
};
use restake_primitives::VaultId;
use std::collections::BTreeMap;

/// Runs programmes of `vault`'s curator one after another until the vault's room for points
/// sources is full of finished ones and one more takes a place: a source retires with every
/// holder still to be settled from it, for the random steps to move, settle and claim.
fn retire_a_points_source(vault: VaultId) -> Result<(), String> {
	use polkadot_sdk::frame_support::traits::Get;
	let curator = pallet_vaults::Vaults::<Runtime>::get(vault).ok_or("no vault")?.curator;
	let room = <<Runtime as pallet_lrt2::Config>::MaxPointSources as Get<u32>>::get();
	for _ in 0..=room {
		let now = System::block_number();
		let id = pallet_lrt2::NextProgrammeId::<Runtime>::get();
		let who = RuntimeOrigin::signed(curator.clone());
		pallet_lrt2::Pallet::<Runtime>::create_programme(
			who.clone(),
			pallet_lrt2::ProgrammeScope::Vault(vault),
			b"season".to_vec().try_into().map_err(|_| "name")?,
			FixedU128::from_u32(1),
			now + 1,
			now + 1,
		)
		.map_err(|e| format!("create_programme: {e:?}"))?;
		System::set_block_number(now + 2);
		pallet_lrt2::Pallet::<Runtime>::close_programme(who, id)
			.map_err(|e| format!("close_programme {id}: {e:?}"))?;
	}
	if pallet_lrt2::Retired::<Runtime>::get(vault).entries.is_empty() {
		return Err(format!("vault {vault}: no points source retired"));
	}
	Ok(())
}

/// Runs one sequence; `Err` describes the first broken promise.
pub(super) fn run_sequence(
	seed: u64,
	mode: Mode,
	trace: bool,
	stats: &mut Stats,
) -> Result<(), String> {
	let mut rng = Rng(seed);
	let mut ext = sp_io::TestExternalities::new(dev_storage());
	ext.execute_with(|| -> Result<(), String> {
		System::set_block_number(1);
		let flows_at_start: BTreeMap<VaultId, VaultFlows> =
			pallet_vaults::Vaults::<Runtime>::iter().map(|(id, v)| (id, v.flows)).collect();
		let issuance_at_start: Vec<u128> = underlying_assets().iter().map(total_issuance).collect();
		let mut seen = Observed::default();
		if rng.chance(25) {
			retire_a_points_source(0)?;
		}
		let steps = MIN_STEPS + rng.below(MAX_STEPS - MIN_STEPS + 1);
		for step in 0..steps {
			if rng.chance(15) {
				let by = rng.pick(&BOUNDARY_STEPS);
				System::set_block_number(System::block_number() + by);
				stats.block_advances += 1;
				if trace {
					println!("#{step} advance {by} blocks to {}", System::block_number());
				}
				continue;
			}
			let targeted = if mode == Mode::Lifecycle { lifecycle_call(&mut rng) } else { None };
			let (label, origin, call) = targeted.unwrap_or_else(|| random_call(&mut rng));
			dispatch_and_check(step, label, origin, &call, trace, stats)?;
			check_after_step(&mut rng, &mut seen, stats)
				.map_err(|e| format!("#{step} {label}: {e}"))?;
			try_state().map_err(|e| format!("#{step} {label}: {e} after {call:?}"))?;
			stats.invariant_checks += 1;
		}
		finish(&mut seen, stats)?;
		check_vaults(&flows_at_start, &seen, stats)?;
		check_issuance(&issuance_at_start, &seen, stats)?;
		let dust_before = stats.max_lrt2_dust;
		check_rewards(stats, true)?;
		if stats.max_lrt2_dust > dust_before {
			stats.max_lrt2_dust_seed = seed;
		}
		Ok(())
	})
}

/// Dispatches step `step`'s call with its storage counted, and checks what the call itself
/// promises: the weight it is charged covers the storage it touched, a success used at most its
/// declared weight, a failure left the storage root unchanged.
fn dispatch_and_check(
	step: u64,
	label: &'static str,
	origin: RuntimeOrigin,
	call: &RuntimeCall,
	trace: bool,
	stats: &mut Stats,
) -> Result<(), String> {
	let info = call.get_dispatch_info();
	let declared = info.call_weight;
	let before = storage_root();
	let signer = origin.clone().into_signer();
	let (result, touched) =
		count_storage(signer.as_ref(), || call.clone().dispatch(origin.clone()));
	stats.calls += 1;
	let entry = stats.calls_by_label.entry(label).or_default();
	entry.0 += 1;
	let charged = check_charged(&info, &result, &touched)
		.map_err(|e| format!("#{step} {label}: {e}: {call:?}"))?;
	stats.weight_checks += 1;
	let tightness = storage_weight(&touched).ref_time() as f64 / charged.ref_time().max(1) as f64;
	if tightness > stats.tightest_weight.0 {
		stats.tightest_weight = (tightness, label);
	}
	match &result {
		Ok(post) => {
			stats.succeeded += 1;
			entry.1 += 1;
			let actual = post.actual_weight.unwrap_or(declared);
			if !declared.all_gte(actual) {
				return Err(format!(
					"#{step} {label}: actual weight {actual:?} above declared {declared:?}"
				));
			}
		},
		Err(e) => {
			*stats.errors.entry(error_name(&e.error)).or_default() += 1;
			if storage_root() != before {
				return Err(format!(
					"#{step} {label} failed with {:?} and changed storage: {call:?}",
					e.error
				));
			}
		},
	}
	stats.invariant_checks += 2;
	if trace {
		println!(
			"#{step} {label} from {origin:?}: {:?}\n    {call:?}",
			result.map(|_| ()).map_err(|e| error_name(&e.error))
		);
	}
	Ok(())
}

/// The checks after every step (before `try_state`): the step's events read into `seen`, holds
/// bounded, retired sources exact, nothing bricked, the LRT² ledger balanced.
fn check_after_step(rng: &mut Rng, seen: &mut Observed, stats: &mut Stats) -> Result<(), String> {
	observe(seen)?;
	check_holds_are_bounded()?;
	stats.retired_checks += check_retired_sources()?;
	check_nothing_bricked(rng)?;
	// Every unit funded into LRT² is paid, owed, still to be paid or recorded dust,
	// after every step (not only once everything is settled).
	check_rewards(stats, false)
}

/// Runs every stream out, then pokes every vault and claims for every actor.
fn finish(seen: &mut Observed, stats: &mut Stats) -> Result<(), String> {
	let last_end = pallet_lrt2::Streams::<Runtime>::iter_values().map(|s| s.end).max().unwrap_or(0);
	System::set_block_number(System::block_number().max(last_end) + 1);
	let who = RuntimeOrigin::signed(account(K::Alice));
	// Every finished stream and ended programme can be closed by anyone (issue 16, finding 8).
	for id in pallet_lrt2::Streams::<Runtime>::iter_keys().collect::<Vec<_>>() {
		pallet_lrt2::Pallet::<Runtime>::close_stream(who.clone(), id)
			.map_err(|e| format!("close_stream {id}: {e:?}"))?;
		stats.closed += 1;
	}
	let now = System::block_number();
	let ended: Vec<_> = pallet_lrt2::Programmes::<Runtime>::iter()
		.filter(|(id, p)| {
			p.end < now && !pallet_lrt2::ClosingProgrammes::<Runtime>::contains_key(id)
		})
		.map(|(id, _)| id)
		.collect();
	for id in ended {
		pallet_lrt2::Pallet::<Runtime>::close_programme(who.clone(), id)
			.map_err(|e| format!("close_programme {id}: {e:?}"))?;
		stats.closed += 1;
	}
	for vault in pallet_vaults::Vaults::<Runtime>::iter_keys().collect::<Vec<_>>() {
		pallet_lrt2::Pallet::<Runtime>::poke(who.clone(), vault)
			.map_err(|e| format!("poke {vault}: {e:?}"))?;
	}
	// The pokes credited every pair past every closed programme's end: none is left owed
	// (pairs of destroyed vaults left the ledger with them).
	if let Some((id, _)) = pallet_lrt2::ClosingProgrammes::<Runtime>::iter().next() {
		return Err(format!("closed programme {id} still owed after every vault synced"));
	}
	for actor in ACTORS {
		// `NothingToClaim` is the only acceptable refusal.
		if let Err(e) = pallet_lrt2::Pallet::<Runtime>::claim(RuntimeOrigin::signed(account(actor)))
		{
			if e.error != pallet_lrt2::Error::<Runtime>::NothingToClaim.into() {
				return Err(format!("final claim of {actor:?}: {:?}", e.error));
			}
		}
	}
	observe(seen)?;
	stats.bounded_slash_takes += seen.bounded_takes;
	stats.exact_slash_takes += seen.exact_takes;
	try_state().map_err(|e| format!("after the final claims: {e}"))?;
	stats.invariant_checks += 1;
	Ok(())
}
