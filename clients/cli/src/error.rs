//! The errors `restake` reports, and the exit code of each.

use std::fmt;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum CliError {
	/// The chain refused the transaction: its dispatch failed (`error` is the pallet error's
	/// name, e.g. `vaults.ZeroAmount`) or the pool rejected it (bad nonce, fees). Exit code 1.
	Refused {
		/// The error's name, or the pool's reason.
		error: String,
		/// The error's documentation from the metadata, if any.
		docs: String,
	},
	/// An argument is fine for the parser but not for this chain (e.g. an unknown vault).
	/// Exit code 2, like clap's own usage errors.
	Usage(String),
	/// The node could not be reached, or answered something `restake` cannot use
	/// (a different runtime, an RPC error). Exit code 3.
	Client(String),
	/// The transaction executed in a best block, but its finality was not observed (the pool
	/// stopped following it first, e.g. finality lagging). Do not blindly retry. Exit code 4.
	Unfinalized(String),
}

impl CliError {
	/// The process exit code: 1 refused by the chain, 2 bad usage, 3 client or connection,
	/// 4 included in a block whose finality was not observed.
	pub fn exit_code(&self) -> u8 {
		match self {
			CliError::Refused { .. } => 1,
			CliError::Usage(_) => 2,
			CliError::Client(_) => 3,
			CliError::Unfinalized(_) => 4,
		}
	}

	/// A client error with context: `client("reading vault 2", e)`.
	pub fn client(context: &str, e: impl fmt::Display) -> Self {
		CliError::Client(format!("{context}: {e}"))
	}
}

impl fmt::Display for CliError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			CliError::Refused { error, docs } if docs.is_empty() => write!(f, "refused: {error}"),
			CliError::Refused { error, docs } => write!(f, "refused: {error} ({docs})"),
			CliError::Usage(msg) => write!(f, "{msg}"),
			CliError::Client(msg) | CliError::Unfinalized(msg) => write!(f, "{msg}"),
		}
	}
}

impl std::error::Error for CliError {}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_kind_of_failure_has_its_exit_code_and_message() {
		let refused = CliError::Refused { error: "vaults.ZeroAmount".into(), docs: String::new() };
		assert_eq!(
			(refused.exit_code(), refused.to_string()),
			(1, "refused: vaults.ZeroAmount".into())
		);
		let documented = CliError::Refused {
			error: "vaults.ZeroAmount".into(),
			docs: "An amount is zero.".into(),
		};
		assert_eq!(documented.to_string(), "refused: vaults.ZeroAmount (An amount is zero.)");
		assert_eq!(CliError::Usage("no vault 9".into()).exit_code(), 2);
		let client = CliError::client("connecting to ws://x", "refused");
		assert_eq!(
			(client.exit_code(), client.to_string()),
			(3, "connecting to ws://x: refused".into())
		);
		assert_eq!(CliError::Unfinalized("in #5".into()).exit_code(), 4);
	}
}
