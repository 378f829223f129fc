//! # restake
//!
//! A command-line client for the Restake chain, one subcommand per actor:
//!
//! - `restaker`: deposit, withdraw (request / cancel / claim), transfer LRT, claim rewards,
//!   status;
//! - `curator`: create a vault, allow AVSs, allocate, fee, limits, pause, reward, status;
//! - `operator`: register, opt in / out, commission, vault allowlist, deregister, status;
//! - `avs`: register, accept assets, slashing policy, approve / eject operators, fund reward
//!   streams, request / execute slashes, status;
//! - `resolver`: veto a slash, list pending slashes;
//! - `chain`: head, wait for a block.
//!
//! Every transaction is signed with `--suri`, `--suri-file` or `$RESTAKE_SURI`, or a dev
//! account (`--as bob`, default `//Alice`; dev accounts only on a Development or Local
//! chain), sent to `--url` (default `ws://127.0.0.1:9944`, or `$RESTAKE_URL`), and reported
//! with its events once in a finalized block (`--wait in-block` is faster). `--json` prints
//! one JSON object per command on stdout. Exit codes: 0 success, 1 the chain refused the
//! transaction (the pallet error's name is printed, e.g. `vaults.ZeroAmount`), 2 bad
//! arguments, 3 the node could not be reached or used, 4 the transaction was in a best block
//! but its finality was not observed.
//!
//! The client is generated at compile time from `clients/metadata/restake.scale` with subxt
//! (see [`runtime`]); it does not depend on the runtime crate.

mod args;
mod avs;
mod blocks;
mod chain;
mod ctx;
mod curator;
mod error;
mod json;
mod operator;
mod resolver;
mod restaker;
mod runtime;

use chain::{Chain, Report, Wait};
use clap::{Parser, Subcommand};
use ctx::Ctx;
use error::CliError;
use std::process::ExitCode;

/// The default node: a local `restake-node --dev`.
const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// restake: drive the Restake chain from a shell, as a restaker, curator, operator, AVS or
/// resolver.
#[derive(Debug, Parser)]
#[command(
	name = "restake",
	version,
	after_help = "Amounts are in base units (10e18 = 10 stETH, 1e12 = 1 RSTK); shares of a \
	              vault's stake and commissions are percentages (5%, 0.5%). Accounts are SS58 \
	              addresses, 0x account ids, dev names (alice … ferdie) or //URIs.\n\
	              Dev names, //URIs, --as and the //Alice default are only accepted on a \
	              Development or Local chain.\n\
	              Exit codes: 0 ok, 1 refused by the chain, 2 bad arguments, 3 node \
	              unreachable or incompatible, 4 included in a block but finality not \
	              observed (do not retry blindly). See docs/use-cli.md."
)]
struct Cli {
	/// The node's WebSocket RPC endpoint [default: $RESTAKE_URL or ws://127.0.0.1:9944].
	#[arg(long, global = true)]
	url: Option<String>,
	/// The signer's secret URI: a dev path (//Alice, //Dave//stash), a mnemonic, or a hex seed
	/// [default: $RESTAKE_SURI, else //Alice on a Development or Local chain]. Visible to
	/// other users of the machine: prefer --suri-file or $RESTAKE_SURI for real keys.
	#[arg(long, global = true, value_name = "URI")]
	suri: Option<String>,
	/// Read the signer's secret URI from the first line of this file.
	#[arg(long, global = true, value_name = "PATH")]
	suri_file: Option<String>,
	/// Sign as a dev account (Development or Local chains only) instead of --suri.
	#[arg(long = "as", global = true, value_name = "DEV", value_parser = clap::builder::PossibleValuesParser::new(args::DEV_ACCOUNTS))]
	as_dev: Option<String>,
	/// Print one JSON object (events, block hash, decoded result) instead of text.
	#[arg(long, global = true)]
	json: bool,
	/// Print only the value at PATH of the JSON report, strings without quotes
	/// (`--get result.vault`, `--get events.0.name`): for shell variables.
	#[arg(long, global = true, value_name = "PATH")]
	get: Option<String>,
	/// When a transaction counts as done.
	#[arg(long, global = true, value_enum, default_value_t = Wait::Finalized)]
	wait: Wait,
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Hold LRT: deposit, withdraw, transfer, claim rewards, status.
	Restaker(restaker::Restaker),
	/// Curate a vault: create it, allow AVSs, allocate its stake, fee and limits.
	Curator(curator::Curator),
	/// Run an operator: register, opt in and out of AVSs, commission, status.
	Operator(operator::Operator),
	/// Run an AVS: register, slashing policy, reward streams, slash requests, status.
	Avs(avs::Avs),
	/// Resolve an AVS's slashes: veto, list pending ones.
	Resolver(resolver::Resolver),
	/// The chain's head; wait for a block.
	Chain(blocks::Blocks),
}

impl Cli {
	/// The endpoint: `--url`, else `$RESTAKE_URL`, else the local dev node.
	fn url(&self) -> String {
		self.url
			.clone()
			.or_else(|| std::env::var("RESTAKE_URL").ok().filter(|u| !u.is_empty()))
			.unwrap_or_else(|| DEFAULT_URL.to_string())
	}

	async fn run(self) -> Result<Report, CliError> {
		let url = self.url();
		let env = std::env::var(args::SURI_ENV).ok();
		let signer = args::signer(
			self.suri.as_deref(),
			self.suri_file.as_deref(),
			self.as_dev.as_deref(),
			env,
		)
		.map_err(CliError::Usage)?;
		match self.command {
			Command::Chain(cmd) => cmd.run(&Chain::connect(&url).await?).await,
			Command::Restaker(cmd) => cmd.run(&Ctx::new(&url, &signer, self.wait).await?).await,
			Command::Curator(cmd) => cmd.run(&Ctx::new(&url, &signer, self.wait).await?).await,
			Command::Operator(cmd) => cmd.run(&Ctx::new(&url, &signer, self.wait).await?).await,
			Command::Avs(cmd) => cmd.run(&Ctx::new(&url, &signer, self.wait).await?).await,
			Command::Resolver(cmd) => cmd.run(&Ctx::new(&url, &signer, self.wait).await?).await,
		}
	}
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let (json, get) = (cli.json, cli.get.clone());
	match cli.run().await {
		Ok(report) => {
			if let Some(path) = get {
				match json::pick(&report.json, &path) {
					Some(value) => println!("{}", json::bare(value)),
					None if report.failure.is_none() => {
						eprintln!("error: the report has no `{path}`:\n{}", report.json);
						return ExitCode::from(2);
					},
					None => {},
				}
			} else if json {
				println!("{}", report.json);
			} else {
				print!("{}", report.human);
			}
			match report.failure {
				Some(e) => {
					eprintln!("error: {e}");
					ExitCode::from(e.exit_code())
				},
				None => ExitCode::SUCCESS,
			}
		},
		Err(e) => {
			if json && get.is_none() {
				println!("{}", serde_json::json!({ "success": false, "error": e.to_string() }));
			}
			eprintln!("error: {e}");
			ExitCode::from(e.exit_code())
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::CommandFactory;

	fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
		Cli::try_parse_from(std::iter::once("restake").chain(args.iter().copied()))
	}

	#[test]
	fn the_command_tree_is_consistent() {
		Cli::command().debug_assert();
	}

	#[test]
	fn global_options_go_before_or_after_the_subcommand() {
		let cli = parse(&["restaker", "deposit", "0", "10e18", "--as", "bob", "--json"]).unwrap();
		assert!(cli.json);
		assert_eq!(cli.as_dev.as_deref(), Some("bob"));
		assert_eq!(cli.wait, Wait::Finalized);
		let cli = parse(&["--url", "ws://x:1", "--wait", "in-block", "chain", "head"]).unwrap();
		assert_eq!(cli.url(), "ws://x:1");
		assert_eq!(cli.wait, Wait::InBlock);
		let cli = parse(&["--get", "result.vault", "curator", "status", "0"]).unwrap();
		assert_eq!(cli.get.as_deref(), Some("result.vault"));
	}

	#[test]
	fn bad_arguments_are_usage_errors_with_the_reason() {
		let err = parse(&["restaker", "deposit", "0", "ten"]).unwrap_err();
		assert_eq!(err.exit_code(), 2);
		assert!(err.to_string().contains("not an amount"), "{err}");
		let err = parse(&["curator", "allocate", "0", "bob", "1", "50"]).unwrap_err();
		assert!(err.to_string().contains("percentage"), "{err}");
		let err = parse(&["avs", "policy", "0", "--max-per-incident", "5%"]).unwrap_err();
		assert!(err.to_string().contains("--veto-window"), "a policy needs a kind: {err}");
		let err = parse(&[
			"avs",
			"policy",
			"0",
			"--instant",
			"--veto-window",
			"3",
			"--max-per-incident",
			"5%",
		])
		.unwrap_err();
		assert!(err.to_string().contains("cannot be used with"), "{err}");
		assert!(parse(&["restaker", "deposit", "0", "1", "--as", "mallory"]).is_err());
		assert!(parse(&["operator", "allowlist"]).is_err(), "--vaults or --any");
		assert!(parse(&["restaker"]).is_err(), "a subcommand is required");
	}

	#[test]
	fn every_actor_has_its_documented_subcommands() {
		let cli = Cli::command();
		let names = |actor: &str| -> Vec<String> {
			cli.find_subcommand(actor)
				.map(|c| c.get_subcommands().map(|s| s.get_name().to_string()).collect())
				.unwrap_or_default()
		};
		for (actor, expected) in [
			("restaker", &["deposit", "withdraw", "transfer", "claim", "status"][..]),
			("curator", &["create-vault", "allow-avs", "allocate", "settle", "poke", "status"][..]),
			("operator", &["register", "opt-in", "opt-out", "commission", "status"][..]),
			(
				"avs",
				&["register", "accept-asset", "policy", "fund-stream", "request-slash", "status"][..],
			),
			("resolver", &["veto", "pending"][..]),
			("chain", &["head", "wait"][..]),
		] {
			let have = names(actor);
			for cmd in expected {
				assert!(have.iter().any(|h| h == cmd), "{actor} {cmd} missing from {have:?}");
			}
		}
	}

	#[test]
	fn the_url_falls_back_to_the_local_dev_node() {
		let cli = parse(&["chain", "head"]).unwrap();
		// RESTAKE_URL may be set by whoever runs the tests: only check the flag wins.
		let with_flag = parse(&["chain", "head", "--url", "ws://y:2"]).unwrap();
		assert_eq!(with_flag.url(), "ws://y:2");
		if std::env::var("RESTAKE_URL").is_err() {
			assert_eq!(cli.url(), DEFAULT_URL);
		}
	}
}
