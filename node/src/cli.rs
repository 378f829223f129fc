//! Command-line interface of `restake-node`.

#[cfg(feature = "runtime-benchmarks")]
use polkadot_sdk::frame_benchmarking_cli;
use polkadot_sdk::sc_cli;

/// The node's subcommands, in addition to running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	///
	/// Deprecated upstream in favour of `export-chain-spec`, kept because zombienet builds
	/// its specs with `build-spec --chain <chain> [--raw] --disable-default-bootnode`.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a built-in or file-based chain (`--raw` for raw).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Sub-commands concerned with benchmarking (needs the `runtime-benchmarks` feature).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// `restake-node` and its options.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// The subcommand to run; none runs the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the node itself.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// How blocks are produced: `aura` (default: a block every 3 s slot, GRANDPA finality),
	/// `instant` (a block per transaction), `manual` (a block per `engine_createBlock` call)
	/// or a number of milliseconds (a block at that interval). Every mode but `aura` finalizes
	/// each block at once, serves `engine_createBlock`/`engine_finalizeBlock`, and needs a
	/// development chain (`--dev`).
	#[arg(long, value_name = "MODE", default_value = "aura")]
	pub sealing: crate::sealing::Sealing,
}
