//! Parsing of what users type: amounts, percentages, accounts, assets, hashes and signers.
//!
//! Every parser returns a `Result<_, String>` with a message that says what was expected, so
//! clap shows it next to the argument's name (`error: invalid value '5' for '<FRACTION>': …`)
//! instead of a panic or a SCALE error from the node.

use std::{
	str::FromStr,
	sync::atomic::{AtomicBool, Ordering},
};
use subxt::utils::{AccountId32, H256};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The six funded development accounts, by the name `--as` takes.
pub const DEV_ACCOUNTS: [&str; 6] = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];

/// The secret URI of a development account (`alice` → `//Alice`), if `name` is one.
pub fn dev_suri(name: &str) -> Option<String> {
	let lower = name.to_ascii_lowercase();
	DEV_ACCOUNTS.contains(&lower.as_str()).then(|| {
		let mut chars = lower.chars();
		let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
		format!("//{first}{}", chars.as_str())
	})
}

/// A sr25519 key pair from a secret URI: a dev path (`//Alice`, `//Dave//stash`), a mnemonic
/// with optional derivation, or a 32-byte hex seed.
pub fn keypair(suri: &str) -> Result<Keypair, String> {
	let uri = SecretUri::from_str(suri).map_err(|e| format!("not a secret URI ({e})"))?;
	Keypair::from_uri(&uri).map_err(|e| format!("cannot derive a key from the secret URI ({e})"))
}

/// An amount in the asset's smallest unit.
///
/// Accepts a plain integer (`1000000000000000000`), `_` as digit separator (`1_000_000`), and
/// scientific notation with an integer result (`10e18`, `1.5e18`): the result must be exact.
pub fn amount(s: &str) -> Result<u128, String> {
	let clean: String = s.trim().chars().filter(|c| *c != '_').collect();
	if clean.is_empty()
		|| !clean.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E'))
	{
		return Err(format!("`{s}` is not an amount: use base units, e.g. 1000000 or 10e18"));
	}
	let (mantissa, exponent) = match clean.split_once(['e', 'E']) {
		Some((m, e)) => {
			let e: u32 = e.parse().map_err(|_| format!("`{s}`: the exponent must be 0…38"))?;
			(m, e)
		},
		None => (clean.as_str(), 0),
	};
	let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
	if int.is_empty() && frac.is_empty() {
		return Err(format!("`{s}` is not an amount"));
	}
	if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
		return Err(format!("`{s}` is not an amount: use base units, e.g. 1000000 or 10e18"));
	}
	let frac = frac.trim_end_matches('0');
	let shift = exponent
		.checked_sub(frac.len() as u32)
		.ok_or_else(|| format!("`{s}` is not a whole number of base units"))?;
	let digits = format!("{int}{frac}");
	let digits = digits.trim_start_matches('0');
	let base: u128 = if digits.is_empty() {
		0
	} else {
		digits.parse().map_err(|_| format!("`{s}` is too large (max {})", u128::MAX))?
	};
	10u128
		.checked_pow(shift)
		.and_then(|p| base.checked_mul(p))
		.ok_or_else(|| format!("`{s}` is too large (max {})", u128::MAX))
}

/// Parts per billion of a `Perbill` from `5%`, `0.5%`, `12.5%` or `50000000ppb`.
///
/// A bare number is refused: `5` could mean 5 %, 5 ppb or 500 %.
pub fn perbill(s: &str) -> Result<u32, String> {
	const BILLION: u128 = 1_000_000_000;
	let t = s.trim();
	let ppb: u128 = if let Some(pct) = t.strip_suffix('%') {
		// percent × 10^7 = ppb: parse as an amount scaled by 10^7.
		amount(&format!("{}e7", pct.trim()))
			.map_err(|_| format!("`{s}`: expected a percentage with at most 7 decimals"))?
	} else if let Some(ppb) = t.strip_suffix("ppb") {
		ppb.trim()
			.parse()
			.map_err(|_| format!("`{s}`: expected an integer before `ppb`"))?
	} else {
		return Err(format!(
			"`{s}`: write a percentage (`5%`, `0.5%`) or parts per billion (`50000000ppb`)"
		));
	};
	if ppb > BILLION {
		return Err(format!("`{s}` is more than 100%"));
	}
	Ok(ppb as u32)
}

/// Set when an account argument was a dev name or a `//URI`: those are only accepted on a
/// development or local chain, which is checked once connected ([`dev_accounts_allowed`]).
static DEV_ACCOUNT_ARGUMENT: AtomicBool = AtomicBool::new(false);

/// Whether an account argument was given as a dev name or a `//URI`.
pub fn dev_account_argument() -> bool {
	DEV_ACCOUNT_ARGUMENT.load(Ordering::Relaxed)
}

/// Whether dev names, `//URI` accounts and the `//Alice` default may be used on a chain whose
/// `system_chainType` answered `chain_type`: only `Development` and `Local` chains, where
/// they are the funded, well-known test keys.
pub fn dev_accounts_allowed(chain_type: &serde_json::Value) -> bool {
	matches!(chain_type.as_str(), Some("Development" | "Local"))
}

/// An account: a dev name (`bob`), a secret URI whose public key is meant (`//Dave//stash`),
/// `0x` and 64 hex digits, or an SS58 address of any network prefix. Dev names and URIs are
/// remembered ([`dev_account_argument`]): only a development or local chain takes them.
pub fn account(s: &str) -> Result<AccountId32, String> {
	let t = s.trim();
	if let Some(suri) = dev_suri(t) {
		DEV_ACCOUNT_ARGUMENT.store(true, Ordering::Relaxed);
		return Ok(keypair(&suri)?.public_key().into());
	}
	if t.starts_with("//") {
		DEV_ACCOUNT_ARGUMENT.store(true, Ordering::Relaxed);
		return Ok(keypair(t)?.public_key().into());
	}
	if let Some(hex) = t.strip_prefix("0x") {
		let bytes = hex::decode(hex).map_err(|e| format!("`{s}`: bad hex ({e})"))?;
		let raw: [u8; 32] = bytes
			.try_into()
			.map_err(|_| format!("`{s}`: an account id is 32 bytes (64 hex digits)"))?;
		return Ok(AccountId32(raw));
	}
	AccountId32::from_str(t).map_err(|_| {
		format!(
			"`{s}` is not an account: use an SS58 address, 0x + 64 hex digits, a dev name ({}) or //Uri",
			DEV_ACCOUNTS.join(", ")
		)
	})
}

/// The asset of a vault, stream or bounty: `native` (the chain's token, also `RSTK`) or the
/// numeric `pallet-assets` id of an LST (`1` is stETH on the dev chain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
	/// The native token.
	Native,
	/// A `pallet-assets` asset.
	Id(u32),
}

impl FromStr for Asset {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, String> {
		let t = s.trim();
		if t.eq_ignore_ascii_case("native") || t.eq_ignore_ascii_case("rstk") {
			return Ok(Asset::Native);
		}
		t.parse().map(Asset::Id).map_err(|_| {
			format!("`{s}` is not an asset: use `native` or a numeric asset id (1 = stETH on dev)")
		})
	}
}

/// LRT shares to withdraw or move: a number of base units, or `all` the signer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shares {
	/// Everything the signer holds in the vault.
	All,
	/// This many base units.
	Exact(u128),
}

impl FromStr for Shares {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, String> {
		if s.trim().eq_ignore_ascii_case("all") {
			Ok(Shares::All)
		} else {
			amount(s).map(Shares::Exact).map_err(|e| format!("{e}, or `all`"))
		}
	}
}

/// A comma-separated list of ids, as an argument (`--vaults 0,2`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdList(pub Vec<u32>);

impl FromStr for IdList {
	type Err = String;
	fn from_str(s: &str) -> Result<Self, String> {
		id_list(s).map(IdList)
	}
}

/// A 32-byte hash given as `0x` and 64 hex digits.
pub fn h256(s: &str) -> Result<H256, String> {
	let hex = s.trim().strip_prefix("0x").unwrap_or(s.trim());
	let bytes = hex::decode(hex).map_err(|e| format!("`{s}`: bad hex ({e})"))?;
	let raw: [u8; 32] = bytes
		.try_into()
		.map_err(|_| format!("`{s}`: expected 32 bytes (0x + 64 hex digits)"))?;
	Ok(H256(raw))
}

/// A comma-separated list of ids (`0,2,5`); empty means none.
pub fn id_list(s: &str) -> Result<Vec<u32>, String> {
	s.split(',')
		.map(str::trim)
		.filter(|p| !p.is_empty())
		.map(|p| p.parse().map_err(|_| format!("`{p}` in `{s}` is not a numeric id")))
		.collect()
}

/// The signer's secret URI, and whether it is a dev key (`--as`, or the `//Alice` default)
/// that only a development or local chain accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
	/// The secret URI.
	pub suri: String,
	/// Chosen by `--as` or by default: a well-known dev key.
	pub dev: bool,
}

/// The environment variable with the signer's secret URI, used without `--suri`/`--as`.
pub const SURI_ENV: &str = "RESTAKE_SURI";

/// The signer: `--as <dev name>` wins, then `--suri`, then the first line of `--suri-file`,
/// then `$RESTAKE_SURI` (`env`), then the dev default `//Alice`.
pub fn signer(
	suri: Option<&str>,
	suri_file: Option<&str>,
	as_dev: Option<&str>,
	env: Option<String>,
) -> Result<Signer, String> {
	if let Some(name) = as_dev {
		let suri = dev_suri(name).ok_or_else(|| {
			format!("`--as {name}`: not a dev account (one of {})", DEV_ACCOUNTS.join(", "))
		})?;
		return Ok(Signer { suri, dev: true });
	}
	let explicit = |suri: String| Ok(Signer { suri, dev: false });
	match (suri, suri_file) {
		(Some(_), Some(_)) => Err("give --suri or --suri-file, not both".to_string()),
		(Some(suri), None) => explicit(suri.to_string()),
		(None, Some(path)) => {
			let text = std::fs::read_to_string(path)
				.map_err(|e| format!("--suri-file {path}: cannot read it ({e})"))?;
			let line = text.lines().next().unwrap_or_default().trim();
			if line.is_empty() {
				return Err(format!("--suri-file {path}: the first line is empty"));
			}
			explicit(line.to_string())
		},
		(None, None) => match env.filter(|s| !s.trim().is_empty()) {
			Some(suri) => explicit(suri.trim().to_string()),
			None => Ok(Signer { suri: "//Alice".to_string(), dev: true }),
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_accept_integers_separators_and_exact_scientific_notation() {
		assert_eq!(amount("0"), Ok(0));
		assert_eq!(amount("1000000"), Ok(1_000_000));
		assert_eq!(amount("1_000_000"), Ok(1_000_000));
		assert_eq!(amount("10e18"), Ok(10 * 10u128.pow(18)));
		assert_eq!(amount("1.5e18"), Ok(15 * 10u128.pow(17)));
		assert_eq!(amount("1.50E3"), Ok(1500));
		assert_eq!(amount(&u128::MAX.to_string()), Ok(u128::MAX));
	}

	#[test]
	fn amounts_refuse_fractions_garbage_and_overflow() {
		assert!(amount("1.5").unwrap_err().contains("whole number"));
		assert!(amount("1.25e1").is_err());
		assert!(amount("-1").is_err());
		assert!(amount("ten").unwrap_err().contains("not an amount"), "not read as 't' e 'n'");
		assert!(amount("1e").unwrap_err().contains("exponent"));
		assert!(amount("1.2.3").is_err());
		assert!(amount("e5").is_err());
		assert!(amount("").is_err());
		assert!(amount("1e39").unwrap_err().contains("too large"));
		assert!(amount("340282366920938463463374607431768211456")
			.unwrap_err()
			.contains("too large"));
	}

	#[test]
	fn perbill_takes_percentages_and_ppb_only() {
		assert_eq!(perbill("5%"), Ok(50_000_000));
		assert_eq!(perbill("0.5%"), Ok(5_000_000));
		assert_eq!(perbill("100%"), Ok(1_000_000_000));
		assert_eq!(perbill("0%"), Ok(0));
		assert_eq!(perbill("12.3456789%"), Ok(123_456_789));
		assert_eq!(perbill("50000000ppb"), Ok(50_000_000));
		assert!(perbill("5").unwrap_err().contains("percentage"));
		assert!(perbill("101%").unwrap_err().contains("more than 100%"));
		assert!(perbill("0.000000001%").is_err(), "finer than 1 ppb");
		assert!(perbill("abc%").is_err());
	}

	#[test]
	fn accounts_from_dev_names_uris_hex_and_ss58_agree() {
		let alice = account("alice").unwrap();
		assert_eq!(account("Alice").unwrap(), alice);
		assert_eq!(account("//Alice").unwrap(), alice);
		// Alice's well-known public key.
		let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(account(hex).unwrap(), alice);
		assert_eq!(account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(), alice);
		assert_ne!(account("//Dave//stash").unwrap(), account("dave").unwrap());
	}

	#[test]
	fn bad_accounts_say_what_is_accepted() {
		assert!(account("mallory").unwrap_err().contains("dev name"));
		assert!(account("0x1234").unwrap_err().contains("32 bytes"));
		assert!(account("0xzz").unwrap_err().contains("bad hex"));
	}

	#[test]
	fn assets_are_native_or_numeric() {
		assert_eq!("native".parse::<Asset>(), Ok(Asset::Native));
		assert_eq!("RSTK".parse::<Asset>(), Ok(Asset::Native));
		assert_eq!("1".parse::<Asset>(), Ok(Asset::Id(1)));
		assert!("stETH".parse::<Asset>().unwrap_err().contains("numeric asset id"));
	}

	#[test]
	fn hashes_lists_and_signers() {
		assert_eq!(h256(&format!("0x{}", "cd".repeat(32))).unwrap().0, [0xcd; 32]);
		assert!(h256("0xcd").is_err());
		assert_eq!(id_list("0, 2,5"), Ok(vec![0, 2, 5]));
		assert_eq!(id_list(""), Ok(vec![]));
		assert!(id_list("0,x").is_err());
		assert!(keypair("not a uri at all with spaces").is_err());
	}

	#[test]
	fn the_signer_comes_from_as_suri_a_file_the_environment_or_the_dev_default() {
		let dev = |suri: &str| Ok(Signer { suri: suri.into(), dev: true });
		let given = |suri: &str| Ok(Signer { suri: suri.into(), dev: false });
		let env = || Some("//Env".to_string());
		assert_eq!(signer(Some("//Bob//stash"), None, Some("EVE"), env()), dev("//Eve"));
		assert!(signer(None, None, Some("mallory"), None).is_err());
		assert_eq!(signer(Some("//Bob//stash"), None, None, env()), given("//Bob//stash"));
		assert_eq!(signer(None, None, None, env()), given("//Env"));
		assert_eq!(signer(None, None, None, Some(" ".into())), dev("//Alice"));
		assert_eq!(signer(None, None, None, None), dev("//Alice"));
		let path = std::env::temp_dir().join(format!("restake-suri-{}", std::process::id()));
		std::fs::write(&path, "//Charlie//stash\nignored\n").unwrap();
		let file = path.to_str().unwrap();
		assert_eq!(signer(None, Some(file), None, env()), given("//Charlie//stash"));
		assert!(signer(Some("//Bob"), Some(file), None, None).unwrap_err().contains("not both"));
		std::fs::write(&path, "\n").unwrap();
		assert!(signer(None, Some(file), None, None).unwrap_err().contains("empty"));
		std::fs::remove_file(&path).unwrap();
		assert!(signer(None, Some(file), None, None).unwrap_err().contains("cannot read"));
	}

	#[test]
	fn dev_accounts_are_for_development_and_local_chains_only() {
		use serde_json::json;
		assert!(dev_accounts_allowed(&json!("Development")));
		assert!(dev_accounts_allowed(&json!("Local")));
		assert!(!dev_accounts_allowed(&json!("Live")));
		assert!(!dev_accounts_allowed(&json!({ "Custom": "Local" })));
		assert!(!dev_accounts_allowed(&json!(null)));
		// A dev name or URI as an account argument is remembered for that check.
		account("//Ferdie//stash").unwrap();
		assert!(dev_account_argument());
	}

	#[test]
	fn shares_are_an_amount_or_all() {
		assert_eq!("all".parse::<Shares>(), Ok(Shares::All));
		assert_eq!("ALL".parse::<Shares>(), Ok(Shares::All));
		assert_eq!("1e21".parse::<Shares>(), Ok(Shares::Exact(10u128.pow(21))));
		assert!("half".parse::<Shares>().unwrap_err().contains("or `all`"));
		assert_eq!("3,4".parse::<IdList>(), Ok(IdList(vec![3, 4])));
	}
}
