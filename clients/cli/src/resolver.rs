//! `restake resolver …`: an AVS's resolver, who may veto its slash requests within the
//! policy's veto window.

use crate::{chain::Report, ctx::Ctx, error::CliError, runtime::api};
use clap::{Args, Subcommand};
use serde_json::json;

/// Resolver commands.
#[derive(Debug, Args)]
pub struct Resolver {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Veto a pending slash request (slashing.veto_slash; the AVS's resolver, within the veto
	/// window). It takes nothing and its holds end.
	Veto {
		/// The slash request.
		id: u32,
	},
	/// Pending slash requests, optionally of one AVS (runtime API slashingApi).
	Pending {
		/// Only this AVS's requests.
		#[arg(long)]
		avs: Option<u32>,
	},
}

impl Resolver {
	/// Runs the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Report, CliError> {
		match self.command {
			Command::Veto { id } => {
				ctx.send(
					"Slashing.veto_slash",
					api::tx().slashing().veto_slash(id),
					Some(("Slashing", "SlashVetoed")),
				)
				.await
			},
			Command::Pending { avs } => {
				let at = ctx.best().await?;
				let pending = ctx.chain.pending_slashes(&at, avs).await?;
				Ok(Report::data(json!({ "block_number": at.block_number(), "pending": pending })))
			},
		}
	}
}
