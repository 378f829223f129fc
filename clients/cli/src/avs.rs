//! `restake avs …`: Actively Validated Services. Register, accept assets, set the slashing
//! policy, approve or eject operators, fund reward streams and request slashes (as the
//! AVS's slasher), and see an AVS's state.

use crate::{
	args::{self, Asset},
	chain::Report,
	ctx::{bounded_text, Ctx},
	error::CliError,
	runtime::{
		api,
		api::runtime_types::{
			pallet_slashing::types::{PolicyStatus, SlashPolicy},
			restake_primitives::ids::SlashDestination,
		},
		Perbill,
	},
};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use subxt::utils::{AccountId32, H256};

/// AVS commands.
#[derive(Debug, Args)]
pub struct Avs {
	#[command(subcommand)]
	command: Command,
}

/// Whether an AVS's slashing is live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Status {
	/// Requests execute (at once or after the veto window).
	Enabled,
	/// Requests are recorded but never executed (a dry run).
	LogOnly,
	/// Requests are refused.
	Disabled,
}

/// Where slashed funds go: `burn` or an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
	/// Destroyed.
	Burn,
	/// Paid to this account (after the escrow delay).
	Account(AccountId32),
}

impl std::str::FromStr for Destination {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, String> {
		if s.trim().eq_ignore_ascii_case("burn") {
			Ok(Destination::Burn)
		} else {
			args::account(s)
				.map(Destination::Account)
				.map_err(|e| format!("`burn` or an account: {e}"))
		}
	}
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Register an AVS; the signer becomes its owner (operators.register_avs; holds the AVS
	/// deposit).
	Register {
		/// The AVS's name.
		#[arg(long)]
		name: String,
		/// Where to learn about it.
		#[arg(long, default_value = "")]
		uri: String,
		/// Operators need the owner's approval to opt in.
		#[arg(long)]
		requires_approval: bool,
		/// Who may request slashes (default: the signer).
		#[arg(long, value_parser = args::account)]
		slasher: Option<AccountId32>,
		/// Who may veto them (required by veto policies).
		#[arg(long, value_parser = args::account)]
		resolver: Option<AccountId32>,
	},
	/// Accept an asset's stake with a weight, or stop accepting it
	/// (operators.set_accepted_asset). Streams pay stake in accepted assets only.
	AcceptAsset {
		/// The AVS.
		avs: u32,
		/// `native` or an asset id.
		asset: Asset,
		/// Weight of the asset's stake (`100%`).
		#[arg(long, value_parser = args::perbill, default_value = "100%", conflicts_with = "remove")]
		weight: u32,
		/// Stop accepting the asset.
		#[arg(long)]
		remove: bool,
	},
	/// Set the slashing policy (slashing.set_policy). A riskier policy (the first one too) is
	/// scheduled and applies after the chain's policy delay: see the event's `effective_at`.
	Policy {
		/// The AVS.
		avs: u32,
		/// Blocks the resolver may veto a request for (needs a resolver).
		#[arg(long, conflicts_with = "instant", required_unless_present = "instant")]
		veto_window: Option<u32>,
		/// Requests execute at once (no veto).
		#[arg(long)]
		instant: bool,
		/// Largest fraction of an allocation one request may take (`50%`).
		#[arg(long, value_parser = args::perbill)]
		max_per_incident: u32,
		/// Largest total fraction per epoch (default: the per-incident cap).
		#[arg(long, value_parser = args::perbill)]
		max_per_epoch: Option<u32>,
		/// Blocks between two requests against one operator.
		#[arg(long, default_value_t = 0)]
		cooldown: u32,
		/// Where slashed funds go: `burn` or an account.
		#[arg(long, default_value = "burn")]
		destination: Destination,
		/// Whether slashing is live.
		#[arg(long, value_enum, default_value_t = Status::Enabled)]
		status: Status,
	},
	/// Put a scheduled policy in force once due (slashing.apply_policy; anyone).
	ApplyPolicy {
		/// The AVS.
		avs: u32,
	},
	/// Approve an operator waiting to opt in (operators.approve_operator).
	Approve {
		/// The AVS.
		avs: u32,
		/// The operator.
		#[arg(value_parser = args::account)]
		operator: AccountId32,
	},
	/// Remove an operator; its allocations wind down and stay slashable
	/// (operators.eject_operator).
	Eject {
		/// The AVS.
		avs: u32,
		/// The operator.
		#[arg(value_parser = args::account)]
		operator: AccountId32,
	},
	/// Fund a reward stream: the amount is paid evenly over `--blocks` to the stake allocated
	/// to the AVS, operator commission first (lrt2.fund_stream; owner only).
	FundStream {
		/// The AVS.
		avs: u32,
		/// The reward asset: `native` or an asset id.
		asset: Asset,
		/// Amount in base units (`100e18`).
		#[arg(value_parser = args::amount)]
		amount: u128,
		/// Duration in blocks.
		#[arg(long)]
		blocks: u32,
	},
	/// Request a slash of an operator (slashing.request_slash; the AVS's slasher). It captures
	/// the stake slashable now; with a veto policy the resolver may veto it.
	RequestSlash {
		/// The AVS.
		avs: u32,
		/// The operator.
		#[arg(value_parser = args::account)]
		operator: AccountId32,
		/// Fraction of the captured stake (`5%`).
		#[arg(value_parser = args::perbill)]
		fraction: u32,
		/// Hash of the evidence kept off-chain (0x + 64 hex digits).
		#[arg(long, value_parser = args::h256, default_value = "0x0000000000000000000000000000000000000000000000000000000000000000")]
		evidence: H256,
		/// Why, in words.
		#[arg(long, default_value = "")]
		reason: String,
	},
	/// Execute a slash whose veto window passed (slashing.execute_slash; anyone).
	ExecuteSlash {
		/// The slash request.
		id: u32,
	},
	/// An AVS: record, roles and lifecycle, weighted stake, policy and pending slashes
	/// (runtime APIs operatorsApi and slashingApi).
	Status {
		/// The AVS.
		avs: u32,
	},
}

impl Avs {
	/// Runs the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Report, CliError> {
		let tx = api::tx();
		match self.command {
			Command::Register { name, uri, requires_approval, slasher, resolver } => {
				let at = ctx.best().await?;
				let name = bounded_text(&at, "Operators", "StringLimit", "--name", &name)?;
				let uri = bounded_text(&at, "Operators", "StringLimit", "--uri", &uri)?;
				let slasher = slasher.unwrap_or_else(|| ctx.me());
				ctx.send(
					"Operators.register_avs",
					tx.operators().register_avs(
						name,
						uri,
						requires_approval,
						slasher.into(),
						resolver.map(Into::into),
					),
					Some(("Operators", "AvsRegistered")),
				)
				.await
			},
			Command::AcceptAsset { avs, asset, weight, remove } => {
				let weight = (!remove).then_some(Perbill(weight));
				ctx.send(
					"Operators.set_accepted_asset",
					tx.operators().set_accepted_asset(avs, asset.into(), weight),
					Some(("Operators", "AcceptedAssetSet")),
				)
				.await
			},
			Command::Policy {
				avs,
				veto_window,
				instant: _,
				max_per_incident,
				max_per_epoch,
				cooldown,
				destination,
				status,
			} => {
				let policy = SlashPolicy {
					veto_window,
					max_fraction_per_incident: Perbill(max_per_incident),
					max_fraction_per_epoch: Perbill(max_per_epoch.unwrap_or(max_per_incident)),
					cooldown,
					destination: match destination {
						Destination::Burn => SlashDestination::Burn,
						Destination::Account(a) => SlashDestination::Account(a),
					},
					status: match status {
						Status::Enabled => PolicyStatus::Enabled,
						Status::LogOnly => PolicyStatus::LogOnly,
						Status::Disabled => PolicyStatus::Disabled,
					},
				};
				let mut report = ctx
					.send("Slashing.set_policy", tx.slashing().set_policy(avs, policy), None)
					.await?;
				// Either event is the result: in force now, or scheduled.
				report.json["result"] = report.json["events"]
					.as_array()
					.into_iter()
					.flatten()
					.find(|e| {
						e["name"] == "Slashing.PolicySet"
							|| e["name"] == "Slashing.PolicyChangeScheduled"
					})
					.map(|e| json!({ "event": e["name"], "fields": e["fields"] }))
					.unwrap_or_default();
				report.human = crate::chain::human_report(&report.json);
				Ok(report)
			},
			Command::ApplyPolicy { avs } => {
				ctx.send(
					"Slashing.apply_policy",
					tx.slashing().apply_policy(avs),
					Some(("Slashing", "PolicySet")),
				)
				.await
			},
			Command::Approve { avs, operator } => {
				ctx.send(
					"Operators.approve_operator",
					tx.operators().approve_operator(avs, operator.into()),
					Some(("Operators", "OperatorOptedIn")),
				)
				.await
			},
			Command::Eject { avs, operator } => {
				ctx.send(
					"Operators.eject_operator",
					tx.operators().eject_operator(avs, operator.into()),
					Some(("Operators", "OperatorEjected")),
				)
				.await
			},
			Command::FundStream { avs, asset, amount, blocks } => {
				ctx.send(
					"Lrt2.fund_stream",
					tx.lrt2().fund_stream(avs, asset.into(), amount, blocks),
					Some(("Lrt2", "StreamFunded")),
				)
				.await
			},
			Command::RequestSlash { avs, operator, fraction, evidence, reason } => {
				let at = ctx.best().await?;
				let reason = bounded_text(&at, "Slashing", "ReasonLimit", "--reason", &reason)?;
				ctx.send(
					"Slashing.request_slash",
					tx.slashing().request_slash(
						avs,
						operator.into(),
						Perbill(fraction),
						evidence,
						reason,
					),
					Some(("Slashing", "SlashRequested")),
				)
				.await
			},
			Command::ExecuteSlash { id } => {
				ctx.send(
					"Slashing.execute_slash",
					tx.slashing().execute_slash(id),
					Some(("Slashing", "SlashExecuted")),
				)
				.await
			},
			Command::Status { avs } => {
				let at = ctx.best().await?;
				let record = ctx.chain.runtime_api(&at, "OperatorsApi", "avs", avs).await?;
				if record.is_null() {
					return Err(CliError::Usage(format!("there is no AVS {avs}")));
				}
				let state = ctx.chain.runtime_api(&at, "OperatorsApi", "avs_state", avs).await?;
				let stake =
					ctx.chain.runtime_api(&at, "OperatorsApi", "avs_weighted_stake", avs).await?;
				let policy = ctx.chain.runtime_api(&at, "SlashingApi", "policy", avs).await?;
				let pending = ctx.chain.pending_slashes(&at, Some(avs)).await?;
				Ok(Report::data(json!({
					"avs": avs,
					"block_number": at.block_number(),
					"record": record,
					"state": state,
					"weighted_stake": stake,
					"policy": policy,
					"pending_slashes": pending,
				})))
			},
		}
	}
}
