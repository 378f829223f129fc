//! `restake operator …`: node operators. Register, opt in to AVSs one by one and out again,
//! set the commission and which vaults may allocate, and see where the operator stands.

use crate::{
	args::{self, IdList},
	chain::{Chain, Report},
	ctx::{bounded_text, Ctx},
	error::CliError,
	runtime::{api, BoundedVec, Perbill},
};
use clap::{Args, Subcommand};
use serde_json::{json, Value as Json};
use subxt::utils::AccountId32;

/// Operator commands.
#[derive(Debug, Args)]
pub struct Operator {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Register the signer as an operator (operators.register_operator; holds the operator
	/// deposit until `deregister`).
	Register {
		/// A name shown to curators and AVSs.
		#[arg(long)]
		name: String,
		/// Commission on the AVS rewards its stake earns (`10%`).
		#[arg(long, value_parser = args::perbill)]
		commission: u32,
	},
	/// Opt in to an AVS (operators.opt_in; waits for the owner's approval if the AVS requires
	/// it).
	OptIn {
		/// The AVS.
		avs: u32,
	},
	/// Start leaving an AVS (operators.opt_out): allocations wind down and stay slashable
	/// until the deallocation delay has passed; then `complete-opt-out`.
	OptOut {
		/// The AVS.
		avs: u32,
	},
	/// Finish an opt-out after the delay (operators.complete_opt_out; anyone).
	CompleteOptOut {
		/// The AVS.
		avs: u32,
		/// The operator (default: the signer).
		#[arg(long, value_parser = args::account)]
		operator: Option<AccountId32>,
	},
	/// Set the commission (operators.set_commission; an increase waits).
	Commission {
		/// The new commission (`5%`).
		#[arg(value_parser = args::perbill)]
		commission: u32,
	},
	/// Restrict which vaults may start or grow an allocation to the operator
	/// (operators.set_vault_allowlist).
	Allowlist {
		/// The vaults, comma-separated (`0,2`).
		#[arg(long, conflicts_with = "any", required_unless_present = "any")]
		vaults: Option<IdList>,
		/// Accept any vault (the default of a new operator).
		#[arg(long)]
		any: bool,
	},
	/// Deregister once no opt-in is left; the deposit is released
	/// (operators.deregister_operator).
	Deregister,
	/// An operator's record, opt-ins, when it can leave, and its allocations per AVS
	/// (runtime API operatorsApi).
	Status {
		/// The operator (default: the signer).
		#[arg(long, value_parser = args::account)]
		who: Option<AccountId32>,
	},
}

impl Operator {
	/// Runs the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Report, CliError> {
		let tx = api::tx();
		match self.command {
			Command::Register { name, commission } => {
				let at = ctx.best().await?;
				let name = bounded_text(&at, "Operators", "StringLimit", "--name", &name)?;
				ctx.send(
					"Operators.register_operator",
					tx.operators().register_operator(name, Perbill(commission)),
					Some(("Operators", "OperatorRegistered")),
				)
				.await
			},
			Command::OptIn { avs } => {
				ctx.send(
					"Operators.opt_in",
					tx.operators().opt_in(avs),
					Some(("Operators", "OperatorOptedIn")),
				)
				.await
			},
			Command::OptOut { avs } => {
				ctx.send(
					"Operators.opt_out",
					tx.operators().opt_out(avs),
					Some(("Operators", "OperatorOptingOut")),
				)
				.await
			},
			Command::CompleteOptOut { avs, operator } => {
				let operator = operator.unwrap_or_else(|| ctx.me());
				ctx.send(
					"Operators.complete_opt_out",
					tx.operators().complete_opt_out(operator.into(), avs),
					Some(("Operators", "OperatorOptedOut")),
				)
				.await
			},
			Command::Commission { commission } => {
				ctx.send(
					"Operators.set_commission",
					tx.operators().set_commission(Perbill(commission)),
					None,
				)
				.await
			},
			Command::Allowlist { vaults, any: _ } => {
				let list = vaults.map(|IdList(v)| BoundedVec(v));
				ctx.send(
					"Operators.set_vault_allowlist",
					tx.operators().set_vault_allowlist(list),
					Some(("Operators", "VaultAllowlistSet")),
				)
				.await
			},
			Command::Deregister => {
				ctx.send(
					"Operators.deregister_operator",
					tx.operators().deregister_operator(),
					Some(("Operators", "OperatorDeregistered")),
				)
				.await
			},
			Command::Status { who } => status(ctx, who.unwrap_or_else(|| ctx.me())).await,
		}
	}
}

/// The operator's record and lifecycle, and its allocations to each AVS it is bound to.
async fn status(ctx: &Ctx, who: AccountId32) -> Result<Report, CliError> {
	let at = ctx.best().await?;
	let record = ctx.chain.runtime_api(&at, "OperatorsApi", "operator", &who).await?;
	let state = ctx.chain.runtime_api(&at, "OperatorsApi", "operator_state", &who).await?;
	let mut allocations = serde_json::Map::new();
	// `opt_ins` is a list of [avs, status] pairs.
	for avs in state["opt_ins"].as_array().into_iter().flatten().filter_map(|p| p[0].as_u64()) {
		let avs = u32::try_from(avs).map_err(|_| CliError::Client(format!("AVS id {avs}")))?;
		let pair = ctx
			.chain
			.runtime_api(&at, "OperatorsApi", "pair_allocations", (&who, avs))
			.await?;
		allocations.insert(avs.to_string(), pair);
	}
	Ok(Report::data(json!({
		"operator": Chain::address(&at, &who),
		"block_number": at.block_number(),
		"registered": !record.is_null(),
		"record": record,
		"state": state,
		"allocations_by_avs": Json::Object(allocations),
	})))
}
