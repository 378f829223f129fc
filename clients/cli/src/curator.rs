//! `restake curator …`: vault curators. Create a vault and its LRT, choose the AVSs its stake
//! may back, allocate it to (operator, AVS) pairs, and set its fee, limits and pause state.

use crate::{
	args::{self, Asset},
	chain::Report,
	ctx::{bounded_text, Ctx},
	error::CliError,
	runtime::{api, api::runtime_types::pallet_vaults::types::VaultParams, Perbill},
};
use clap::{Args, Subcommand};
use codec::Decode;
use serde_json::json;
use subxt::utils::AccountId32;

/// Curator commands.
#[derive(Debug, Args)]
pub struct Curator {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Create a vault for an asset, with its LRT; the signer becomes its curator
	/// (vaults.create_vault; holds the vault deposit).
	CreateVault {
		/// The vault's asset: `native` or an asset id (1 = stETH on the dev chain).
		#[arg(long)]
		asset: Asset,
		/// The LRT's name, e.g. "Restaked stETH".
		#[arg(long)]
		name: String,
		/// The LRT's symbol, e.g. rstETH.
		#[arg(long)]
		symbol: String,
		/// The LRT's decimals (default: the asset's decimals + log10 of the virtual shares,
		/// so that 1 LRT ≈ 1 asset).
		#[arg(long)]
		decimals: Option<u8>,
		/// Blocks between a withdrawal request and its claim (at least the chain's minimum).
		#[arg(long, default_value_t = 20)]
		withdrawal_delay: u32,
		/// Share of the vault's own rewards that goes to the curator (`10%`).
		#[arg(long, value_parser = args::perbill, default_value = "0%")]
		fee: u32,
		/// Most active assets the vault accepts, in base units (default: no cap).
		#[arg(long, value_parser = args::amount)]
		deposit_cap: Option<u128>,
		/// Smallest deposit accepted, in base units.
		#[arg(long, value_parser = args::amount, default_value = "1")]
		min_deposit: u128,
	},
	/// Let the vault's stake back an AVS, from the block the event names (vaults.allow_avs:
	/// after the withdrawal delay plus the chain's risk delay, so holders can leave first).
	AllowAvs {
		/// The vault.
		vault: u32,
		/// The AVS.
		avs: u32,
	},
	/// Stop backing an AVS: every allocation to it winds down (vaults.disallow_avs).
	DisallowAvs {
		/// The vault.
		vault: u32,
		/// The AVS.
		avs: u32,
	},
	/// Allocate a share of the vault's stake to an (operator, AVS) pair; `0%` winds it down
	/// (operators.allocate; an increase counts after the allocation delay).
	Allocate {
		/// The vault.
		vault: u32,
		/// The operator: SS58 address, 0x account id, dev name or //URI.
		#[arg(value_parser = args::account)]
		operator: AccountId32,
		/// The AVS.
		avs: u32,
		/// Share of the vault's stake (`50%`).
		#[arg(value_parser = args::perbill)]
		share: u32,
	},
	/// Apply an allocation change that fell due (operators.settle_allocation; anyone).
	Settle {
		/// The vault.
		vault: u32,
		/// The operator.
		#[arg(value_parser = args::account)]
		operator: AccountId32,
		/// The AVS.
		avs: u32,
	},
	/// Bring the vault's LRT² rewards up to date and re-weigh its allocations
	/// (lrt2.poke; anyone). An allocation that fell due without a call earns from the
	/// vault's next sync: poke it once the allocation's `effective_at` has passed.
	Poke {
		/// The vault.
		vault: u32,
	},
	/// Change the curator fee (vaults.set_curator_fee; an increase waits so holders can leave).
	SetFee {
		/// The vault.
		vault: u32,
		/// The new fee (`5%`).
		#[arg(value_parser = args::perbill)]
		fee: u32,
	},
	/// Set the deposit cap and minimum deposit (vaults.set_limits).
	SetLimits {
		/// The vault.
		vault: u32,
		/// Most active assets accepted, in base units.
		#[arg(long, value_parser = args::amount)]
		deposit_cap: u128,
		/// Smallest deposit, in base units.
		#[arg(long, value_parser = args::amount)]
		min_deposit: u128,
	},
	/// Pause deposits (vaults.set_paused; withdrawals are never paused).
	Pause {
		/// The vault.
		vault: u32,
	},
	/// Resume deposits (vaults.set_paused).
	Resume {
		/// The vault.
		vault: u32,
	},
	/// Reward the vault's holders in any listed asset (lrt2.reward_vault; released over the
	/// chain's reward window).
	Reward {
		/// The vault.
		vault: u32,
		/// The reward asset: `native` or an asset id.
		asset: Asset,
		/// Amount in base units.
		#[arg(value_parser = args::amount)]
		amount: u128,
	},
	/// A vault, its exchange rate and whether a slash is pending against it.
	Status {
		/// The vault.
		vault: u32,
	},
}

impl Curator {
	/// Runs the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Report, CliError> {
		let tx = api::tx();
		match self.command {
			Command::CreateVault {
				asset,
				name,
				symbol,
				decimals,
				withdrawal_delay,
				fee,
				deposit_cap,
				min_deposit,
			} => {
				let at = ctx.best().await?;
				let name = bounded_text(&at, "Vaults", "StringLimit", "--name", &name)?;
				let symbol = bounded_text(&at, "Vaults", "StringLimit", "--symbol", &symbol)?;
				let decimals = match decimals {
					Some(d) => d,
					None => default_lrt_decimals(ctx, &at, asset).await?,
				};
				let params = VaultParams {
					deposit_cap: deposit_cap.unwrap_or(u128::MAX),
					min_deposit,
					withdrawal_delay,
					curator_fee: Perbill(fee),
				};
				ctx.send(
					"Vaults.create_vault",
					tx.vaults().create_vault(asset.into(), params, name, symbol, decimals),
					Some(("Vaults", "VaultCreated")),
				)
				.await
			},
			Command::AllowAvs { vault, avs } => {
				ctx.send(
					"Vaults.allow_avs",
					tx.vaults().allow_avs(vault, avs),
					Some(("Vaults", "AvsAllowed")),
				)
				.await
			},
			Command::DisallowAvs { vault, avs } => {
				ctx.send(
					"Vaults.disallow_avs",
					tx.vaults().disallow_avs(vault, avs),
					Some(("Vaults", "AvsDisallowed")),
				)
				.await
			},
			Command::Allocate { vault, operator, avs, share } => {
				ctx.send(
					"Operators.allocate",
					tx.operators().allocate(vault, operator.into(), avs, Perbill(share)),
					Some(("Operators", "AllocationScheduled")),
				)
				.await
			},
			Command::Settle { vault, operator, avs } => {
				ctx.send(
					"Operators.settle_allocation",
					tx.operators().settle_allocation(vault, operator.into(), avs),
					Some(("Operators", "AllocationSettled")),
				)
				.await
			},
			Command::Poke { vault } => ctx.send("Lrt2.poke", tx.lrt2().poke(vault), None).await,
			Command::SetFee { vault, fee } => {
				ctx.send(
					"Vaults.set_curator_fee",
					tx.vaults().set_curator_fee(vault, Perbill(fee)),
					None,
				)
				.await
			},
			Command::SetLimits { vault, deposit_cap, min_deposit } => {
				ctx.send(
					"Vaults.set_limits",
					tx.vaults().set_limits(vault, deposit_cap, min_deposit),
					Some(("Vaults", "LimitsUpdated")),
				)
				.await
			},
			Command::Pause { vault } => {
				ctx.send(
					"Vaults.set_paused",
					tx.vaults().set_paused(vault, true),
					Some(("Vaults", "VaultPaused")),
				)
				.await
			},
			Command::Resume { vault } => {
				ctx.send(
					"Vaults.set_paused",
					tx.vaults().set_paused(vault, false),
					Some(("Vaults", "VaultResumed")),
				)
				.await
			},
			Command::Reward { vault, asset, amount } => {
				ctx.send(
					"Lrt2.reward_vault",
					tx.lrt2().reward_vault(vault, asset.into(), amount),
					Some(("Lrt2", "VaultRewarded")),
				)
				.await
			},
			Command::Status { vault } => {
				let at = ctx.best().await?;
				let stored = ctx.chain.runtime_api(&at, "VaultsApi", "vault", vault).await?;
				if stored.is_null() {
					return Err(CliError::Usage(format!("there is no vault {vault}")));
				}
				let rate = ctx.chain.runtime_api(&at, "VaultsApi", "exchange_rate", vault).await?;
				let held = ctx
					.chain
					.runtime_api(&at, "SlashingApi", "vault_has_pending_slash", vault)
					.await?;
				Ok(Report::data(json!({
					"vault": vault,
					"block_number": at.block_number(),
					"state": stored,
					"exchange_rate": rate,
					"pending_slash": held,
				})))
			},
		}
	}
}

/// The asset's decimals plus log10 of the chain's virtual shares (1 LRT ≈ 1 asset).
async fn default_lrt_decimals(
	ctx: &Ctx,
	at: &crate::chain::AtBlock,
	asset: Asset,
) -> Result<u8, CliError> {
	let asset_decimals = match asset {
		Asset::Native => ctx.chain.token_decimals().await?,
		Asset::Id(id) => at
			.storage()
			.try_fetch(api::storage().assets().metadata(), (id,))
			.await
			.map_err(|e| CliError::client(&format!("reading asset {id}"), e))?
			.map(|m| m.decode().map(|m| m.decimals))
			.transpose()
			.map_err(|e| CliError::client(&format!("decoding asset {id}"), e))?
			.ok_or_else(|| {
				CliError::Usage(format!("asset {id} has no metadata; pass --decimals"))
			})?,
	};
	let virtual_shares = at
		.metadata_ref()
		.pallet_by_name("Vaults")
		.and_then(|p| p.constant_by_name("VirtualShares"))
		.and_then(|c| u128::decode(&mut c.value()).ok())
		.unwrap_or(1);
	let extra = virtual_shares.checked_ilog10().unwrap_or(0);
	u8::try_from(u32::from(asset_decimals) + extra).map_err(|_| {
		CliError::Usage("the LRT would have more than 255 decimals; pass --decimals".into())
	})
}
