//! `restake chain …`: where the chain is, and waiting for a block (for scripts that must let
//! a delay pass, e.g. an allocation or a withdrawal unlocking).

use crate::{
	chain::{hex_hash, Chain, Report},
	error::CliError,
};
use clap::{Args, Subcommand};
use serde_json::json;
use std::time::Duration;

/// Chain commands (no signer needed).
#[derive(Debug, Args)]
pub struct Blocks {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// The best and the finalized block, the runtime's version, and whether `restake` was
	/// built from this runtime's metadata.
	Head,
	/// Wait until the best block reaches a number.
	Wait {
		/// The block number to reach.
		#[arg(long, conflicts_with = "blocks", required_unless_present = "blocks")]
		until: Option<u64>,
		/// Or: this many blocks from now.
		#[arg(long)]
		blocks: Option<u64>,
		/// Give up after this many seconds.
		#[arg(long, default_value_t = 600)]
		timeout: u64,
	},
}

impl Blocks {
	/// Runs the command.
	pub async fn run(self, chain: &Chain) -> Result<Report, CliError> {
		match self.command {
			Command::Head => {
				let (best, best_hash) = chain.head(true).await?;
				let (finalized, finalized_hash) = chain.head(false).await?;
				let at = chain.best().await?;
				let client = subxt::Metadata::decode_from(crate::runtime::METADATA)
					.map_err(|e| CliError::client("decoding the built-in metadata", e))?;
				let current = client.hasher().hash() == at.metadata_ref().hasher().hash();
				Ok(Report::data(json!({
					"best": best,
					"best_hash": hex_hash(&best_hash),
					"finalized": finalized,
					"finalized_hash": hex_hash(&finalized_hash),
					"spec_version": at.spec_version(),
					// Whether `restake` was built from this runtime's metadata (if not, calls
					// whose arguments changed are refused before signing).
					"client_metadata_current": current,
				})))
			},
			Command::Wait { until, blocks, timeout } => {
				let target = match (until, blocks) {
					(Some(n), _) => n,
					(None, Some(k)) => chain.head(true).await?.0.saturating_add(k),
					(None, None) => return Err(CliError::Usage("--until or --blocks".into())),
				};
				let reached = chain.wait_for_block(target, Duration::from_secs(timeout)).await?;
				Ok(Report::data(json!({ "target": target, "best": reached })))
			},
		}
	}
}
