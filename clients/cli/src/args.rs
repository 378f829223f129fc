//! Parsing of what users type: amounts, percentages, accounts, assets, hashes and signers.
//!
//! Every parser returns a `Result<_, String>` with a message that says what was expected, so
//! clap shows it next to the argument's name (`error: invalid value '5' for '<FRACTION>': …`)
//! instead of a panic or a SCALE error from the node.

use std::str::FromStr;
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

/// An account: a dev name (`bob`), a secret URI whose public key is meant (`//Dave//stash`),
/// `0x` and 64 hex digits, or an SS58 address of any network prefix.
pub fn account(s: &str) -> Result<AccountId32, String> {
	let t = s.trim();
	if let Some(suri) = dev_suri(t) {
		return Ok(keypair(&suri)?.public_key().into());
	}
	if t.starts_with("//") {
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

/// The signer: `--as <dev name>` wins over `--suri`.
pub fn signer_suri(suri: &str, as_dev: Option<&str>) -> Result<String, String> {
	match as_dev {
		Some(name) => dev_suri(name).ok_or_else(|| {
			format!("`--as {name}`: not a dev account (one of {})", DEV_ACCOUNTS.join(", "))
		}),
		None => Ok(suri.to_string()),
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
		assert_eq!(signer_suri("//Alice", Some("EVE")), Ok("//Eve".into()));
		assert_eq!(signer_suri("//Bob//stash", None), Ok("//Bob//stash".into()));
		assert!(signer_suri("//Alice", Some("mallory")).is_err());
		assert!(keypair("not a uri at all with spaces").is_err());
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
