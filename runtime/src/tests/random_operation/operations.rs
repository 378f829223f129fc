//! The uniform draw: one random call of any pallet, any role, signed by the right account three
//! times in four. [`random_call`] picks a family by a draw in `0..50` (weighted by how many
//! numbers each family takes) and the family's generator builds the call.
//!
//! The draws must stay in this order: a seed replays a sequence only while every generator takes
//! its random numbers exactly as before.

use super::{
	attacker::attacker_call,
	draw::{
		account, amount, asset, avs_id, avs_owner, avs_roles, balance_of, bytes, curator_of,
		fraction, id, operator, origin, pick_some, policy, role, shares_of, vault_id, Rng, ACTORS,
		LST,
	},
	rewards::{lrt2_funding_call, reward_vault_call},
};
use crate::{
	configs::restaking::LRT_ASSET_ID_OFFSET, AccountId, Runtime, RuntimeCall, RuntimeOrigin,
	System, UNIT,
};
use pallet_vaults::VaultParams;
use polkadot_sdk::{
	frame_support::BoundedVec,
	pallet_assets, pallet_balances,
	sp_core::H256,
	sp_runtime::{MultiAddress, Perbill},
};
use restake_primitives::VaultId;

/// A drawn call before its origin: a label (the run counts calls by it), the account meant to
/// sign it, and the call.
pub(super) type Drawn = (&'static str, AccountId, RuntimeCall);

/// One random call: a label, who signs it, and the call.
pub(super) fn random_call(rng: &mut Rng) -> (&'static str, RuntimeOrigin, RuntimeCall) {
	let holder = account(rng.pick(&ACTORS));
	let draw = rng.below(50);
	let (label, who, call) = match draw {
		// Restakers: the most frequent calls.
		0..=18 => restaker_call(rng, draw, holder),
		19..=28 => curator_call(rng, draw, holder),
		29..=32 => avs_call(rng, draw, holder),
		33..=37 => operator_call(rng, draw, holder),
		38..=40 => slashing_call(rng, draw),
		// Its own origin: governance calls are signed by Root more often.
		41 => return slash_follow_up_call(rng, holder),
		42 => lrt2_funding_call(rng),
		// The attacker: the whole runtime, not only the restaking pallets.
		44..=48 => attacker_call(rng, holder),
		// 43 and 49.
		_ => reward_vault_call(rng, holder),
	};
	let origin = origin(rng, who);
	(label, origin, call)
}

/// A restaker's call: deposit, withdraw (request, cancel, claim), move shares, claim LRT²
/// rewards (all or some vaults), poke or settle, and the transfers the runtime refuses or allows
/// (LRT through `pallet-assets`, native through `pallet-balances`). Draws `0..=18`.
fn restaker_call(rng: &mut Rng, draw: u64, holder: AccountId) -> Drawn {
	use pallet_lrt2::Call as L;
	use pallet_vaults::Call as V;
	match draw {
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
				RuntimeCall::Vaults(V::claim_withdrawals { vault, owner: owner.into() }),
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
				holder: account(rng.pick(&ACTORS)).into(),
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
		_ => unreachable!("restaker_call draws 0..=18 only"),
	}
}

/// A curator's call (signed by the vault's curator three times in four): create a vault, set
/// its limits, fee and pause, allow or disallow an AVS, hand over curatorship, add rewards,
/// destroy the vault. Draws `19..=28`.
fn curator_call(rng: &mut Rng, draw: u64, holder: AccountId) -> Drawn {
	use pallet_vaults::Call as V;
	match draw {
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
				RuntimeCall::Vaults(V::propose_curator { vault, new: new.into() }),
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
		_ => unreachable!("curator_call draws 19..=28 only"),
	}
}

/// An AVS owner's call: register, update, deregister and hand over an AVS, set its roles and
/// accepted assets, answer or eject operators. Draws `29..=32`.
fn avs_call(rng: &mut Rng, draw: u64, holder: AccountId) -> Drawn {
	use pallet_operators::Call as O;
	match draw {
		29 => {
			let call = O::register_avs {
				name: bytes(rng),
				uri: bytes(rng),
				requires_approval: rng.chance(50),
				slasher: account(rng.pick(&ACTORS)).into(),
				resolver: (if rng.chance(50) { Some(account(rng.pick(&ACTORS))) } else { None })
					.map(Into::into),
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
					(
						"transfer_avs_ownership",
						owner,
						O::transfer_avs_ownership { avs, new_owner: new_owner.map(Into::into) },
					)
				},
				5 => {
					let offered = pallet_operators::PendingAvsOwners::<Runtime>::get(avs);
					("accept_avs_ownership", role(rng, offered), O::accept_avs_ownership { avs })
				},
				_ => {
					let slasher = account(rng.pick(&ACTORS));
					let resolver = rng.chance(50).then(|| account(rng.pick(&ACTORS)));
					(
						"set_avs_roles",
						owner,
						O::set_avs_roles {
							avs,
							slasher: slasher.into(),
							resolver: resolver.map(Into::into),
						},
					)
				},
			};
			(label, who, RuntimeCall::Operators(call))
		},
		32 => {
			let avs = avs_id(rng);
			let operator = operator(rng);
			let (label, call) = match rng.below(5) {
				0..=2 => (
					"approve/reject_operator",
					O::approve_operator { avs, operator: operator.into() },
				),
				3 => (
					"approve/reject_operator",
					O::reject_operator { avs, operator: operator.into() },
				),
				_ => ("eject_operator", O::eject_operator { avs, operator: operator.into() }),
			};
			(label, role(rng, avs_owner(avs)), RuntimeCall::Operators(call))
		},
		_ => unreachable!("avs_call draws 29..=32 only"),
	}
}

/// An operator's call: register, update, deregister, commission, opt in and out, its vault
/// allowlist and ejections; anyone completes an opt-out; a curator allocates, settles or
/// cancels an increase. Draws `33..=37`.
fn operator_call(rng: &mut Rng, draw: u64, holder: AccountId) -> Drawn {
	use pallet_operators::Call as O;
	match draw {
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
			let call = O::complete_opt_out { operator: operator(rng).into(), avs: avs_id(rng) };
			("complete_opt_out", holder, RuntimeCall::Operators(call))
		},
		36 | 37 => {
			let vault = vault_id(rng);
			let (operator, avs) = (operator(rng), avs_id(rng));
			let who = role(rng, curator_of(vault));
			let call = match rng.below(8) {
				0..=5 => {
					O::allocate { vault, operator: operator.into(), avs, share: fraction(rng) }
				},
				6 => O::settle_allocation { vault, operator: operator.into(), avs },
				_ => O::cancel_allocation_increase { vault, operator: operator.into(), avs },
			};
			("allocate/settle/cancel_increase", who, RuntimeCall::Operators(call))
		},
		_ => unreachable!("operator_call draws 33..=37 only"),
	}
}

/// An AVS's slashing set-up and requests: its owner sets or applies a policy, its slasher
/// requests a slash. Draws `38..=40`.
fn slashing_call(rng: &mut Rng, draw: u64) -> Drawn {
	use pallet_slashing::Call as S;
	match draw {
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
				operator: operator(rng).into(),
				fraction: fraction(rng),
				evidence: H256::repeat_byte(rng.below(256) as u8),
				reason: bytes(rng),
			};
			("request_slash", role(rng, slasher), RuntimeCall::Slashing(call))
		},
		_ => unreachable!("slashing_call draws 38..=40 only"),
	}
}

/// What follows a slash request: the resolver vetoes, anyone expires or executes it, governance
/// cancels it or sets the global cap, anyone releases or governance cancels an escrow, anyone
/// prunes a settled record. Signed here, not by [`random_call`]: governance's calls are signed
/// by Root more often than the uniform origin would.
fn slash_follow_up_call(
	rng: &mut Rng,
	holder: AccountId,
) -> (&'static str, RuntimeOrigin, RuntimeCall) {
	use pallet_slashing::Call as S;
	let pending: Vec<u32> = pallet_slashing::PendingSlashes::<Runtime>::iter_keys().collect();
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
			let settled: Vec<u32> = pallet_slashing::SlashHistory::<Runtime>::iter_keys().collect();
			let id = id(rng, &settled, pallet_slashing::NextSlashId::<Runtime>::get());
			("prune_slash_record", holder, S::prune_slash_record { id })
		},
		_ => ("execute_slash", holder, S::execute_slash { id: slash }),
	};
	// Root is governance: cancelling and the global cap need it.
	if matches!(
		call,
		S::cancel_slash { .. } | S::set_global_max_fraction { .. } | S::cancel_escrow { .. }
	) && rng.chance(60)
	{
		return (label, RuntimeOrigin::root(), RuntimeCall::Slashing(call));
	}
	(label, origin(rng, who), RuntimeCall::Slashing(call))
}
