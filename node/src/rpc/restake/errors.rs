//! The error codes of the `restake_*` methods, and the conversions from what the runtime
//! answers (a failed API call, a refused preview, a missing vault or AVS) to JSON-RPC errors.

use codec::Decode;
use jsonrpsee::{
	core::RpcResult,
	types::{ErrorObject, ErrorObjectOwned},
};
use polkadot_sdk::{frame_support::traits::PalletInfoAccess, sp_runtime::DispatchError};
use restake_runtime::Runtime;

/// Error code: the vault (or AVS, or slash) does not exist.
pub const NOT_FOUND: i32 = 8001;
/// Error code: the runtime refuses the previewed call; the message names the error.
pub const REFUSED: i32 = 8002;
/// Error code: the runtime API call itself failed.
pub const RUNTIME_ERROR: i32 = 8000;

/// Parses a decimal `u128` amount, or an invalid-params error.
pub(super) fn amount(s: &str) -> RpcResult<u128> {
	s.parse::<u128>().map_err(|_| {
		ErrorObject::owned(
			jsonrpsee::types::error::INVALID_PARAMS_CODE,
			format!("`{s}` is not an amount: pass a decimal string of a u128"),
			None::<()>,
		)
	})
}

/// A failed runtime API call.
pub(crate) fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, format!("runtime API call failed: {e}"), None::<()>)
}

/// The name of a restaking pallet error, e.g. `vaults.BelowMinimumDeposit`.
fn dispatch_error_name(e: &DispatchError) -> String {
	let DispatchError::Module(m) = e else { return format!("{e:?}") };
	let index = m.index as usize;
	let bytes = &m.error[..];
	let named = |pallet: &str, name: Option<&'static str>| {
		name.map_or_else(|| format!("{pallet}.{:?}", m.error), |n| format!("{pallet}.{n}"))
	};
	if index == restake_runtime::Vaults::index() {
		named("vaults", pallet_vaults::Error::<Runtime>::decode(&mut &*bytes).ok().map(Into::into))
	} else if index == restake_runtime::Operators::index() {
		named(
			"operators",
			pallet_operators::Error::<Runtime>::decode(&mut &*bytes).ok().map(Into::into),
		)
	} else {
		format!("{e:?}")
	}
}

/// A refused preview: `NOT_FOUND` for a missing entry, `REFUSED` otherwise, with the error's name.
pub(super) fn refused(e: DispatchError) -> ErrorObjectOwned {
	let name = dispatch_error_name(&e);
	let code = if name.ends_with("NotFound") { NOT_FOUND } else { REFUSED };
	ErrorObject::owned(code, name, None::<()>)
}

/// No vault `vault`.
pub(super) fn vault_not_found(vault: u32) -> ErrorObjectOwned {
	ErrorObject::owned(NOT_FOUND, format!("vaults.VaultNotFound: no vault {vault}"), None::<()>)
}

/// No AVS `avs`.
pub(super) fn avs_not_found(avs: u32) -> ErrorObjectOwned {
	ErrorObject::owned(NOT_FOUND, format!("operators.AvsNotFound: no AVS {avs}"), None::<()>)
}
