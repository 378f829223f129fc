//! `restake restaker …`: holders of LRT. Deposit into a vault, withdraw (request, cancel,
//! claim), move LRT, claim LRT² rewards, and see what an account holds and is owed.

use crate::{
	args::{self, IdList, Shares},
	chain::{Chain, Report},
	ctx::{lrt_balance, Ctx},
	error::CliError,
	runtime::{api, BoundedVec},
};
use clap::{Args, Subcommand};
use serde_json::{json, Value as Json};
use subxt::utils::{AccountId32, MultiAddress};

/// Restaker commands.
#[derive(Debug, Args)]
pub struct Restaker {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Deposit the vault's asset and receive its LRT at the current rate (vaults.deposit).
	Deposit {
		/// The vault.
		vault: u32,
		/// Amount of the vault's asset in base units (`10e18` = 10 stETH, `1e12` = 1 RSTK).
		#[arg(value_parser = args::amount)]
		amount: u128,
	},
	/// Leave a vault: request a withdrawal, cancel one, or claim those that unlocked.
	Withdraw {
		#[command(subcommand)]
		command: Withdraw,
	},
	/// Move LRT to another account (vaults.transfer_shares: rewards accrued so far stay
	/// with the sender; plain asset transfers of LRT are refused by the chain).
	Transfer {
		/// The vault whose LRT moves.
		vault: u32,
		/// The recipient: SS58 address, 0x account id, dev name or //URI.
		#[arg(value_parser = args::account)]
		to: AccountId32,
		/// LRT shares in base units, or `all`.
		shares: Shares,
	},
	/// Claim every LRT² reward owed (lrt2.claim), or with `--vaults` settle only those vaults
	/// first (lrt2.claim_from, cheaper for a holder of one vault).
	Claim {
		/// Vaults to settle before paying, comma-separated (`0,2`).
		#[arg(long)]
		vaults: Option<IdList>,
	},
	/// What an account holds and is owed: LRT per vault with its value, queued withdrawals,
	/// pending rewards and points (runtime APIs vaultsApi and lrt2Api).
	Status {
		/// The account (default: the signer).
		#[arg(long, value_parser = args::account)]
		who: Option<AccountId32>,
	},
}

#[derive(Debug, Subcommand)]
enum Withdraw {
	/// Burn LRT for a withdrawal that unlocks after the vault's delay
	/// (vaults.request_withdrawal). Slashable and earning nothing until claimed.
	Request {
		/// The vault.
		vault: u32,
		/// LRT shares in base units, or `all`.
		shares: Shares,
	},
	/// Cancel a queued withdrawal: its value comes back as LRT (vaults.cancel_withdrawal).
	Cancel {
		/// The vault.
		vault: u32,
		/// The request's position in the list `restaker status` shows (oldest first).
		index: u32,
		/// Its unlock block, which must match (a claim may have moved the list).
		unlock_at: u32,
	},
	/// Pay out every unlocked withdrawal of `--owner` in the vault (vaults.claim_withdrawals;
	/// anyone may claim for anyone, the funds go to the owner).
	Claim {
		/// The vault.
		vault: u32,
		/// Whose withdrawals (default: the signer).
		#[arg(long, value_parser = args::account)]
		owner: Option<AccountId32>,
	},
}

impl Restaker {
	/// Runs the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Report, CliError> {
		let tx = api::tx();
		match self.command {
			Command::Deposit { vault, amount } => {
				ctx.send(
					"Vaults.deposit",
					tx.vaults().deposit(vault, amount),
					Some(("Vaults", "Deposited")),
				)
				.await
			},
			Command::Withdraw { command: Withdraw::Request { vault, shares } } => {
				let shares = resolve_shares(ctx, vault, shares).await?;
				ctx.send(
					"Vaults.request_withdrawal",
					tx.vaults().request_withdrawal(vault, shares),
					Some(("Vaults", "WithdrawalRequested")),
				)
				.await
			},
			Command::Withdraw { command: Withdraw::Cancel { vault, index, unlock_at } } => {
				ctx.send(
					"Vaults.cancel_withdrawal",
					tx.vaults().cancel_withdrawal(vault, index, unlock_at),
					Some(("Vaults", "WithdrawalCancelled")),
				)
				.await
			},
			Command::Withdraw { command: Withdraw::Claim { vault, owner } } => {
				let owner = owner.unwrap_or_else(|| ctx.me());
				ctx.send(
					"Vaults.claim_withdrawals",
					tx.vaults().claim_withdrawals(vault, owner.into()),
					Some(("Vaults", "WithdrawalsClaimed")),
				)
				.await
			},
			Command::Transfer { vault, to, shares } => {
				let shares = resolve_shares(ctx, vault, shares).await?;
				ctx.send(
					"Vaults.transfer_shares",
					tx.vaults().transfer_shares(vault, MultiAddress::Id(to), shares),
					Some(("Vaults", "SharesTransferred")),
				)
				.await
			},
			Command::Claim { vaults: None } => {
				ctx.send("Lrt2.claim", tx.lrt2().claim(), Some(("Lrt2", "Claimed"))).await
			},
			Command::Claim { vaults: Some(IdList(vaults)) } => {
				ctx.send(
					"Lrt2.claim_from",
					tx.lrt2().claim_from(BoundedVec(vaults)),
					Some(("Lrt2", "Claimed")),
				)
				.await
			},
			Command::Status { who } => status(ctx, who.unwrap_or_else(|| ctx.me())).await,
		}
	}
}

/// `all` becomes the signer's LRT balance in the vault (an error if it is zero).
async fn resolve_shares(ctx: &Ctx, vault: u32, shares: Shares) -> Result<u128, CliError> {
	match shares {
		Shares::Exact(n) => Ok(n),
		Shares::All => {
			let at = ctx.best().await?;
			match lrt_balance(&at, vault, &ctx.me()).await? {
				(_, 0) => Err(CliError::Usage(format!("the signer holds no LRT of vault {vault}"))),
				(_, n) => Ok(n),
			}
		},
	}
}

/// `[[a, b], …]` as `[{first: a, second: b}, …]`; anything else unchanged.
fn pairs_to_objects(list: Json, first: &str, second: &str) -> Json {
	match list {
		Json::Array(items) => Json::Array(
			items
				.into_iter()
				.map(|item| match item {
					Json::Array(mut pair) if pair.len() == 2 => {
						let b = pair.pop().unwrap_or_default();
						let a = pair.pop().unwrap_or_default();
						json!({ first: a, second: b })
					},
					other => other,
				})
				.collect(),
		),
		other => other,
	}
}

/// The account's LRT, queued withdrawals, pending rewards and points, at the best block.
async fn status(ctx: &Ctx, who: AccountId32) -> Result<Report, CliError> {
	let at = ctx.best().await?;
	let mut vaults = Vec::new();
	let mut stored = at
		.storage()
		.iter(api::storage().vaults().vaults(), ())
		.await
		.map_err(|e| CliError::client("listing vaults", e))?;
	let mut ids = Vec::new();
	while let Some(entry) = stored.next().await {
		let entry = entry.map_err(|e| CliError::client("listing vaults", e))?;
		let (id,) = entry
			.key()
			.and_then(|k| k.decode())
			.map_err(|e| CliError::client("decoding a vault id", e))?;
		ids.push(id);
	}
	ids.sort_unstable();
	for vault in ids {
		let (lrt, shares) = lrt_balance(&at, vault, &who).await?;
		let pending = ctx
			.chain
			.runtime_api(&at, "VaultsApi", "pending_withdrawals", (vault, &who))
			.await?;
		let queued = pending.as_array().is_some_and(|p| !p.is_empty());
		if shares == 0 && !queued {
			continue;
		}
		let value = if shares == 0 {
			json!("0")
		} else {
			// What the shares would queue for withdrawal now: their value in the vault's asset.
			match ctx
				.chain
				.runtime_api(&at, "VaultsApi", "preview_withdraw", (vault, shares))
				.await?
			{
				Json::Object(r) if r.contains_key("Ok") => r["Ok"].clone(),
				other => json!({ "unavailable": other }),
			}
		};
		vaults.push(json!({
			"vault": vault,
			"lrt": lrt,
			"shares": shares.to_string(),
			"value": value,
			"pending_withdrawals": pending,
		}));
	}
	let rewards = ctx.chain.runtime_api(&at, "Lrt2Api", "pending_rewards", &who).await?;
	let points = ctx.chain.runtime_api(&at, "Lrt2Api", "points", &who).await?;
	// Both are lists of pairs: name their parts.
	let rewards = pairs_to_objects(rewards, "source", "amount");
	let points = pairs_to_objects(points, "programme", "points");
	Ok(Report::data(json!({
		"account": Chain::address(&at, &who),
		"block_number": at.block_number(),
		"vaults": vaults,
		"pending_rewards": rewards,
		"points": points,
	})))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn reward_and_point_pairs_get_named_parts() {
		let rewards = json!([[{ "Avs": { "avs": 2 } }, "2700"], "odd"]);
		assert_eq!(
			pairs_to_objects(rewards, "source", "amount"),
			json!([{ "source": { "Avs": { "avs": 2 } }, "amount": "2700" }, "odd"])
		);
		assert_eq!(pairs_to_objects(json!(null), "a", "b"), json!(null));
	}
}
