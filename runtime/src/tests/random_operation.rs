//! The randomised whole-system test.
//!
//! Each sequence starts from the `development` genesis (two vaults with holders, two AVSs
//! with policies, two operators with allocations, a reward stream, two points programmes) and
//! runs a random series of every extrinsic of the four restaking pallets — plus native and
//! LRT transfers — from twelve actors, each call signed by the right role three times in four
//! and by anyone (Root, nobody, another actor) otherwise. Amounts are adversarial (0, 1, dust,
//! `u128::MAX`, a balance ±1, a cap ±1) and time advances by 0 blocks (same block) or to the
//! exact boundaries of the delays (±1).
//!
//! An attacker role uses the whole runtime, not only the restaking pallets: it creates, mints,
//! freezes and thaws assets (its own junk, listed LSTs, LRT ids and the next vault's LRT id),
//! `touch`es and `refund`s, rewards vaults in junk, sends LRT dust to everyone, and wraps all
//! of it in `utility.batch`.
//!
//! After every call:
//! - no LRT's supply differs from its vault's `total_shares`, a vault can still be created,
//!   and a random actor's claim succeeds or fails only with `NothingToClaim` (probed and
//!   rolled back);
//! - every pallet's `try_state` holds (`AllPalletsWithSystem`, so also balances and assets);
//! - a failed call left the storage root unchanged;
//! - a successful call's actual weight is at most its declared weight;
//! - the weight every call is charged (after its refund, succeeded or failed) covers the
//!   storage it really read and wrote, counted key by key ([`super::storage_counter`]) and
//!   priced at the runtime's `DbWeight`.
//!
//! At the end of every sequence, with every stream run out, every vault poked and every actor
//! claimed:
//! - vaults: each vault's flows moved exactly by the amounts its events reported, and its
//!   account holds exactly its seed + active + queued assets (assets in = out + held + slashed);
//! - issuance: no underlying asset was minted, what was burned was slashed, and supply fell
//!   by exactly the burns plus the native dust of accounts emptied below the existential
//!   deposit;
//! - LRT²: per reward asset, the ledger account holds exactly funded − paid out, and
//!   funded = paid out + claimable + remaining + unallocated + open bounties + dripping + dust, where
//!   dust is exactly the rounding the reward pools record and at most 1 000 units.
//!
//! Two modes, two tests, the same checks:
//! - uniform: every call drawn uniformly. `RESTAKE_RANDOM_SEQUENCES` sets the number of
//!   sequences (default 10 000; the nightly variant in the README runs 200 000);
//!   `RESTAKE_RANDOM_SEED=<seed>` replays one with a trace of every call;
//! - lifecycle: seven calls in ten take something in progress one step further (claim a
//!   queued withdrawal, withdraw shares held, answer a pending opt-in, complete an opt-out,
//!   veto or execute a pending slash, settle an allocation change), the deep paths a uniform
//!   draw rarely reaches. `RESTAKE_LIFECYCLE_SEQUENCES` (default 3 000) and
//!   `RESTAKE_LIFECYCLE_SEED` as above.
//!
//! Seeds that once failed are kept in `random_operation_regressions.txt` and replayed first
//! on every run.

use super::{
	dev_storage,
	storage_counter::{check_charged, count_storage, storage_weight},
	storage_root,
};
use crate::{
	configs::restaking::{NativeAndAssets, LRT_ASSET_ID_OFFSET},
	AccountId, AllPalletsWithSystem, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
	UNIT,
};
use pallet_lrt2::Source;
use pallet_slashing::{PolicyStatus, SlashPolicy};
use pallet_vaults::{VaultFlows, VaultParams};
use polkadot_sdk::{
	frame_support::{
		dispatch::GetDispatchInfo,
		traits::{
			fungible::NativeOrWithId, fungibles::Inspect, OriginTrait, TryState, TryStateSelect,
		},
		BoundedVec,
	},
	pallet_assets, pallet_balances, pallet_utility,
	sp_core::H256,
	sp_io,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{traits::Dispatchable, DispatchError, FixedU128, MultiAddress, Perbill},
};
use restake_primitives::{AvsId, SlashDestination, VaultId};
use std::{collections::BTreeMap, sync::Mutex};

type Asset = NativeOrWithId<u32>;

const LST: u128 = crate::genesis_config_presets::LST_UNIT;
/// Sequences per run in uniform mode (`RESTAKE_RANDOM_SEQUENCES` overrides).
const DEFAULT_SEQUENCES: u64 = 10_000;
/// Sequences per run in lifecycle mode (`RESTAKE_LIFECYCLE_SEQUENCES` overrides).
const DEFAULT_LIFECYCLE_SEQUENCES: u64 = 3_000;
/// Most rounding dust the LRT² ledger may leave per asset at the end of a sequence.
const MAX_DUST: u128 = 1_000;
/// Steps per sequence are drawn from `MIN_STEPS..=MAX_STEPS`.
const MIN_STEPS: u64 = 10;
const MAX_STEPS: u64 = 60;

/// The twelve actors: every endowed dev account (1M native, 10k of each LST).
const ACTORS: [K; 12] = [
	K::Alice,
	K::Bob,
	K::Charlie,
	K::Dave,
	K::Eve,
	K::Ferdie,
	K::AliceStash,
	K::BobStash,
	K::CharlieStash,
	K::DaveStash,
	K::EveStash,
	K::FerdieStash,
];

/// Block offsets that land on every delay boundary of the runtime (allocation 10,
/// deallocation and withdrawal 20, risk changes 30, commission 40, policy 60) and ±1.
const BOUNDARY_STEPS: [u32; 19] =
	[0, 1, 2, 9, 10, 11, 19, 20, 21, 29, 30, 31, 39, 40, 41, 59, 60, 61, 5];

/// SplitMix64: tiny, seedable, good enough to drive a fuzzer.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	fn below(&mut self, n: u64) -> u64 {
		if n == 0 {
			0
		} else {
			self.next() % n
		}
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
	fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
		xs[self.below(xs.len() as u64) as usize].clone()
	}
	fn wide(&mut self) -> u128 {
		(u128::from(self.next()) << 64) | u128::from(self.next())
	}
}

/// An adversarial amount around `hint` (a balance, a cap, a minimum).
fn amount(rng: &mut Rng, hint: u128) -> u128 {
	match rng.below(13) {
		0 => 0,
		1 => 1,
		2 => u128::from(rng.below(1_000)),
		3 => hint.saturating_sub(1),
		4 | 5 => hint,
		6 => hint.saturating_add(1),
		7 => hint / 2,
		8 => u128::MAX,
		9 => rng.wide() % hint.saturating_mul(2).max(1),
		10 => LST * u128::from(1 + rng.below(100)),
		11 => UNIT * u128::from(1 + rng.below(1_000)),
		_ => u128::from(rng.below(1_000_000_000)) * 1_000_000,
	}
}

fn fraction(rng: &mut Rng) -> Perbill {
	match rng.below(7) {
		0 => Perbill::zero(),
		1 => Perbill::from_parts(1),
		2 => Perbill::one(),
		3 => Perbill::from_parts(500_000_000),
		4 => Perbill::from_parts(500_000_001),
		5 => Perbill::from_percent(rng.below(101) as u32),
		_ => Perbill::from_parts(rng.below(1_000_000_001) as u32),
	}
}

fn account(k: K) -> AccountId {
	k.to_account_id()
}

/// The right account three times in four when there is one; anyone otherwise.
fn role(rng: &mut Rng, right: Option<AccountId>) -> AccountId {
	match right {
		Some(who) if rng.chance(75) => who,
		_ => account(rng.pick(&ACTORS)),
	}
}

/// Mostly signed by `who`; sometimes Root or unsigned.
fn origin(rng: &mut Rng, who: AccountId) -> RuntimeOrigin {
	match rng.below(50) {
		0 => RuntimeOrigin::root(),
		1 => RuntimeOrigin::none(),
		_ => RuntimeOrigin::signed(who),
	}
}

fn asset(rng: &mut Rng) -> Asset {
	match rng.below(6) {
		0 | 1 => NativeOrWithId::Native,
		2 | 3 => NativeOrWithId::WithId(1),
		4 => NativeOrWithId::WithId(1 + rng.below(3) as u32),
		// Unknown asset or an LRT.
		_ => NativeOrWithId::WithId(rng.pick(&[99, LRT_ASSET_ID_OFFSET])),
	}
}

fn bytes<S: polkadot_sdk::frame_support::traits::Get<u32>>(rng: &mut Rng) -> BoundedVec<u8, S> {
	let len = rng.below(u64::from(S::get()) + 1) as usize;
	BoundedVec::truncate_from(vec![b'a' + rng.below(26) as u8; len])
}

fn balance_of(asset: Asset, who: &AccountId) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, who)
}

/// An id in `0..=next` (so one past the last, unknown), or one of `live` most of the time.
fn id<I: Copy + Into<u64> + TryFrom<u64>>(rng: &mut Rng, live: &[I], next: I) -> I {
	if !live.is_empty() && rng.chance(80) {
		rng.pick(live)
	} else {
		I::try_from(rng.below(next.into() + 1)).ok().unwrap_or(next)
	}
}

fn vault_id(rng: &mut Rng) -> VaultId {
	let live: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter_keys().collect();
	id(rng, &live, pallet_vaults::NextVaultId::<Runtime>::get())
}

fn avs_id(rng: &mut Rng) -> AvsId {
	let live: Vec<AvsId> = pallet_operators::Avss::<Runtime>::iter_keys().collect();
	id(rng, &live, pallet_operators::NextAvsId::<Runtime>::get())
}

fn operator(rng: &mut Rng) -> AccountId {
	let live: Vec<AccountId> = pallet_operators::Operators::<Runtime>::iter_keys().collect();
	if !live.is_empty() && rng.chance(80) {
		rng.pick(&live)
	} else {
		account(rng.pick(&ACTORS))
	}
}

fn curator_of(vault: VaultId) -> Option<AccountId> {
	pallet_vaults::Vaults::<Runtime>::get(vault).map(|v| v.curator)
}

fn avs_owner(avs: AvsId) -> Option<AccountId> {
	pallet_operators::Avss::<Runtime>::get(avs).map(|a| a.owner)
}

/// The AVS's roles in force (a scheduled slasher or resolver change applies when due).
fn avs_roles(avs: AvsId) -> Option<restake_primitives::traits::AvsRoles<AccountId>> {
	<crate::Operators as restake_primitives::traits::StakeInspect<AccountId, u128>>::avs_roles(avs)
}

fn shares_of(vault: VaultId, who: &AccountId) -> u128 {
	pallet_vaults::Vaults::<Runtime>::get(vault)
		.map_or(0, |v| pallet_assets::Pallet::<Runtime>::balance(v.lrt, who))
}

fn policy(rng: &mut Rng) -> SlashPolicy<AccountId, u32> {
	SlashPolicy {
		veto_window: rng.pick(&[None, Some(0), Some(1), Some(10), Some(20), Some(21)]),
		max_fraction_per_incident: fraction(rng),
		max_fraction_per_epoch: fraction(rng),
		cooldown: rng.pick(&[0, 5, 20, u32::MAX]),
		destination: if rng.chance(70) {
			SlashDestination::Burn
		} else {
			SlashDestination::Account(account(rng.pick(&ACTORS)))
		},
		status: rng.pick(&[PolicyStatus::Enabled, PolicyStatus::LogOnly, PolicyStatus::Disabled]),
	}
}

/// One random call: a label, who signs it, and the call.
fn random_call(rng: &mut Rng) -> (&'static str, RuntimeOrigin, RuntimeCall) {
	use pallet_lrt2::Call as L;
	use pallet_operators::Call as O;
	use pallet_slashing::Call as S;
	use pallet_vaults::Call as V;
	let holder = account(rng.pick(&ACTORS));
	let (label, who, call): (&'static str, AccountId, RuntimeCall) = match rng.below(50) {
		// Restakers: the most frequent calls.
		0..=5 => {
			let vault = vault_id(rng);
			let hint = pallet_vaults::Vaults::<Runtime>::get(vault)
				.map_or(LST, |v| balance_of(v.asset, &holder).min(v.params.min_deposit * 1_000));
			(
				"deposit",
				holder,
				RuntimeCall::Vaults(V::deposit { vault, assets: amount(rng, hint) }),
			)
		},
		6..=8 => {
			let vault = vault_id(rng);
			let shares = amount(rng, shares_of(vault, &holder));
			(
				"request_withdrawal",
				holder,
				RuntimeCall::Vaults(V::request_withdrawal { vault, shares }),
			)
		},
		9 | 10 if rng.chance(30) => {
			// The holder cancels one of its requests (or names one it does not have).
			let own: Vec<VaultId> = pallet_vaults::Withdrawals::<Runtime>::iter()
				.filter(|(_, owner, _)| *owner == holder)
				.map(|(vault, ..)| vault)
				.collect();
			let vault = match pick_some(rng, &own) {
				Some(vault) if rng.chance(80) => vault,
				_ => vault_id(rng),
			};
			let requests = pallet_vaults::Withdrawals::<Runtime>::get(vault, &holder);
			let index = rng.below(requests.len() as u64 + 1) as u32;
			let unlock_at = requests
				.get(index as usize)
				.map_or(System::block_number(), |r| r.unlock_at + u32::from(rng.chance(10)));
			(
				"cancel_withdrawal",
				holder,
				RuntimeCall::Vaults(V::cancel_withdrawal { vault, index, unlock_at }),
			)
		},
		9 | 10 => {
			let vault = vault_id(rng);
			let owner = if rng.chance(80) { holder.clone() } else { account(rng.pick(&ACTORS)) };
			(
				"claim_withdrawals",
				holder,
				RuntimeCall::Vaults(V::claim_withdrawals { vault, owner }),
			)
		},
		11..=13 => {
			let vault = vault_id(rng);
			let shares = amount(rng, shares_of(vault, &holder));
			let to = MultiAddress::Id(account(rng.pick(&ACTORS)));
			(
				"transfer_shares",
				holder,
				RuntimeCall::Vaults(V::transfer_shares { vault, to, shares }),
			)
		},
		14 => ("claim", holder, RuntimeCall::Lrt2(L::claim {})),
		// A claim settling only some vaults (none, one it holds, or any, duplicates too).
		15 => {
			let n = rng.below(3) as usize;
			let vaults: Vec<VaultId> = (0..n).map(|_| vault_id(rng)).collect();
			let vaults = vaults.try_into().expect("at most 2 of MaxVaultsPerHolder");
			("claim_from", holder, RuntimeCall::Lrt2(L::claim_from { vaults }))
		},
		16 if rng.chance(50) => {
			("poke", holder, RuntimeCall::Lrt2(L::poke { vault: vault_id(rng) }))
		},
		// Anyone settles anyone (frees retired sources).
		16 => (
			"settle",
			holder,
			RuntimeCall::Lrt2(L::settle {
				vault: vault_id(rng),
				holder: account(rng.pick(&ACTORS)),
			}),
		),
		17 => {
			// LRT moves only through the vaults: pallet-assets must refuse it.
			let vault = vault_id(rng);
			let id = LRT_ASSET_ID_OFFSET + vault;
			let amount = amount(rng, shares_of(vault, &holder));
			let target = MultiAddress::Id(account(rng.pick(&ACTORS)));
			(
				"assets.transfer (LRT)",
				holder,
				RuntimeCall::Assets(pallet_assets::Call::transfer {
					id: id.into(),
					target,
					amount,
				}),
			)
		},
		18 => {
			let dest = MultiAddress::Id(account(rng.pick(&ACTORS)));
			let value = amount(rng, UNIT);
			(
				"balances.transfer_keep_alive",
				holder,
				RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive { dest, value }),
			)
		},
		// Curators.
		19 => {
			let params = VaultParams {
				deposit_cap: rng.pick(&[u128::MAX, 0, 1, 1_000 * LST]),
				min_deposit: rng.pick(&[0, 1, 1_000_000, LST]),
				withdrawal_delay: rng.pick(&[19, 20, 21, u32::MAX]),
				curator_fee: rng.pick(&[
					Perbill::zero(),
					Perbill::from_percent(20),
					Perbill::from_percent(21),
				]),
			};
			let call = V::create_vault {
				asset: asset(rng),
				params,
				lrt_name: bytes(rng),
				lrt_symbol: bytes(rng),
				lrt_decimals: rng.pick(&[0, 18, 21, 255]),
			};
			("create_vault", holder, RuntimeCall::Vaults(call))
		},
		20 => {
			let vault = vault_id(rng);
			let cap = pallet_vaults::Vaults::<Runtime>::get(vault).map_or(0, |v| v.total_assets);
			let call = V::set_limits {
				vault,
				deposit_cap: amount(rng, cap),
				min_deposit: amount(rng, 1_000_000),
			};
			("set_limits", role(rng, curator_of(vault)), RuntimeCall::Vaults(call))
		},
		21 => {
			let vault = vault_id(rng);
			let fee = rng.pick(&[
				Perbill::zero(),
				Perbill::from_percent(5),
				Perbill::from_percent(20),
				Perbill::from_percent(21),
			]);
			(
				"set_curator_fee",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::set_curator_fee { vault, fee }),
			)
		},
		22 => {
			let vault = vault_id(rng);
			let paused = rng.chance(50);
			(
				"set_paused",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::set_paused { vault, paused }),
			)
		},
		23 => {
			let (vault, avs) = (vault_id(rng), avs_id(rng));
			(
				"allow_avs",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::allow_avs { vault, avs }),
			)
		},
		24 => {
			let (vault, avs) = (vault_id(rng), avs_id(rng));
			(
				"disallow_avs",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::disallow_avs { vault, avs }),
			)
		},
		25 => {
			let vault = vault_id(rng);
			let new = account(rng.pick(&ACTORS));
			(
				"propose_curator",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::propose_curator { vault, new }),
			)
		},
		26 => {
			let vault = vault_id(rng);
			let pending =
				pallet_vaults::Vaults::<Runtime>::get(vault).and_then(|v| v.pending_curator);
			(
				"accept_curatorship",
				role(rng, pending),
				RuntimeCall::Vaults(V::accept_curatorship { vault }),
			)
		},
		27 => {
			let vault = vault_id(rng);
			let who = role(rng, curator_of(vault));
			let hint = pallet_vaults::Vaults::<Runtime>::get(vault)
				.map_or(LST, |v| balance_of(v.asset, &who) / 100);
			(
				"add_rewards",
				who,
				RuntimeCall::Vaults(V::add_rewards { vault, assets: amount(rng, hint) }),
			)
		},
		28 => {
			let vault = vault_id(rng);
			(
				"destroy_vault",
				role(rng, curator_of(vault)),
				RuntimeCall::Vaults(V::destroy_vault { vault }),
			)
		},
		// AVSs.
		29 => {
			let call = O::register_avs {
				name: bytes(rng),
				uri: bytes(rng),
				requires_approval: rng.chance(50),
				slasher: account(rng.pick(&ACTORS)),
				resolver: if rng.chance(50) { Some(account(rng.pick(&ACTORS))) } else { None },
			};
			("register_avs", holder, RuntimeCall::Operators(call))
		},
		30 => {
			let avs = avs_id(rng);
			let call = O::set_accepted_asset {
				avs,
				asset: asset(rng),
				weight: if rng.chance(80) { Some(fraction(rng)) } else { None },
			};
			("set_accepted_asset", role(rng, avs_owner(avs)), RuntimeCall::Operators(call))
		},
		31 => {
			let avs = avs_id(rng);
			let call = O::update_avs {
				avs,
				name: bytes(rng),
				uri: bytes(rng),
				requires_approval: rng.chance(50),
			};
			let owner = role(rng, avs_owner(avs));
			let (label, who, call) = match rng.below(8) {
				0 | 1 => ("update_avs", owner, call),
				2 => ("deregister_avs", owner, O::deregister_avs { avs }),
				3 => {
					("complete_avs_deregistration", holder, O::complete_avs_deregistration { avs })
				},
				4 => {
					let new_owner = rng.chance(80).then(|| account(rng.pick(&ACTORS)));
					("transfer_avs_ownership", owner, O::transfer_avs_ownership { avs, new_owner })
				},
				5 => {
					let offered = pallet_operators::PendingAvsOwners::<Runtime>::get(avs);
					("accept_avs_ownership", role(rng, offered), O::accept_avs_ownership { avs })
				},
				_ => {
					let slasher = account(rng.pick(&ACTORS));
					let resolver = rng.chance(50).then(|| account(rng.pick(&ACTORS)));
					("set_avs_roles", owner, O::set_avs_roles { avs, slasher, resolver })
				},
			};
			(label, who, RuntimeCall::Operators(call))
		},
		32 => {
			let avs = avs_id(rng);
			let operator = operator(rng);
			let (label, call) = match rng.below(5) {
				0..=2 => ("approve/reject_operator", O::approve_operator { avs, operator }),
				3 => ("approve/reject_operator", O::reject_operator { avs, operator }),
				_ => ("eject_operator", O::eject_operator { avs, operator }),
			};
			(label, role(rng, avs_owner(avs)), RuntimeCall::Operators(call))
		},
		// Operators.
		33 => match rng.below(6) {
			0..=2 => {
				let call = O::register_operator { name: bytes(rng), commission: fraction(rng) };
				("register_operator", holder, RuntimeCall::Operators(call))
			},
			3 => {
				let call = O::update_operator { name: bytes(rng) };
				("update_operator", operator(rng), RuntimeCall::Operators(call))
			},
			_ => (
				"deregister_operator",
				operator(rng),
				RuntimeCall::Operators(O::deregister_operator {}),
			),
		},
		34 => {
			let who = operator(rng);
			let (label, call) = match rng.below(5) {
				0 => (
					"operator opt_in/opt_out/commission",
					O::set_commission { commission: fraction(rng) },
				),
				1 => ("operator opt_in/opt_out/commission", O::opt_out { avs: avs_id(rng) }),
				2 => ("operator opt_in/opt_out/commission", O::opt_in { avs: avs_id(rng) }),
				3 => {
					let allowlist = rng.chance(70).then(|| {
						let n = rng.below(4) as usize;
						BoundedVec::truncate_from((0..n).map(|_| vault_id(rng)).collect())
					});
					("set_vault_allowlist", O::set_vault_allowlist { allowlist })
				},
				_ => ("eject_vault", O::eject_vault { avs: avs_id(rng), vault: vault_id(rng) }),
			};
			(label, who, RuntimeCall::Operators(call))
		},
		35 => {
			let call = O::complete_opt_out { operator: operator(rng), avs: avs_id(rng) };
			("complete_opt_out", holder, RuntimeCall::Operators(call))
		},
		36 | 37 => {
			let vault = vault_id(rng);
			let (operator, avs) = (operator(rng), avs_id(rng));
			let who = role(rng, curator_of(vault));
			let call = match rng.below(8) {
				0..=5 => O::allocate { vault, operator, avs, share: fraction(rng) },
				6 => O::settle_allocation { vault, operator, avs },
				_ => O::cancel_allocation_increase { vault, operator, avs },
			};
			("allocate/settle/cancel_increase", who, RuntimeCall::Operators(call))
		},
		// Slashing.
		38 => {
			let avs = avs_id(rng);
			let call = if rng.chance(70) {
				S::set_policy { avs, policy: policy(rng) }
			} else {
				S::apply_policy { avs }
			};
			("set_policy/apply_policy", role(rng, avs_owner(avs)), RuntimeCall::Slashing(call))
		},
		39 | 40 => {
			let avs = avs_id(rng);
			let slasher = avs_roles(avs).map(|a| a.slasher);
			let call = S::request_slash {
				avs,
				operator: operator(rng),
				fraction: fraction(rng),
				evidence: H256::repeat_byte(rng.below(256) as u8),
				reason: bytes(rng),
			};
			("request_slash", role(rng, slasher), RuntimeCall::Slashing(call))
		},
		41 => {
			let pending: Vec<u32> =
				pallet_slashing::PendingSlashes::<Runtime>::iter_keys().collect();
			let slash = id(rng, &pending, pallet_slashing::NextSlashId::<Runtime>::get());
			let resolver = pallet_slashing::PendingSlashes::<Runtime>::get(slash)
				.and_then(|r| avs_roles(r.avs))
				.and_then(|a| a.resolver);
			let escrows: Vec<u32> = pallet_slashing::Escrows::<Runtime>::iter_keys().collect();
			let (label, who, call) = match rng.below(8) {
				0 => ("veto_slash", role(rng, resolver), S::veto_slash { id: slash }),
				1 => ("cancel_slash", holder, S::cancel_slash { id: slash }),
				2 => (
					"set_global_max_fraction",
					holder,
					S::set_global_max_fraction { fraction: fraction(rng) },
				),
				3 => ("expire_slash", holder, S::expire_slash { id: slash }),
				4 => (
					"release_escrow",
					holder,
					S::release_escrow {
						id: id(rng, &escrows, pallet_slashing::NextSlashId::<Runtime>::get()),
					},
				),
				5 => (
					"cancel_escrow",
					holder,
					S::cancel_escrow {
						id: id(rng, &escrows, pallet_slashing::NextSlashId::<Runtime>::get()),
					},
				),
				6 => {
					let settled: Vec<u32> =
						pallet_slashing::SlashHistory::<Runtime>::iter_keys().collect();
					let id = id(rng, &settled, pallet_slashing::NextSlashId::<Runtime>::get());
					("prune_slash_record", holder, S::prune_slash_record { id })
				},
				_ => ("execute_slash", holder, S::execute_slash { id: slash }),
			};
			// Root is governance: cancelling and the global cap need it.
			if matches!(
				call,
				S::cancel_slash { .. }
					| S::set_global_max_fraction { .. }
					| S::cancel_escrow { .. }
			) && rng.chance(60)
			{
				return (label, RuntimeOrigin::root(), RuntimeCall::Slashing(call));
			}
			(label, who, RuntimeCall::Slashing(call))
		},
		// LRT² funding.
		42 => {
			let avs = avs_id(rng);
			let who = role(rng, avs_owner(avs));
			let asset = asset(rng);
			let hint = balance_of(asset.clone(), &who) / 100;
			let call = match rng.below(8) {
				0 | 1 => L::fund_stream {
					avs,
					asset,
					amount: amount(rng, hint),
					duration: rng.pick(&[0, 9, 10, 11, 50, 100]),
				},
				2 => L::post_bounty {
					avs,
					asset,
					amount: amount(rng, hint),
					expires_in: rng.pick(&[0, 1, 10, 100]),
				},
				3 => {
					let bounties: Vec<u32> =
						pallet_lrt2::Bounties::<Runtime>::iter_keys().collect();
					let bounty = id(rng, &bounties, pallet_lrt2::NextBountyId::<Runtime>::get());
					if rng.chance(60) {
						L::award_bounty { bounty, operator: operator(rng) }
					} else {
						L::cancel_bounty { bounty }
					}
				},
				4 => {
					let streams: Vec<u32> = pallet_lrt2::Streams::<Runtime>::iter_keys().collect();
					let stream = id(rng, &streams, pallet_lrt2::NextStreamId::<Runtime>::get());
					if rng.chance(50) {
						L::reclaim_unallocated { stream }
					} else {
						L::close_stream { stream }
					}
				},
				5 => {
					let programmes: Vec<u32> =
						pallet_lrt2::Programmes::<Runtime>::iter_keys().collect();
					let programme =
						id(rng, &programmes, pallet_lrt2::NextProgrammeId::<Runtime>::get());
					L::close_programme { programme }
				},
				_ => {
					let now = System::block_number();
					let scope = if rng.chance(50) {
						pallet_lrt2::ProgrammeScope::Avs(avs)
					} else {
						pallet_lrt2::ProgrammeScope::Vault(vault_id(rng))
					};
					let start = now + rng.pick(&[0, 1, 10]);
					L::create_programme {
						scope,
						name: bytes(rng),
						rate: FixedU128::from_inner(amount(rng, 1_000_000)),
						start: rng.pick(&[start, 0]),
						end: start + rng.pick(&[0, 1, 100]),
					}
				},
			};
			let label = match call {
				L::close_stream { .. } => "close_stream",
				L::close_programme { .. } => "close_programme",
				_ => "lrt2 stream/bounty/programme",
			};
			(label, who, RuntimeCall::Lrt2(call))
		},
		// The attacker: the whole runtime, not only the restaking pallets.
		44..=48 => attacker_call(rng, holder),
		_ => {
			let vault = vault_id(rng);
			let asset = asset(rng);
			let hint = balance_of(asset.clone(), &holder) / 100;
			(
				"reward_vault",
				holder,
				RuntimeCall::Lrt2(L::reward_vault { vault, asset, amount: amount(rng, hint) }),
			)
		},
	};
	let origin = origin(rng, who);
	(label, origin, call)
}

/// Assets anyone can create (the attacker's junk).
const JUNK_ASSETS: [u32; 3] = [500, 501, 502];

/// An asset id an attacker aims at: its junk, a listed LST, an existing LRT or the next one.
fn target_asset_id(rng: &mut Rng) -> u32 {
	let next_lrt = LRT_ASSET_ID_OFFSET + pallet_vaults::NextVaultId::<Runtime>::get();
	match rng.below(4) {
		0 => rng.pick(&JUNK_ASSETS),
		1 => 1 + rng.below(3) as u32,
		2 => LRT_ASSET_ID_OFFSET + vault_id(rng),
		_ => next_lrt,
	}
}

/// An attacker's call: creating, minting, freezing and thawing assets, `touch`/`refund`,
/// junk rewards, dust LRT transfers, filling other people's bounded slots (registering and
/// opting in to an AVS's operator slots, allocating a sliver of a vault to a pair's vault
/// slots), and all of it inside `utility.batch`.
fn attacker_call(rng: &mut Rng, who: AccountId) -> (&'static str, AccountId, RuntimeCall) {
	use pallet_assets::Call as A;
	let me = MultiAddress::Id(who.clone());
	let victim = MultiAddress::Id(account(rng.pick(&ACTORS)));
	let id = target_asset_id(rng);
	let assets = |call: A<Runtime>| RuntimeCall::Assets(call);
	let (label, call) = match rng.below(14) {
		12 => {
			// Squat an AVS's operator slots: register and opt in, in one batch.
			let calls = vec![
				RuntimeCall::Operators(pallet_operators::Call::register_operator {
					name: Default::default(),
					commission: Perbill::zero(),
				}),
				RuntimeCall::Operators(pallet_operators::Call::opt_in { avs: avs_id(rng) }),
			];
			(
				"attacker: squat operator slots",
				RuntimeCall::Utility(pallet_utility::Call::batch_all { calls }),
			)
		},
		13 => {
			// Fill a pair's vault slots with a sliver of a vault (its own, if it curates one).
			let own: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter()
				.filter(|(_, v)| v.curator == who)
				.map(|(id, _)| id)
				.collect();
			let vault = pick_some(rng, &own).unwrap_or_else(|| vault_id(rng));
			let share = Perbill::from_parts(rng.pick(&[1, 1_000, 1_000_000]));
			(
				"attacker: sliver allocation",
				RuntimeCall::Operators(pallet_operators::Call::allocate {
					vault,
					operator: operator(rng),
					avs: avs_id(rng),
					share,
				}),
			)
		},
		0 => (
			"attacker: assets.create",
			assets(A::create { id: id.into(), admin: me, min_balance: 1 }),
		),
		1 => {
			// Not listed LSTs: their issuer (Alice on the dev chain) may mint them, and the
			// issuance check counts every unit.
			let id = if (1..=3).contains(&id) { rng.pick(&JUNK_ASSETS) } else { id };
			(
				"attacker: assets.mint",
				assets(A::mint { id: id.into(), beneficiary: me, amount: amount(rng, 1_000_000) }),
			)
		},
		2 => ("attacker: assets.freeze_asset", assets(A::freeze_asset { id: id.into() })),
		3 => ("attacker: assets.thaw_asset", assets(A::thaw_asset { id: id.into() })),
		4 => ("attacker: assets.freeze", assets(A::freeze { id: id.into(), who: victim })),
		5 => ("attacker: assets.touch", assets(A::touch_other { id: id.into(), who: victim })),
		6 => ("attacker: assets.refund", assets(A::refund { id: id.into(), allow_burn: true })),
		7 => (
			"attacker: junk reward",
			RuntimeCall::Lrt2(pallet_lrt2::Call::reward_vault {
				vault: vault_id(rng),
				asset: NativeOrWithId::WithId(rng.pick(&JUNK_ASSETS)),
				amount: amount(rng, 1),
			}),
		),
		8 | 9 => {
			let vault = vault_id(rng);
			(
				"attacker: dust LRT",
				RuntimeCall::Vaults(pallet_vaults::Call::transfer_shares {
					vault,
					to: victim,
					shares: 1,
				}),
			)
		},
		_ => {
			let calls = (0..1 + rng.below(3)).map(|_| attacker_call(rng, who.clone()).2).collect();
			("attacker: utility.batch", RuntimeCall::Utility(pallet_utility::Call::batch { calls }))
		},
	};
	(label, who, call)
}

/// What an attacker must never achieve, checked after every step: LRT supply drifting from
/// the vault's shares, vault creation blocked, or a holder's claim failing with anything but
/// `NothingToClaim` (one actor per step, rolled back; every actor at the end).
fn check_nothing_bricked(rng: &mut Rng) -> Result<(), String> {
	for (id, vault) in pallet_vaults::Vaults::<Runtime>::iter() {
		let supply = pallet_assets::Pallet::<Runtime>::total_issuance(vault.lrt);
		if supply != vault.total_shares {
			return Err(format!(
				"vault {id}: LRT supply {supply} ≠ total shares {}",
				vault.total_shares
			));
		}
	}
	let outcome = polkadot_sdk::frame_support::storage::with_storage_layer(
		|| -> Result<(), DispatchError> {
			let creation = crate::Vaults::create_vault(
				RuntimeOrigin::signed(account(K::Alice)),
				NativeOrWithId::Native,
				VaultParams {
					deposit_cap: u128::MAX,
					min_deposit: 1,
					withdrawal_delay: 20,
					curator_fee: Perbill::zero(),
				},
				BoundedVec::truncate_from(b"probe".to_vec()),
				BoundedVec::truncate_from(b"p".to_vec()),
				12,
			);
			let claimer = account(rng.pick(&ACTORS));
			let claim = pallet_lrt2::Pallet::<Runtime>::claim(RuntimeOrigin::signed(claimer));
			// Always roll back: the probes must not change the sequence.
			Err(DispatchError::Other(match (creation, claim) {
				(Err(e), _) => Box::leak(format!("vault creation blocked: {e:?}").into_boxed_str()),
				(_, Err(e)) if e.error != pallet_lrt2::Error::<Runtime>::NothingToClaim.into() => {
					Box::leak(format!("a claim failed: {:?}", e.error).into_boxed_str())
				},
				_ => "ok",
			}))
		},
	);
	match outcome {
		Err(DispatchError::Other("ok")) => Ok(()),
		Err(DispatchError::Other(e)) => Err(e.to_string()),
		other => Err(format!("probe: {other:?}")),
	}
}

/// How a sequence picks its calls.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
	/// Every call drawn uniformly from every pallet and role ([`random_call`]).
	Uniform,
	/// Seven calls in ten move something already started one step further
	/// ([`lifecycle_call`]): the deep paths a uniform draw rarely reaches.
	Lifecycle,
}

/// Picks one of `xs`, or `None` if there is none.
fn pick_some<T: Clone>(rng: &mut Rng, xs: &[T]) -> Option<T> {
	(!xs.is_empty()).then(|| rng.pick(xs))
}

/// A call that takes something in progress one step further: the owner claims a queued
/// withdrawal, a holder withdraws shares it has, a funded actor deposits, the AVS owner
/// answers a pending opt-in, anyone completes an opt-out, the resolver vetoes or anyone
/// executes a pending slash, an AVS's slasher requests a slash of a pair with stake, anyone
/// executes a request whose veto window is over, a curator or operator tries to take captured
/// stake out of a pending slash, an operator ejects a vault of its pair or an AVS's owner an
/// operator (rarely), a holder cancels a queued withdrawal, a curator disallows an AVS its
/// vault allocates to (rarely), the curator settles a pending allocation change. `None` three times in
/// ten, or when nothing of the kind is in progress (the caller then draws a uniform call).
fn lifecycle_call(rng: &mut Rng) -> Option<(&'static str, RuntimeOrigin, RuntimeCall)> {
	use pallet_operators::{Call as O, OptInStatus};
	use pallet_slashing::Call as S;
	use pallet_vaults::Call as V;
	if rng.chance(30) {
		return None;
	}
	let vaults: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter_keys().collect();
	let (label, who, call): (&'static str, AccountId, RuntimeCall) = match rng.below(13) {
		0 => {
			let queued: Vec<(VaultId, AccountId)> = pallet_vaults::Withdrawals::<Runtime>::iter()
				.filter(|(_, _, requests)| !requests.is_empty())
				.map(|(vault, owner, _)| (vault, owner))
				.collect();
			let (vault, owner) = pick_some(rng, &queued)?;
			let call = V::claim_withdrawals { vault, owner: owner.clone() };
			("claim_withdrawals", owner, RuntimeCall::Vaults(call))
		},
		1 => {
			let holders: Vec<(VaultId, AccountId)> = vaults
				.iter()
				.flat_map(|v| ACTORS.iter().map(move |k| (*v, account(*k))))
				.filter(|(v, who)| shares_of(*v, who) > 0)
				.collect();
			let (vault, holder) = pick_some(rng, &holders)?;
			let shares = amount(rng, shares_of(vault, &holder));
			(
				"request_withdrawal",
				holder,
				RuntimeCall::Vaults(V::request_withdrawal { vault, shares }),
			)
		},
		2 => {
			let vault = pick_some(rng, &vaults)?;
			let v = pallet_vaults::Vaults::<Runtime>::get(vault)?;
			let holder = account(rng.pick(&ACTORS));
			let hint = balance_of(v.asset, &holder) / 4;
			let assets = amount(rng, hint.max(v.params.min_deposit));
			("deposit", holder, RuntimeCall::Vaults(V::deposit { vault, assets }))
		},
		3 => {
			let pending: Vec<(AvsId, AccountId)> = pallet_operators::OptIns::<Runtime>::iter()
				.filter(|(_, _, status)| matches!(status, OptInStatus::Pending))
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = pick_some(rng, &pending)?;
			let call = if rng.chance(70) {
				O::approve_operator { avs, operator }
			} else {
				O::reject_operator { avs, operator }
			};
			("approve/reject_operator", role(rng, avs_owner(avs)), RuntimeCall::Operators(call))
		},
		4 => {
			let leaving: Vec<(AvsId, AccountId)> = pallet_operators::OptIns::<Runtime>::iter()
				.filter(|(_, _, status)| matches!(status, OptInStatus::OptingOut { .. }))
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = pick_some(rng, &leaving)?;
			let holder = account(rng.pick(&ACTORS));
			(
				"complete_opt_out",
				holder,
				RuntimeCall::Operators(O::complete_opt_out { operator, avs }),
			)
		},
		5 => {
			let pending: Vec<u32> =
				pallet_slashing::PendingSlashes::<Runtime>::iter_keys().collect();
			let id = pick_some(rng, &pending)?;
			if rng.chance(50) {
				let resolver = pallet_slashing::PendingSlashes::<Runtime>::get(id)
					.and_then(|r| avs_roles(r.avs))
					.and_then(|a| a.resolver);
				("veto_slash", role(rng, resolver), RuntimeCall::Slashing(S::veto_slash { id }))
			} else {
				let holder = account(rng.pick(&ACTORS));
				("execute_slash", holder, RuntimeCall::Slashing(S::execute_slash { id }))
			}
		},
		6 => {
			// The AVS's own slasher requests a real slash of a pair that has stake: the
			// captures, holds and escapes below need requests that succeed.
			let pairs: Vec<(AccountId, AvsId)> = pallet_operators::PairVaults::<Runtime>::iter()
				.filter(|(_, _, vaults)| !vaults.is_empty())
				.map(|(operator, avs, _)| (operator, avs))
				.collect();
			let (operator, avs) = pick_some(rng, &pairs)?;
			let slasher = avs_roles(avs)?.slasher;
			let call = S::request_slash {
				avs,
				operator,
				fraction: Perbill::from_percent(1 + rng.below(20) as u32),
				evidence: H256::repeat_byte(rng.below(256) as u8),
				reason: Default::default(),
			};
			("request_slash", slasher, RuntimeCall::Slashing(call))
		},
		7 => {
			// Anyone executes a request whose veto window is over.
			let now = System::block_number();
			let due: Vec<u32> = pallet_slashing::PendingSlashes::<Runtime>::iter()
				.filter(|(_, r)| r.executable_at <= now && now < r.expires_at)
				.map(|(id, _)| id)
				.collect();
			let id = pick_some(rng, &due)?;
			let holder = account(rng.pick(&ACTORS));
			("execute_slash", holder, RuntimeCall::Slashing(S::execute_slash { id }))
		},
		8 => {
			// An escape attempt while a request is pending: the curator deallocates a captured
			// vault from the pair, or the operator opts out of the AVS.
			let pending: Vec<(AvsId, AccountId, Vec<VaultId>)> =
				pallet_slashing::PendingSlashes::<Runtime>::iter_values()
					.map(|r| (r.avs, r.operator, r.captured.iter().map(|(v, _)| *v).collect()))
					.collect();
			let (avs, operator, captured) = pick_some(rng, &pending)?;
			match pick_some(rng, &captured) {
				Some(vault) if rng.chance(60) => {
					let call = O::allocate { vault, operator, avs, share: Perbill::zero() };
					("allocate/settle_allocation", curator_of(vault)?, RuntimeCall::Operators(call))
				},
				_ => (
					"operator opt_in/opt_out/commission",
					operator,
					RuntimeCall::Operators(O::opt_out { avs }),
				),
			}
		},
		9 => {
			// An operator winds down one vault of a pair (it may have been filled by strangers);
			// rarely, so that pairs keep stake for the slashing paths above.
			if !rng.chance(30) {
				return None;
			}
			let allocated: Vec<(VaultId, AccountId, AvsId)> =
				pallet_operators::Allocations::<Runtime>::iter_keys().collect();
			let (vault, operator, avs) = pick_some(rng, &allocated)?;
			("eject_vault", operator, RuntimeCall::Operators(O::eject_vault { avs, vault }))
		},
		10 => match rng.below(10) {
			0 | 1 => {
				// An AVS's owner removes one of its operators (rarely, as above).
				let active: Vec<(AvsId, AccountId)> = pallet_operators::OptIns::<Runtime>::iter()
					.filter(|(_, _, status)| *status == OptInStatus::Active)
					.map(|(avs, operator, _)| (avs, operator))
					.collect();
				let (avs, operator) = pick_some(rng, &active)?;
				let owner = pallet_operators::Avss::<Runtime>::get(avs)?.owner;
				let call = O::eject_operator { avs, operator };
				("eject_operator", owner, RuntimeCall::Operators(call))
			},
			2 => {
				// An operator bound to no AVS any more leaves with its deposit.
				let free: Vec<AccountId> = pallet_operators::Operators::<Runtime>::iter()
					.filter(|(_, op)| op.avs_count == 0)
					.map(|(who, _)| who)
					.collect();
				let who = pick_some(rng, &free)?;
				("deregister_operator", who, RuntimeCall::Operators(O::deregister_operator {}))
			},
			3..=5 => {
				// A deregistered AVS's exit, one step further: its owner ejects or rejects an
				// operator it still has, anyone completes an opt-out or, once none is left,
				// the exit itself (refused until its stake is no longer slashable).
				let leaving: Vec<AvsId> = pallet_operators::Avss::<Runtime>::iter()
					.filter(|(_, a)| a.deregistered_at.is_some() && a.deposit > 0)
					.map(|(avs, _)| avs)
					.collect();
				let avs = pick_some(rng, &leaving)?;
				let owner = avs_owner(avs)?;
				let anyone = account(rng.pick(&ACTORS));
				let bound: Vec<(AccountId, OptInStatus<u32>)> =
					pallet_operators::OptIns::<Runtime>::iter_prefix(avs).collect();
				match pick_some(rng, &bound) {
					Some((operator, OptInStatus::Active)) => (
						"eject_operator",
						owner,
						RuntimeCall::Operators(O::eject_operator { avs, operator }),
					),
					Some((operator, OptInStatus::Pending)) => (
						"approve/reject_operator",
						owner,
						RuntimeCall::Operators(O::reject_operator { avs, operator }),
					),
					Some((operator, _)) => (
						"complete_opt_out",
						anyone,
						RuntimeCall::Operators(O::complete_opt_out { operator, avs }),
					),
					None => (
						"complete_avs_deregistration",
						anyone,
						RuntimeCall::Operators(O::complete_avs_deregistration { avs }),
					),
				}
			},
			6 => {
				// The account an AVS was offered to takes it over.
				let offers: Vec<(AvsId, AccountId)> =
					pallet_operators::PendingAvsOwners::<Runtime>::iter().collect();
				let (avs, who) = pick_some(rng, &offers)?;
				(
					"accept_avs_ownership",
					who,
					RuntimeCall::Operators(O::accept_avs_ownership { avs }),
				)
			},
			7 => {
				// A curator withdraws an increase that has not taken effect.
				let now = crate::System::block_number();
				let rising: Vec<(VaultId, AccountId, AvsId)> =
					pallet_operators::Allocations::<Runtime>::iter()
						.filter(|(_, a)| {
							a.pending.is_some_and(|p| p.target > a.current && p.effective_at > now)
						})
						.map(|(key, _)| key)
						.collect();
				let (vault, operator, avs) = pick_some(rng, &rising)?;
				let call = O::cancel_allocation_increase { vault, operator, avs };
				(
					"allocate/settle/cancel_increase",
					curator_of(vault)?,
					RuntimeCall::Operators(call),
				)
			},
			_ => return None,
		},
		12 => {
			if rng.chance(70) {
				// A holder cancels a queued withdrawal (matured or not, a slash pending or not).
				let queued: Vec<(VaultId, AccountId, u32, u32)> =
					pallet_vaults::Withdrawals::<Runtime>::iter()
						.flat_map(|(vault, owner, requests)| {
							requests
								.into_iter()
								.enumerate()
								.map(move |(i, r)| (vault, owner.clone(), i as u32, r.unlock_at))
						})
						.collect();
				let (vault, owner, index, unlock_at) = pick_some(rng, &queued)?;
				let call = V::cancel_withdrawal { vault, index, unlock_at };
				("cancel_withdrawal", owner, RuntimeCall::Vaults(call))
			} else {
				// A curator rules out an AVS its vault allocates to (rarely, as an ejection):
				// the allocations wind down, slashable through the window.
				if !rng.chance(30) {
					return None;
				}
				let allocated: Vec<(VaultId, AvsId)> =
					pallet_operators::Allocations::<Runtime>::iter_keys()
						.map(|(vault, _, avs)| (vault, avs))
						.collect();
				let (vault, avs) = pick_some(rng, &allocated)?;
				let call = V::disallow_avs { vault, avs };
				("disallow_avs", curator_of(vault)?, RuntimeCall::Vaults(call))
			}
		},
		_ => {
			let changing: Vec<(VaultId, AccountId, AvsId)> =
				pallet_operators::Allocations::<Runtime>::iter()
					.filter(|(_, allocation)| allocation.pending.is_some())
					.map(|(key, _)| key)
					.collect();
			let (vault, operator, avs) = pick_some(rng, &changing)?;
			let call = O::settle_allocation { vault, operator, avs };
			(
				"allocate/settle_allocation",
				role(rng, curator_of(vault)),
				RuntimeCall::Operators(call),
			)
		},
	};
	Some((label, origin(rng, who), call))
}

/// What the run found, across all sequences.
#[derive(Default)]
struct Stats {
	sequences: u64,
	calls: u64,
	succeeded: u64,
	block_advances: u64,
	/// Streams and programmes closed at the end of the sequences.
	closed: u64,
	invariant_checks: u64,
	errors: BTreeMap<String, u64>,
	calls_by_label: BTreeMap<&'static str, (u64, u64)>,
	max_lrt2_dust: u128,
	/// The sequence that left it.
	max_lrt2_dust_seed: u64,
	/// Executed slashes that took less than their fraction of a captured vault because an
	/// earlier slash had already taken part of it (bounded by what was left).
	bounded_slash_takes: u64,
	/// Executed slash takes from vaults untouched since the request, each checked to be exactly
	/// the fraction of the capture.
	exact_slash_takes: u64,
	/// Checks that a retired LRT² source waited for exactly the LRT not settled from it.
	retired_checks: u64,
	/// Calls whose charged weight was checked against the storage they touched.
	weight_checks: u64,
	/// The call whose storage came closest to its charged weight: (storage ÷ charged, label).
	tightest_weight: (f64, &'static str),
}

/// Per-vault flows as the events reported them.
#[derive(Default)]
struct Observed {
	flows: BTreeMap<VaultId, VaultFlows>,
	/// Underlying burned by slashes, per asset id (`None`: native).
	burned: BTreeMap<Option<u32>, u128>,
	/// Underlying minted, per asset id (must stay zero).
	minted: BTreeMap<Option<u32>, u128>,
	/// Native dust burned when an account fell below the existential deposit.
	dust_lost: BTreeMap<Option<u32>, u128>,
	/// What each slash request captured (vault, stake, the vault's `touched` count at the
	/// request), and its fraction.
	captured: BTreeMap<u32, (Vec<(VaultId, u128, u64)>, Perbill)>,
	/// Per vault, how many events so far could have lowered its stake below a capture: slashes
	/// and withdrawal claims.
	touched: BTreeMap<VaultId, u64>,
	/// Executed slash takes checked to be exactly the fraction of the capture (the vault was
	/// untouched since the request).
	exact_takes: u64,
	/// Executed slashes that took less than their fraction of a captured vault (another slash
	/// had taken the rest first).
	bounded_takes: u64,
}

fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(m) => {
			let pallet = match m.index {
				4 => "Balances",
				8 => "Assets",
				20 => "Vaults",
				21 => "Operators",
				22 => "Slashing",
				23 => "Lrt2",
				_ => "pallet",
			};
			format!("{pallet}::{}", m.message.unwrap_or("?"))
		},
		other => format!("{other:?}"),
	}
}

/// Reads the step's events into `seen`, then clears them. Checks every executed slash: it took
/// only from vaults its request captured, and from each at most its fraction of the captured
/// stake (rounded up), never stake that arrived later.
fn observe(seen: &mut Observed) -> Result<(), String> {
	use pallet_slashing::Event as SE;
	use pallet_vaults::Event as VE;
	for record in System::read_events_no_consensus() {
		match record.event {
			// Nobody takes a pair's slot with less than `MinAllocation` behind it (within a
			// step nothing lowers a vault's active assets after an allocation).
			RuntimeEvent::Operators(pallet_operators::Event::AllocationScheduled {
				vault,
				magnitude,
				..
			}) if magnitude > 0 => {
				let active =
					pallet_vaults::Vaults::<Runtime>::get(vault).map_or(0, |v| v.total_assets);
				let max = pallet_operators::VaultMagnitudes::<Runtime>::get(vault).max;
				let stake = polkadot_sdk::sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
					active,
					magnitude,
					max.max(1),
					polkadot_sdk::sp_arithmetic::per_things::Rounding::Down,
				)
				.unwrap_or(active);
				let min = <Runtime as pallet_operators::Config>::MinAllocation::get();
				if stake < min {
					return Err(format!(
						"vault {vault} took a pair slot with {stake} < MinAllocation {min}"
					));
				}
			},
			RuntimeEvent::Slashing(SE::SlashRequested { id, fraction, captured, .. }) => {
				let captured = captured
					.into_inner()
					.into_iter()
					.map(|(v, stake)| (v, stake, seen.touched.get(&v).copied().unwrap_or(0)))
					.collect();
				seen.captured.insert(id, (captured, fraction));
			},
			RuntimeEvent::Slashing(SE::SlashExecuted { id, taken, .. }) => {
				let (captured, fraction) =
					seen.captured.get(&id).ok_or(format!("slash {id} executed unrequested"))?;
				for (vault, _) in taken.iter() {
					if !captured.iter().any(|(v, ..)| v == vault) {
						return Err(format!("slash {id} took from vault {vault}, not captured"));
					}
				}
				// Governance's global cap applies at execution too.
				let fraction =
					(*fraction).min(pallet_slashing::GlobalMaxFraction::<Runtime>::get());
				for (vault, stake, touched_then) in captured.iter().copied() {
					let amount = taken.iter().find(|(v, _)| *v == vault).map_or(0, |(_, a)| *a);
					let due = fraction.mul_ceil(stake);
					if amount > due {
						return Err(format!(
							"slash {id} took {amount} from vault {vault}: above {fraction:?} of the {stake} captured"
						));
					}
					// Untouched since the request except by this slash's own take: nothing can
					// have lowered the stake, so the take is exactly the fraction of the capture.
					let own = u64::from(amount > 0);
					let touched_now = seen.touched.get(&vault).copied().unwrap_or(0);
					if touched_now == touched_then + own {
						if amount != due {
							return Err(format!(
								"slash {id} took {amount} from untouched vault {vault}: {fraction:?} of the {stake} captured is {due}"
							));
						}
						seen.exact_takes += 1;
					} else if amount.saturating_add(2) < due {
						seen.bounded_takes += 1;
					}
				}
			},
			RuntimeEvent::Vaults(VE::EscrowReturned { vault, amount }) => {
				seen.flows.entry(vault).or_default().slashed -= amount
			},
			RuntimeEvent::Vaults(VE::Deposited { vault, assets, .. }) => {
				seen.flows.entry(vault).or_default().deposited += assets
			},
			RuntimeEvent::Vaults(VE::RewardsAdded { vault, assets, .. }) => {
				seen.flows.entry(vault).or_default().rewarded += assets
			},
			RuntimeEvent::Vaults(VE::WithdrawalsClaimed { vault, assets, .. }) => {
				*seen.touched.entry(vault).or_default() += 1;
				seen.flows.entry(vault).or_default().withdrawn += assets
			},
			RuntimeEvent::Vaults(VE::VaultSlashed { vault, from_active, from_queued }) => {
				*seen.touched.entry(vault).or_default() += 1;
				seen.flows.entry(vault).or_default().slashed += from_active + from_queued
			},
			RuntimeEvent::Balances(pallet_balances::Event::Burned { amount, .. }) => {
				*seen.burned.entry(None).or_default() += amount
			},
			// An account its owner emptied below the existential deposit (a deposit or a
			// funding may take a whole balance): `pallet-balances` burns the remainder.
			RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
				*seen.dust_lost.entry(None).or_default() += amount
			},
			RuntimeEvent::Balances(pallet_balances::Event::Minted { amount, .. }) => {
				*seen.minted.entry(None).or_default() += amount
			},
			RuntimeEvent::Assets(pallet_assets::Event::Burned { asset_id, balance, .. })
				if asset_id < LRT_ASSET_ID_OFFSET =>
			{
				*seen.burned.entry(Some(asset_id)).or_default() += balance
			},
			RuntimeEvent::Assets(pallet_assets::Event::Issued { asset_id, amount, .. })
				if asset_id < LRT_ASSET_ID_OFFSET =>
			{
				*seen.minted.entry(Some(asset_id)).or_default() += amount
			},
			_ => {},
		}
	}
	System::reset_events();
	Ok(())
}

/// No claim or exit waits longer than a veto window plus the execution deadline for a
/// request: a hold older than that is over, whether or not anyone cleaned it up.
fn check_holds_are_bounded() -> Result<(), String> {
	use polkadot_sdk::frame_support::traits::Get;
	use restake_primitives::traits::SlashHolds;
	let bound = <crate::configs::restaking::MaxVetoWindow as Get<u32>>::get()
		+ <crate::configs::restaking::SlashExecutionDeadline as Get<u32>>::get();
	let now = System::block_number();
	for vault in pallet_vaults::Vaults::<Runtime>::iter_keys() {
		if let Some(since) = <crate::Slashing as SlashHolds<_, _>>::vault_held_since(vault) {
			if since + bound <= now {
				return Err(format!("vault {vault} still held by a request of block {since}"));
			}
		}
	}
	Ok(())
}

/// A retired LRT² source waits for exactly the LRT that held it when it retired and has not
/// been settled since: the balances of the holders last settled before it (iterating the
/// holders here is what the ledger avoids with its O(1) count).
fn check_retired_sources() -> Result<u64, String> {
	let mut checked = 0;
	for (vault, retired) in pallet_lrt2::Retired::<Runtime>::iter() {
		let Some(lrt) = pallet_vaults::Vaults::<Runtime>::get(vault).map(|v| v.lrt) else {
			return Err(format!("vault {vault} is gone but has retired sources"));
		};
		for entry in &retired.entries {
			let waiting: u128 = pallet_assets::Account::<Runtime>::iter_prefix(lrt)
				.filter(|(who, _)| {
					pallet_lrt2::HolderEpochs::<Runtime>::get(vault, who) < entry.epoch
				})
				.map(|(_, account)| account.balance)
				.sum();
			if waiting != entry.unsettled {
				return Err(format!(
					"vault {vault}: {:?} waits for {} LRT, holders not settled since hold {waiting}",
					entry.source, entry.unsettled
				));
			}
			checked += 1;
		}
	}
	Ok(checked)
}

fn underlying_assets() -> [Asset; 4] {
	[
		NativeOrWithId::Native,
		NativeOrWithId::WithId(1),
		NativeOrWithId::WithId(2),
		NativeOrWithId::WithId(3),
	]
}

fn total_issuance(asset: &Asset) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::total_issuance(asset.clone())
}

/// Every pallet's `try_state`, named, so a failure says whose invariant broke.
fn try_state() -> Result<(), String> {
	fn check<P: TryState<u32>>(name: &str) -> Result<(), String> {
		P::try_state(System::block_number(), TryStateSelect::All)
			.map_err(|e| format!("{name} try_state: {e:?}"))
	}
	check::<crate::System>("System")?;
	check::<crate::Balances>("Balances")?;
	check::<crate::Assets>("Assets")?;
	check::<crate::Vaults>("Vaults")?;
	check::<crate::Operators>("Operators")?;
	check::<crate::Slashing>("Slashing")?;
	check::<crate::Lrt2>("Lrt2")?;
	// And the rest, through the runtime's own list.
	AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
		.map_err(|e| format!("try_state: {e:?}"))
}

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
fn run_sequence(seed: u64, mode: Mode, trace: bool, stats: &mut Stats) -> Result<(), String> {
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
			let tightness =
				storage_weight(&touched).ref_time() as f64 / charged.ref_time().max(1) as f64;
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
			observe(&mut seen).map_err(|e| format!("#{step} {label}: {e}"))?;
			check_holds_are_bounded().map_err(|e| format!("#{step} {label}: {e}"))?;
			stats.retired_checks +=
				check_retired_sources().map_err(|e| format!("#{step} {label}: {e}"))?;
			check_nothing_bricked(&mut rng).map_err(|e| format!("#{step} {label}: {e}"))?;
			// Every unit funded into LRT² is paid, owed, still to be paid or recorded dust,
			// after every step (not only once everything is settled).
			check_rewards(stats, false).map_err(|e| format!("#{step} {label}: {e}"))?;
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

/// Assets in = out + held + slashed, per vault, from the events and the vault accounts.
fn check_vaults(
	at_start: &BTreeMap<VaultId, VaultFlows>,
	seen: &Observed,
	stats: &mut Stats,
) -> Result<(), String> {
	for (id, vault) in pallet_vaults::Vaults::<Runtime>::iter() {
		let start = at_start.get(&id).copied().unwrap_or_default();
		let events = seen.flows.get(&id).copied().unwrap_or_default();
		let moved = VaultFlows {
			deposited: vault.flows.deposited - start.deposited,
			rewarded: vault.flows.rewarded - start.rewarded,
			withdrawn: vault.flows.withdrawn - start.withdrawn,
			slashed: vault.flows.slashed - start.slashed,
		};
		if moved != events {
			return Err(format!("vault {id}: flows moved by {moved:?}, events say {events:?}"));
		}
		let held =
			balance_of(vault.asset.clone(), &pallet_vaults::Pallet::<Runtime>::vault_account(id));
		// Slashed funds not yet burnt or paid stay in the vault's account as escrow.
		let escrowed = pallet_vaults::Escrowed::<Runtime>::get(id);
		// Rewards not yet released into the exchange rate are in the account too.
		let unreleased =
			pallet_vaults::CompoundDrips::<Runtime>::get(id).map_or(0, |d| d.remaining);
		let accounted =
			vault.seed + vault.total_assets + vault.queued_assets + escrowed + unreleased;
		if held != accounted {
			return Err(format!("vault {id}: account holds {held}, accounts for {accounted}"));
		}
		stats.invariant_checks += 2;
	}
	Ok(())
}

/// No underlying asset was minted, and the supply fell by exactly what was burned, which
/// slashes alone burn.
fn check_issuance(at_start: &[u128], seen: &Observed, stats: &mut Stats) -> Result<(), String> {
	let slashed: u128 = seen.flows.values().map(|f| f.slashed).sum();
	let burned: u128 = seen.burned.values().sum();
	if burned > slashed {
		return Err(format!("burned {burned} but slashed only {slashed}"));
	}
	for (asset, start) in underlying_assets().iter().zip(at_start) {
		let key = match asset {
			NativeOrWithId::Native => None,
			NativeOrWithId::WithId(id) => Some(*id),
		};
		if seen.minted.get(&key).copied().unwrap_or_default() != 0 {
			return Err(format!("{asset:?} was minted"));
		}
		let now = total_issuance(asset);
		let expected = start
			- seen.burned.get(&key).copied().unwrap_or_default()
			- seen.dust_lost.get(&key).copied().unwrap_or_default();
		if now != expected {
			return Err(format!("{asset:?}: issuance {now}, expected {expected}"));
		}
		stats.invariant_checks += 2;
	}
	stats.invariant_checks += 1;
	Ok(())
}

/// Per reward asset: funded = paid out + claimable + remaining + unallocated + open bounties
/// + still dripping + what the pools record (credited to nobody yet, or rounding dust), and
/// the ledger account holds exactly funded − paid out. Once everything is `settled`, what the
/// pools record is rounding dust only, and bounded.
fn check_rewards(stats: &mut Stats, settled: bool) -> Result<(), String> {
	let ledger = pallet_lrt2::Pallet::<Runtime>::account_id();
	for (asset, totals) in pallet_lrt2::Totals::<Runtime>::iter() {
		let of = |a: &Asset| a == &asset;
		let claimable: u128 = pallet_lrt2::Earned::<Runtime>::iter()
			.filter(|(_, source, _)| source_asset(source).is_some_and(of))
			.map(|(_, _, amount)| amount)
			.sum();
		let (mut remaining, mut unallocated) = (0u128, 0u128);
		for stream in pallet_lrt2::Streams::<Runtime>::iter_values().filter(|s| of(&s.asset)) {
			remaining += stream.remaining();
			unallocated += stream.unallocated - stream.refunded;
		}
		let bounties: u128 = pallet_lrt2::Bounties::<Runtime>::iter_values()
			.filter(|b| of(&b.asset))
			.map(|b| b.amount)
			.sum();
		// Vault rewards still being released to holders.
		let dripping: u128 = pallet_lrt2::VaultDrips::<Runtime>::iter()
			.filter(|(_, a, _)| of(a))
			.map(|(_, _, d)| d.remaining)
			.sum();
		let avs_dust: u128 = pallet_lrt2::AvsPools::<Runtime>::iter()
			.filter(|(_, a, _)| of(a))
			.map(|(_, _, p)| p.distributed - p.credited)
			.sum();
		// Retired pools too: owed to LRT not settled from them yet, then rounding dust.
		let vault_dust: u128 = pallet_lrt2::VaultPools::<Runtime>::iter()
			.filter(|(_, source, _)| source_asset(source).is_some_and(of))
			.map(|(_, _, p)| p.credited - p.settled)
			.sum::<u128>()
			+ pallet_lrt2::Pallet::<Runtime>::retired_unsettled(&asset);
		let accounted = totals.paid_out + claimable + remaining + unallocated + bounties + dripping;
		// Never more out than in; what is left over is rounding dust, every unit of it
		// recorded by a pool (seed 1795551141714772464 once found 52 units that were not: a
		// vault without shares could not take its pairs' rewards).
		if accounted > totals.funded {
			return Err(format!(
				"{asset:?}: funded {} < paid {} + claimable {claimable} + remaining {remaining} + unallocated {unallocated} + bounties {bounties} + dripping {dripping}",
				totals.funded, totals.paid_out
			));
		}
		let dust = totals.funded - accounted;
		if dust != avs_dust + vault_dust {
			return Err(format!(
				"{asset:?}: {dust} left over, the pools record {avs_dust} + {vault_dust} as dust"
			));
		}
		if std::env::var("RESTAKE_RANDOM_DUST").is_ok() {
			for (avs, a, p) in pallet_lrt2::AvsPools::<Runtime>::iter().filter(|(_, a, _)| of(a)) {
				println!(
					"AVS pool {avs} {a:?}: distributed {} credited {}",
					p.distributed, p.credited
				);
			}
			for (id, v) in pallet_vaults::Vaults::<Runtime>::iter() {
				println!(
					"vault {id}: assets {} shares {} queued {}",
					v.total_assets, v.total_shares, v.queued_assets
				);
			}
			for (v, source, p) in pallet_lrt2::VaultPools::<Runtime>::iter() {
				println!(
					"vault pool {v} {source:?}: credited {} settled {}",
					p.credited, p.settled
				);
			}
		}
		if settled {
			if dust > MAX_DUST {
				return Err(format!("{asset:?}: {dust} left as dust, above {MAX_DUST}"));
			}
			stats.max_lrt2_dust = stats.max_lrt2_dust.max(dust);
		}
		let held = balance_of(asset.clone(), &ledger);
		// The ledger's permanent seed: the asset's minimum balance.
		let floor = <NativeAndAssets as Inspect<AccountId>>::minimum_balance(asset.clone());
		if held != totals.funded - totals.paid_out + floor {
			return Err(format!(
				"{asset:?}: the ledger holds {held}, owes {}",
				totals.funded - totals.paid_out
			));
		}
		stats.invariant_checks += 2;
	}
	Ok(())
}

fn source_asset(source: &Source<Asset>) -> Option<&Asset> {
	match source {
		Source::Avs { asset, .. }
		| Source::Commission { asset, .. }
		| Source::Vault { asset, .. }
		| Source::Bounty { asset, .. } => Some(asset),
		Source::Points { .. } => None,
	}
}

/// Seeds that once failed, one per line: `<seed> # what broke` for the uniform mode,
/// `lifecycle <seed> # what broke` for the lifecycle mode.
fn regression_seeds(mode: Mode) -> Vec<u64> {
	include_str!("random_operation_regressions.txt")
		.lines()
		.filter_map(|line| {
			let seed = line.split('#').next()?.trim();
			match (mode, seed.strip_prefix("lifecycle ")) {
				(Mode::Lifecycle, Some(seed)) => seed.trim().parse().ok(),
				(Mode::Uniform, None) => seed.parse().ok(),
				_ => None,
			}
		})
		.collect()
}

#[test]
fn the_whole_system_keeps_its_invariants_under_random_operation() {
	run_many(Mode::Uniform, "RESTAKE_RANDOM", DEFAULT_SEQUENCES);
}

#[test]
fn the_whole_system_keeps_its_invariants_through_random_lifecycles() {
	run_many(Mode::Lifecycle, "RESTAKE_LIFECYCLE", DEFAULT_LIFECYCLE_SEQUENCES);
}

/// Runs the regression seeds of `mode`, then `<prefix>_SEQUENCES` (default `default`)
/// sequences from `<prefix>_BASE` (default: the clock), and prints what they did; or
/// replays `<prefix>_SEED` alone with a trace.
fn run_many(mode: Mode, prefix: &str, default: u64) {
	let var = |name: &str| -> Option<u64> {
		std::env::var(format!("{prefix}_{name}")).ok().and_then(|s| s.parse().ok())
	};
	if let Some(seed) = var("SEED") {
		let mut stats = Stats::default();
		let result = run_sequence(seed, mode, true, &mut stats);
		assert_eq!(result, Ok(()), "seed {seed}");
		return;
	}
	let sequences: u64 = var("SEQUENCES").unwrap_or(default);
	// Fresh seeds every run (reported, so any failure reproduces), regressions first.
	let base: u64 = var("BASE").unwrap_or_else(|| {
		std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(0, |d| d.as_nanos() as u64)
	});
	let mut seeds = regression_seeds(mode);
	let regressions = seeds.len();
	seeds.extend((0..sequences).map(|i| base.wrapping_add(i.wrapping_mul(0x9e37_79b9))));

	let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
	let started = std::time::Instant::now();
	let failures = Mutex::new(Vec::<(u64, String)>::new());
	let total = Mutex::new(Stats::default());
	std::thread::scope(|scope| {
		for t in 0..threads {
			let (seeds, failures, total) = (&seeds, &failures, &total);
			scope.spawn(move || {
				let mut stats = Stats::default();
				for seed in seeds.iter().skip(t).step_by(threads) {
					stats.sequences += 1;
					if let Err(e) = run_sequence(*seed, mode, false, &mut stats) {
						failures.lock().unwrap().push((*seed, e));
					}
				}
				let mut total = total.lock().unwrap();
				total.sequences += stats.sequences;
				total.calls += stats.calls;
				total.succeeded += stats.succeeded;
				total.block_advances += stats.block_advances;
				total.closed += stats.closed;
				total.invariant_checks += stats.invariant_checks;
				total.bounded_slash_takes += stats.bounded_slash_takes;
				total.exact_slash_takes += stats.exact_slash_takes;
				total.retired_checks += stats.retired_checks;
				total.weight_checks += stats.weight_checks;
				if stats.tightest_weight.0 > total.tightest_weight.0 {
					total.tightest_weight = stats.tightest_weight;
				}
				if stats.max_lrt2_dust > total.max_lrt2_dust {
					total.max_lrt2_dust = stats.max_lrt2_dust;
					total.max_lrt2_dust_seed = stats.max_lrt2_dust_seed;
				}
				for (e, n) in stats.errors {
					*total.errors.entry(e).or_default() += n;
				}
				for (l, (n, ok)) in stats.calls_by_label {
					let entry = total.calls_by_label.entry(l).or_default();
					entry.0 += n;
					entry.1 += ok;
				}
			});
		}
	});
	let total = total.into_inner().unwrap();
	println!(
		"random operation, {mode:?} mode: {} sequences ({regressions} regression seeds, base seed {base}) on {threads} threads in {:.1} s",
		total.sequences,
		started.elapsed().as_secs_f64()
	);
	println!(
		"  {} calls executed, {} succeeded, {} failed cleanly; {} block advances; {} streams and programmes closed at the end",
		total.calls,
		total.succeeded,
		total.calls - total.succeeded,
		total.block_advances,
		total.closed
	);
	println!(
		"  {} invariant checks passed; largest LRT² rounding dust {} (seed {})",
		total.invariant_checks, total.max_lrt2_dust, total.max_lrt2_dust_seed
	);
	println!(
		"  {} checks that a retired LRT² source waited for exactly the LRT not settled from it",
		total.retired_checks
	);
	println!(
		"  {} calls charged at least the storage they touched; the closest, {}, touched {:.0} % of its charge in storage",
		total.weight_checks,
		total.tightest_weight.1,
		total.tightest_weight.0 * 100.0
	);
	println!(
		"  every executed slash took at most its fraction of captured vaults only; {} takes from untouched vaults were exactly their fraction; {} were bounded by an earlier slash or claim",
		total.exact_slash_takes, total.bounded_slash_takes
	);
	println!("  {} distinct errors hit:", total.errors.len());
	for (e, n) in &total.errors {
		println!("    {n:>8}  {e}");
	}
	println!("  calls (tried / succeeded):");
	for (label, (n, ok)) in &total.calls_by_label {
		println!("    {n:>8} / {ok:>8}  {label}");
	}
	let failures = failures.into_inner().unwrap();
	if let Some((seed, e)) = failures.first() {
		panic!(
			"{} of {} sequences broke an invariant; first: seed {seed}: {e}\n\
			 replay: {prefix}_SEED={seed} cargo test --release -p restake-runtime \
			 --features try-runtime random_operation -- --nocapture\n\
			 then keep it in runtime/src/tests/random_operation_regressions.txt as `{}{seed}`",
			failures.len(),
			total.sequences,
			if mode == Mode::Lifecycle { "lifecycle " } else { "" }
		);
	}
	assert!(total.calls >= total.sequences * MIN_STEPS / 2, "sequences ran their calls");
	assert!(total.succeeded * 10 >= total.calls, "at least one call in ten succeeds");
}
