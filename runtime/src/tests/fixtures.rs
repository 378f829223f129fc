//! Fixtures the runtime tests share: the `development` genesis's AVS ids, origins, the clock,
//! and the calls many tests make with the same arguments (a slash request, a vault, an
//! allocation to an operator).

use crate::{Operators, RuntimeCall, RuntimeOrigin, Slashing, System, Vaults};
use polkadot_sdk::{
	frame_support::{
		dispatch::DispatchResultWithPostInfo, pallet_prelude::DispatchResult,
		traits::fungible::NativeOrWithId,
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring as K,
	sp_runtime::{traits::Dispatchable, DispatchError, Perbill},
};
use restake_primitives::AvsId;

/// The oracle AVS of the `development` genesis: vetoable (10 blocks), slasher Eve, resolver
/// Ferdie.
pub(crate) const ORACLE: AvsId = crate::genesis_config_presets::ORACLE_AVS;
/// The DA AVS of the `development` genesis: instant, slasher Ferdie.
pub(crate) const DA: AvsId = crate::genesis_config_presets::DA_AVS;

/// `k`'s signed origin.
pub(crate) fn signed(k: K) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

/// Dispatches `call` from `who` as a transaction would: through the runtime's call filter.
pub(crate) fn dispatch(who: K, call: RuntimeCall) -> Result<(), DispatchError> {
	call.dispatch(signed(who)).map(|_| ()).map_err(|e| e.error)
}

/// Moves the clock to block `n`.
pub(crate) fn run_to(n: u32) {
	System::set_block_number(n);
}

/// The current block.
pub(crate) fn now() -> u32 {
	System::block_number()
}

/// `slasher` asks `avs` to slash `fraction` of `operator`, with the evidence
/// `[evidence; 32]` and the reason `reason`.
pub(crate) fn request_slash(
	slasher: K,
	avs: AvsId,
	operator: K,
	fraction: Perbill,
	evidence: u8,
	reason: &[u8],
) -> DispatchResultWithPostInfo {
	Slashing::request_slash(
		signed(slasher),
		avs,
		operator.to_account_id().into(),
		fraction,
		H256::repeat_byte(evidence),
		reason.to_vec().try_into().expect("the reason fits its bound"),
	)
}

/// `curator` creates a vault of `asset` without cap or fee, with a minimum deposit of 1 and
/// holders waiting `withdrawal_delay` blocks to leave.
pub(crate) fn create_vault(
	curator: K,
	asset: NativeOrWithId<u32>,
	withdrawal_delay: u32,
	lrt_name: &[u8],
	lrt_symbol: &[u8],
	lrt_decimals: u8,
) -> DispatchResult {
	Vaults::create_vault(
		signed(curator),
		asset,
		pallet_vaults::VaultParams {
			deposit_cap: u128::MAX,
			min_deposit: 1,
			withdrawal_delay,
			curator_fee: Perbill::zero(),
		},
		lrt_name.to_vec().try_into().expect("the name fits its bound"),
		lrt_symbol.to_vec().try_into().expect("the symbol fits its bound"),
		lrt_decimals,
	)
}

/// `curator` allocates `share` of `vault` to (`operator`, `avs`).
pub(crate) fn allocate(
	curator: K,
	vault: u32,
	operator: K,
	avs: AvsId,
	share: Perbill,
) -> DispatchResult {
	Operators::allocate(signed(curator), vault, operator.to_account_id().into(), avs, share)
}

/// An instant policy that may take everything, paid to `destination`.
pub(crate) fn instant_full_policy(
	destination: restake_primitives::SlashDestination<crate::AccountId>,
) -> pallet_slashing::PolicyOf<crate::Runtime> {
	pallet_slashing::SlashPolicy {
		veto_window: None,
		max_fraction_per_incident: Perbill::one(),
		max_fraction_per_epoch: Perbill::one(),
		cooldown: 0,
		destination,
		status: pallet_slashing::PolicyStatus::Enabled,
	}
}
