//! Unit and property tests of the vault pallet, by topic.

mod cancel;
mod create;
mod curator;
mod deposit;
mod invariants;
mod rewards;
mod slash;
mod withdraw;

use crate::{mock::*, Error, Event};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect, BoundedVec};
use polkadot_sdk::pallet_assets;
use restake_primitives::VaultId;

pub(crate) fn name(s: &str) -> BoundedVec<u8, polkadot_sdk::frame_support::traits::ConstU32<32>> {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// Alice creates a stETH vault with the default parameters; returns its id.
pub(crate) fn create_steth_vault() -> VaultId {
	assert_ok!(Vaults::create_vault(
		RuntimeOrigin::signed(ALICE),
		steth(),
		params(),
		name("Restaked stETH"),
		name("rstETH"),
		21,
	));
	crate::NextVaultId::<Test>::get() - 1
}

/// Alice's stETH vault (`create_steth_vault`) with a first deposit of `assets` by `who`.
pub(crate) fn vault_with_deposit(who: AccountId, assets: u128) -> VaultId {
	let id = create_steth_vault();
	assert_ok!(Vaults::deposit(RuntimeOrigin::signed(who), id, assets));
	id
}

/// LRT balance of `who` in `vault`.
pub(crate) fn lrt_of(vault: VaultId, who: AccountId) -> u128 {
	let lrt = crate::Vaults::<Test>::get(vault).unwrap().lrt;
	<Assets as Inspect<_>>::balance(lrt, &who)
}

/// stETH balance of `who`.
pub(crate) fn steth_of(who: AccountId) -> u128 {
	<Assets as Inspect<_>>::balance(STETH, &who)
}

/// Bob's two requests in a vault he deposited 1 000 into: 100 000 shares at block 1 and
/// 200 000 at block 5; the chain is at block `1 + MIN_DELAY`, so only the first is due.
pub(crate) fn two_requests_the_first_due() -> VaultId {
	let id = vault_with_deposit(BOB, 1_000);
	assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 100_000));
	run_to_block(5);
	assert_ok!(Vaults::request_withdrawal(RuntimeOrigin::signed(BOB), id, 200_000));
	run_to_block(1 + MIN_DELAY);
	id
}
