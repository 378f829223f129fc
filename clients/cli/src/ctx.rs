//! What every command gets: the connected chain, the signer and how long to wait, and the
//! small helpers the actors share (bounded texts, LRT balances, the signer's account).

use crate::{
	args,
	chain::{AtBlock, Chain, Report, Wait},
	error::CliError,
	runtime::{api, BoundedVec},
};
use codec::Decode;
use subxt::{transactions::Payload, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

/// A command's context.
pub struct Ctx {
	/// The node.
	pub chain: Chain,
	/// Who signs (`--suri` / `--as`).
	pub signer: Keypair,
	/// When a transaction counts as done (`--wait`).
	pub wait: Wait,
}

impl Ctx {
	/// Parses the signer first (a bad `--suri` needs no node), then connects. A dev signer
	/// (`--as`, the `//Alice` default) or a dev name / `//URI` among the account arguments
	/// is refused unless the node's chain type is `Development` or `Local`.
	pub async fn new(url: &str, signer: &args::Signer, wait: Wait) -> Result<Self, CliError> {
		let keys =
			args::keypair(&signer.suri).map_err(|e| CliError::Usage(format!("--suri: {e}")))?;
		let chain = Chain::connect(url).await?;
		if signer.dev || args::dev_account_argument() {
			let chain_type = chain.chain_type().await?;
			if !args::dev_accounts_allowed(&chain_type) {
				let what = if signer.dev {
					"the dev signer (--as or the //Alice default)"
				} else {
					"a dev account name or //URI argument"
				};
				return Err(CliError::Usage(format!(
					"{what} is only accepted on a Development or Local chain; this one is \
					 {chain_type}: give accounts as SS58 addresses or 0x ids, and the signer \
					 with --suri, --suri-file or ${}",
					args::SURI_ENV
				)));
			}
		}
		Ok(Ctx { chain, signer: keys, wait })
	}

	/// The signer's account id.
	pub fn me(&self) -> AccountId32 {
		self.signer.public_key().into()
	}

	/// Submits `call` signed by the signer; see [`Chain::submit`].
	pub async fn send<C: Payload>(
		&self,
		label: &str,
		call: C,
		primary: Option<(&str, &str)>,
	) -> Result<Report, CliError> {
		self.chain.submit(label, &call, &self.signer, self.wait, primary).await
	}

	/// The best block, for reads.
	pub async fn best(&self) -> Result<AtBlock, CliError> {
		self.chain.best().await
	}
}

/// `text` as the bounded byte string a call takes, checked against the length limit the
/// node's runtime declares as constant `pallet::constant` (e.g. `Vaults::StringLimit`).
pub fn bounded_text(
	at: &AtBlock,
	pallet: &str,
	constant: &str,
	what: &str,
	text: &str,
) -> Result<BoundedVec<u8>, CliError> {
	let limit = at
		.metadata_ref()
		.pallet_by_name(pallet)
		.and_then(|p| p.constant_by_name(constant))
		.and_then(|c| u32::decode(&mut c.value()).ok());
	if let Some(limit) = limit {
		if text.len() > limit as usize {
			return Err(CliError::Usage(format!(
				"{what} is {} bytes long; the chain takes at most {limit} ({pallet}::{constant})",
				text.len()
			)));
		}
	}
	Ok(BoundedVec(text.as_bytes().to_vec()))
}

/// The vault's LRT asset id and `who`'s LRT shares in it.
pub async fn lrt_balance(
	at: &AtBlock,
	vault: u32,
	who: &AccountId32,
) -> Result<(u32, u128), CliError> {
	let stored = at
		.storage()
		.try_fetch(api::storage().vaults().vaults(), (vault,))
		.await
		.map_err(|e| CliError::client(&format!("reading vault {vault}"), e))?
		.ok_or_else(|| CliError::Usage(format!("there is no vault {vault}")))?
		.decode()
		.map_err(|e| CliError::client(&format!("decoding vault {vault}"), e))?;
	let shares = at
		.storage()
		.try_fetch(api::storage().assets().account(), (stored.lrt, *who))
		.await
		.map_err(|e| CliError::client(&format!("reading LRT {}", stored.lrt), e))?
		.map(|v| v.decode().map(|a| a.balance))
		.transpose()
		.map_err(|e| CliError::client(&format!("decoding LRT {}", stored.lrt), e))?
		.unwrap_or(0);
	Ok((stored.lrt, shares))
}
