//! The random inputs of a sequence: the seeded generator, adversarial amounts and fractions,
//! the actors and who plays which role, ids (live ones mostly, one past the last sometimes) and
//! the storage look-ups the generators need to aim their calls.

use crate::{
	configs::restaking::{NativeAndAssets, LRT_ASSET_ID_OFFSET},
	AccountId, Runtime, RuntimeOrigin, UNIT,
};
use pallet_slashing::{PolicyStatus, SlashPolicy};
use polkadot_sdk::{
	frame_support::{
		traits::{fungible::NativeOrWithId, fungibles::Inspect},
		BoundedVec,
	},
	pallet_assets,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::Perbill,
};
use restake_primitives::{AvsId, SlashDestination, VaultId};

/// Every asset a call may name: native or an asset id.
pub(super) type Asset = NativeOrWithId<u32>;

/// One unit of a dev-chain LST.
pub(super) const LST: u128 = crate::genesis_config_presets::LST_UNIT;

/// The twelve actors: every endowed dev account (1M native, 10k of each LST).
pub(super) const ACTORS: [K; 12] = [
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
pub(super) const BOUNDARY_STEPS: [u32; 19] =
	[0, 1, 2, 9, 10, 11, 19, 20, 21, 29, 30, 31, 39, 40, 41, 59, 60, 61, 5];

/// SplitMix64: tiny, seedable, good enough to drive a fuzzer.
pub(super) struct Rng(pub(super) u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	pub(super) fn below(&mut self, n: u64) -> u64 {
		if n == 0 {
			0
		} else {
			self.next() % n
		}
	}
	pub(super) fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
	pub(super) fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
		xs[self.below(xs.len() as u64) as usize].clone()
	}
	fn wide(&mut self) -> u128 {
		(u128::from(self.next()) << 64) | u128::from(self.next())
	}
}

/// An adversarial amount around `hint` (a balance, a cap, a minimum).
pub(super) fn amount(rng: &mut Rng, hint: u128) -> u128 {
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

/// An adversarial fraction: none, the least, all, a half ±1 part, or any.
pub(super) fn fraction(rng: &mut Rng) -> Perbill {
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

/// The account of a dev key.
pub(super) fn account(k: K) -> AccountId {
	k.to_account_id()
}

/// The right account three times in four when there is one; anyone otherwise.
pub(super) fn role(rng: &mut Rng, right: Option<AccountId>) -> AccountId {
	match right {
		Some(who) if rng.chance(75) => who,
		_ => account(rng.pick(&ACTORS)),
	}
}

/// Mostly signed by `who`; sometimes Root or unsigned.
pub(super) fn origin(rng: &mut Rng, who: AccountId) -> RuntimeOrigin {
	match rng.below(50) {
		0 => RuntimeOrigin::root(),
		1 => RuntimeOrigin::none(),
		_ => RuntimeOrigin::signed(who),
	}
}

/// Native or a listed LST mostly; sometimes an unknown asset or an LRT.
pub(super) fn asset(rng: &mut Rng) -> Asset {
	match rng.below(6) {
		0 | 1 => NativeOrWithId::Native,
		2 | 3 => NativeOrWithId::WithId(1),
		4 => NativeOrWithId::WithId(1 + rng.below(3) as u32),
		// Unknown asset or an LRT.
		_ => NativeOrWithId::WithId(rng.pick(&[99, LRT_ASSET_ID_OFFSET])),
	}
}

/// A bounded byte string of any length up to its bound.
pub(super) fn bytes<S: polkadot_sdk::frame_support::traits::Get<u32>>(
	rng: &mut Rng,
) -> BoundedVec<u8, S> {
	let len = rng.below(u64::from(S::get()) + 1) as usize;
	BoundedVec::truncate_from(vec![b'a' + rng.below(26) as u8; len])
}

/// What `who` holds of `asset` (native or an asset id).
pub(super) fn balance_of(asset: Asset, who: &AccountId) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, who)
}

/// An id in `0..=next` (so one past the last, unknown), or one of `live` most of the time.
pub(super) fn id<I: Copy + Into<u64> + TryFrom<u64>>(rng: &mut Rng, live: &[I], next: I) -> I {
	if !live.is_empty() && rng.chance(80) {
		rng.pick(live)
	} else {
		I::try_from(rng.below(next.into() + 1)).ok().unwrap_or(next)
	}
}

/// A vault id, live mostly ([`id`]).
pub(super) fn vault_id(rng: &mut Rng) -> VaultId {
	let live: Vec<VaultId> = pallet_vaults::Vaults::<Runtime>::iter_keys().collect();
	id(rng, &live, pallet_vaults::NextVaultId::<Runtime>::get())
}

/// An AVS id, live mostly ([`id`]).
pub(super) fn avs_id(rng: &mut Rng) -> AvsId {
	let live: Vec<AvsId> = pallet_operators::Avss::<Runtime>::iter_keys().collect();
	id(rng, &live, pallet_operators::NextAvsId::<Runtime>::get())
}

/// A registered operator mostly; any actor otherwise.
pub(super) fn operator(rng: &mut Rng) -> AccountId {
	let live: Vec<AccountId> = pallet_operators::Operators::<Runtime>::iter_keys().collect();
	if !live.is_empty() && rng.chance(80) {
		rng.pick(&live)
	} else {
		account(rng.pick(&ACTORS))
	}
}

/// The vault's curator, if the vault exists.
pub(super) fn curator_of(vault: VaultId) -> Option<AccountId> {
	pallet_vaults::Vaults::<Runtime>::get(vault).map(|v| v.curator)
}

/// The AVS's owner, if the AVS exists.
pub(super) fn avs_owner(avs: AvsId) -> Option<AccountId> {
	pallet_operators::Avss::<Runtime>::get(avs).map(|a| a.owner)
}

/// The AVS's roles in force (a scheduled slasher or resolver change applies when due).
pub(super) fn avs_roles(avs: AvsId) -> Option<restake_primitives::traits::AvsRoles<AccountId>> {
	<crate::Operators as restake_primitives::traits::StakeInspect<AccountId, u128>>::avs_roles(avs)
}

/// The shares (LRT) `who` holds of `vault`.
pub(super) fn shares_of(vault: VaultId, who: &AccountId) -> u128 {
	pallet_vaults::Vaults::<Runtime>::get(vault)
		.map_or(0, |v| pallet_assets::Pallet::<Runtime>::balance(v.lrt, who))
}

/// A random slash policy, within and just outside the runtime's bounds.
pub(super) fn policy(rng: &mut Rng) -> SlashPolicy<AccountId, u32> {
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

/// Picks one of `xs`, or `None` if there is none.
pub(super) fn pick_some<T: Clone>(rng: &mut Rng, xs: &[T]) -> Option<T> {
	(!xs.is_empty()).then(|| rng.pick(xs))
}
