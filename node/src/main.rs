//! Restake node: Aura block authoring, GRANDPA finality and the restaking runtime's RPC.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
