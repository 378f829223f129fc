//! Restake node: Aura block authoring, GRANDPA finality and the restaking runtime's RPC; on
//! development chains, optional on-demand sealing (`--sealing`).

// Every Substrate node entry point returns the upstream `sc_cli::Error`/`sc_service::Error`,
// which are large; boxing them here would only add noise.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod monitoring;
mod rpc;
mod sealing;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
