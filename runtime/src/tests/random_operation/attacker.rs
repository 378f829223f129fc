//! The attacker's calls: the whole runtime, not only the restaking pallets — assets created,
//! minted, frozen and thawed, `touch`/`refund`, junk rewards, LRT dust, other people's bounded
//! slots filled, and all of it inside `utility.batch`.

use super::{
	draw::{account, amount, avs_id, operator, pick_some, vault_id, Rng, ACTORS},
	operations::Drawn,
};
use crate::{configs::restaking::LRT_ASSET_ID_OFFSET, AccountId, Runtime, RuntimeCall};
use polkadot_sdk::{
	frame_support::traits::fungible::NativeOrWithId,
	pallet_assets, pallet_utility,
	sp_runtime::{MultiAddress, Perbill},
};
use restake_primitives::VaultId;

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
pub(super) fn attacker_call(rng: &mut Rng, who: AccountId) -> Drawn {
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
					operator: operator(rng).into(),
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
