//! The lifecycle draw: seven calls in ten take something already in progress one step further
//! — a queued withdrawal, a pending opt-in or opt-out, a slash request, an allocation change, an
//! AVS's exit — the deep paths a uniform draw rarely reaches.
//!
//! As in [`super::operations`], the draws must stay in this order for seeds to replay.

use super::{
	draw::{
		account, amount, avs_owner, avs_roles, balance_of, curator_of, origin, pick_some, role,
		shares_of, Rng, ACTORS,
	},
	operations::Drawn,
};
use crate::{AccountId, Runtime, RuntimeCall, RuntimeOrigin, System};
use polkadot_sdk::{sp_core::H256, sp_runtime::Perbill};
use restake_primitives::{AvsId, VaultId};

/// A call that takes something in progress one step further: the owner claims a queued
/// withdrawal, a holder withdraws shares it has, a funded actor deposits, the AVS owner
/// answers a pending opt-in, anyone completes an opt-out, the resolver vetoes or anyone
/// executes a pending slash, an AVS's slasher requests a slash of a pair with stake, anyone
/// executes a request whose veto window is over, a curator or operator tries to take captured
/// stake out of a pending slash, an operator ejects a vault of its pair or an AVS's owner an
/// operator (rarely), a holder cancels a queued withdrawal, a curator disallows an AVS its
/// vault allocates to (rarely), the curator settles a pending allocation change. `None` three times in
/// ten, or when nothing of the kind is in progress (the caller then draws a uniform call).
pub(super) fn lifecycle_call(rng: &mut Rng) -> Option<(&'static str, RuntimeOrigin, RuntimeCall)> {
	if rng.chance(30) {
		return None;
	}
	let draw = rng.below(13);
	let (label, who, call) = match draw {
		0..=2 => advance_a_holder(rng, draw),
		3 | 4 => advance_an_opt_in(rng, draw),
		5..=8 => advance_a_slash(rng, draw),
		9 => wind_down_a_pair(rng),
		10 => advance_an_exit(rng),
		12 => cancel_a_withdrawal_or_disallow_an_avs(rng),
		// 11 too.
		_ => settle_an_allocation(rng),
	}?;
	Some((label, origin(rng, who), call))
}

/// A holder's next step: the owner claims a queued withdrawal, a holder requests a withdrawal
/// of shares it has, a funded actor deposits. Draws `0..=2`.
fn advance_a_holder(rng: &mut Rng, draw: u64) -> Option<Drawn> {
	use pallet_vaults::Call as V;
	Some(match draw {
		0 => {
			let queued: Vec<(VaultId, AccountId)> = pallet_vaults::Withdrawals::<Runtime>::iter()
				.filter(|(_, _, requests)| !requests.is_empty())
				.map(|(vault, owner, _)| (vault, owner))
				.collect();
			let (vault, owner) = pick_some(rng, &queued)?;
			let call = V::claim_withdrawals { vault, owner: owner.clone().into() };
			("claim_withdrawals", owner, RuntimeCall::Vaults(call))
		},
		1 => {
			let vaults: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter_keys().collect();
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
			let vaults: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter_keys().collect();
			let vault = pick_some(rng, &vaults)?;
			let v = pallet_vaults::Vaults::<Runtime>::get(vault)?;
			let holder = account(rng.pick(&ACTORS));
			let hint = balance_of(v.asset, &holder) / 4;
			let assets = amount(rng, hint.max(v.params.min_deposit));
			("deposit", holder, RuntimeCall::Vaults(V::deposit { vault, assets }))
		},
		_ => unreachable!("advance_a_holder draws 0..=2 only"),
	})
}

/// An opt-in's next step: the AVS owner answers a pending one, anyone completes an opt-out.
/// Draws `3` and `4`.
fn advance_an_opt_in(rng: &mut Rng, draw: u64) -> Option<Drawn> {
	use pallet_operators::{Call as O, OptInStatus};
	Some(match draw {
		3 => {
			let pending: Vec<(AvsId, AccountId)> = pallet_operators::OptIns::<Runtime>::iter()
				.filter(|(_, _, status)| matches!(status, OptInStatus::Pending))
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = pick_some(rng, &pending)?;
			let call = if rng.chance(70) {
				O::approve_operator { avs, operator: operator.into() }
			} else {
				O::reject_operator { avs, operator: operator.into() }
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
				RuntimeCall::Operators(O::complete_opt_out { operator: operator.into(), avs }),
			)
		},
		_ => unreachable!("advance_an_opt_in draws 3..=4 only"),
	})
}

/// A slash request's next step: vetoed or executed; the AVS's own slasher requests a slash of
/// a pair with stake; anyone executes a request whose veto window is over; the curator or the
/// operator tries to take captured stake out while a request is pending. Draws `5..=8`.
fn advance_a_slash(rng: &mut Rng, draw: u64) -> Option<Drawn> {
	use pallet_operators::Call as O;
	use pallet_slashing::Call as S;
	Some(match draw {
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
				operator: operator.into(),
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
					let call = O::allocate {
						vault,
						operator: operator.into(),
						avs,
						share: Perbill::zero(),
					};
					("allocate/settle_allocation", curator_of(vault)?, RuntimeCall::Operators(call))
				},
				_ => (
					"operator opt_in/opt_out/commission",
					operator,
					RuntimeCall::Operators(O::opt_out { avs }),
				),
			}
		},
		_ => unreachable!("advance_a_slash draws 5..=8 only"),
	})
}

/// An operator winds down one vault of a pair (rarely).
fn wind_down_a_pair(rng: &mut Rng) -> Option<Drawn> {
	use pallet_operators::Call as O;
	// An operator winds down one vault of a pair (it may have been filled by strangers);
	// rarely, so that pairs keep stake for the slashing paths above.
	if !rng.chance(30) {
		return None;
	}
	let allocated: Vec<(VaultId, AccountId, AvsId)> =
		pallet_operators::Allocations::<Runtime>::iter_keys().collect();
	let (vault, operator, avs) = pick_some(rng, &allocated)?;
	Some(("eject_vault", operator, RuntimeCall::Operators(O::eject_vault { avs, vault })))
}

/// A step of an exit: an AVS's owner removes an operator (rarely), an operator bound to no AVS
/// leaves, a deregistered AVS's exit moves on, an offered AVS is taken over, a curator withdraws
/// an increase not in effect yet; nothing two times in ten.
fn advance_an_exit(rng: &mut Rng) -> Option<Drawn> {
	use pallet_operators::{Call as O, OptInStatus};
	Some(match rng.below(10) {
		0 | 1 => {
			// An AVS's owner removes one of its operators (rarely, as above).
			let active: Vec<(AvsId, AccountId)> = pallet_operators::OptIns::<Runtime>::iter()
				.filter(|(_, _, status)| *status == OptInStatus::Active)
				.map(|(avs, operator, _)| (avs, operator))
				.collect();
			let (avs, operator) = pick_some(rng, &active)?;
			let owner = pallet_operators::Avss::<Runtime>::get(avs)?.owner;
			let call = O::eject_operator { avs, operator: operator.into() };
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
					RuntimeCall::Operators(O::eject_operator { avs, operator: operator.into() }),
				),
				Some((operator, OptInStatus::Pending)) => (
					"approve/reject_operator",
					owner,
					RuntimeCall::Operators(O::reject_operator { avs, operator: operator.into() }),
				),
				Some((operator, _)) => (
					"complete_opt_out",
					anyone,
					RuntimeCall::Operators(O::complete_opt_out { operator: operator.into(), avs }),
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
			("accept_avs_ownership", who, RuntimeCall::Operators(O::accept_avs_ownership { avs }))
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
			let call = O::cancel_allocation_increase { vault, operator: operator.into(), avs };
			("allocate/settle/cancel_increase", curator_of(vault)?, RuntimeCall::Operators(call))
		},
		_ => return None,
	})
}

/// A holder cancels a queued withdrawal, or (rarely) a curator disallows an AVS its vault
/// allocates to.
fn cancel_a_withdrawal_or_disallow_an_avs(rng: &mut Rng) -> Option<Drawn> {
	use pallet_vaults::Call as V;
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
		Some(("cancel_withdrawal", owner, RuntimeCall::Vaults(call)))
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
		Some(("disallow_avs", curator_of(vault)?, RuntimeCall::Vaults(call)))
	}
}

/// The curator (mostly) settles a pending allocation change.
fn settle_an_allocation(rng: &mut Rng) -> Option<Drawn> {
	use pallet_operators::Call as O;
	let changing: Vec<(VaultId, AccountId, AvsId)> =
		pallet_operators::Allocations::<Runtime>::iter()
			.filter(|(_, allocation)| allocation.pending.is_some())
			.map(|(key, _)| key)
			.collect();
	let (vault, operator, avs) = pick_some(rng, &changing)?;
	let call = O::settle_allocation { vault, operator: operator.into(), avs };
	Some(("allocate/settle_allocation", role(rng, curator_of(vault)), RuntimeCall::Operators(call)))
}
