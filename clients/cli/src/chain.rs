//! The connection to a node: submitting a transaction and reporting what it did, reading
//! runtime APIs and storage as JSON, following the chain's head.

use crate::{
	error::CliError,
	json::{human, ss58, ToJson},
};
use codec::{Decode, Encode};
use serde_json::{json, Value as Json};
use std::time::{Duration, Instant};
use subxt::{
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	rpcs::{client::RpcParams, RpcClient},
	transactions::{Payload, TransactionStatus},
	utils::{AccountId32, H256},
	Metadata, OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

/// The chain's configuration: a standard Substrate chain (`MultiAddress`, `MultiSignature`,
/// BLAKE2 hashes, `u32` block numbers).
pub type Config = SubstrateConfig;

/// A view of the chain at one block.
pub type AtBlock = ClientAtBlock<Config, OnlineClientAtBlockImpl<Config>>;

/// When `restake` considers a transaction done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
	/// In a best block (a few seconds; a re-organisation may still drop it).
	InBlock,
	/// In a finalized block (GRANDPA; a few seconds more).
	Finalized,
}

/// What a submitted transaction did, for printing.
pub struct Report {
	/// The machine-readable report (`--json`).
	pub json: Json,
	/// The same for people.
	pub human: String,
	/// Set when the chain refused the transaction: the command exits with its code after the
	/// report is printed.
	pub failure: Option<CliError>,
}

impl Report {
	/// A report of a read-only command (status, head): no failure.
	pub fn data(json: Json) -> Self {
		let human = human(&json);
		Report { json, human, failure: None }
	}
}

/// A connected node.
pub struct Chain {
	api: OnlineClient<Config>,
	rpc: RpcClient,
	url: String,
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`) and downloads its metadata.
	pub async fn connect(url: &str) -> Result<Self, CliError> {
		let context = || format!("cannot connect to {url} (is the node running? --url sets it)");
		let rpc = RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| CliError::client(&context(), e))?;
		let api = OnlineClient::<Config>::from_rpc_client(rpc.clone())
			.await
			.map_err(|e| CliError::client(&context(), e))?;
		Ok(Chain { api, rpc, url: url.to_string() })
	}

	/// The node's best block: what the next transaction builds on, and what status reads.
	pub async fn best(&self) -> Result<AtBlock, CliError> {
		let hash = self.hash_of("chain_getBlockHash").await?;
		self.api
			.at_block(hash)
			.await
			.map_err(|e| CliError::client("reading the best block", e))
	}

	/// The number of the best block (`best == true`) or of the last finalized one.
	pub async fn head(&self, best: bool) -> Result<(u64, H256), CliError> {
		let hash = self
			.hash_of(if best { "chain_getBlockHash" } else { "chain_getFinalizedHead" })
			.await?;
		let mut params = RpcParams::new();
		params
			.push(hex_hash(&hash))
			.map_err(|e| CliError::client("encoding a block hash", e))?;
		let header = self.request("chain_getHeader", params).await?;
		let number = header["number"]
			.as_str()
			.and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| {
				CliError::Client(format!("unexpected header from the node: {header}"))
			})?;
		Ok((number, hash))
	}

	/// Waits until the best block is at least `number`; fails after `timeout`.
	pub async fn wait_for_block(&self, number: u64, timeout: Duration) -> Result<u64, CliError> {
		let start = Instant::now();
		loop {
			let (now, _) = self.head(true).await?;
			if now >= number {
				return Ok(now);
			}
			if start.elapsed() > timeout {
				return Err(CliError::Client(format!(
					"block {number} not reached within {}s (best is {now})",
					timeout.as_secs()
				)));
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	async fn request(&self, method: &str, params: RpcParams) -> Result<Json, CliError> {
		self.rpc
			.request(method, params)
			.await
			.map_err(|e| CliError::client(&format!("{method} on {}", self.url), e))
	}

	/// A block hash returned by `method` (without parameters).
	async fn hash_of(&self, method: &str) -> Result<H256, CliError> {
		let answer = self.request(method, RpcParams::new()).await?;
		answer
			.as_str()
			.and_then(|h| crate::args::h256(h).ok())
			.ok_or_else(|| CliError::Client(format!("{method} answered {answer}, not a hash")))
	}

	/// The node's `system_chainType`: `"Development"`, `"Local"`, `"Live"` or `{"Custom": …}`.
	pub async fn chain_type(&self) -> Result<Json, CliError> {
		self.request("system_chainType", RpcParams::new()).await
	}

	/// The native token's decimals from the chain's properties (`tokenDecimals`), 12 if unset.
	pub async fn token_decimals(&self) -> Result<u8, CliError> {
		let props = self.request("system_properties", RpcParams::new()).await?;
		let decimals = match &props["tokenDecimals"] {
			Json::Array(list) => list.first().and_then(Json::as_u64),
			other => other.as_u64(),
		};
		Ok(decimals.and_then(|d| u8::try_from(d).ok()).unwrap_or(12))
	}

	/// The chain's SS58 prefix (`System::SS58Prefix`), 42 if it has none.
	pub fn ss58_prefix(at: &AtBlock) -> u16 {
		at.metadata_ref()
			.pallet_by_name("System")
			.and_then(|p| p.constant_by_name("SS58Prefix"))
			.and_then(|c| u16::decode(&mut c.value()).ok())
			.unwrap_or(42)
	}

	/// `account` as an SS58 address of this chain.
	pub fn address(at: &AtBlock, account: &AccountId32) -> String {
		ss58(&account.0, Self::ss58_prefix(at))
	}

	/// Calls runtime API `trait_name::method` with SCALE-encoded `args` and returns its result
	/// as JSON (decoded against the node's own metadata).
	pub async fn runtime_api(
		&self,
		at: &AtBlock,
		trait_name: &str,
		method: &str,
		args: impl Encode,
	) -> Result<Json, CliError> {
		let md = at.metadata_ref();
		let output = md
			.runtime_api_trait_by_name(trait_name)
			.and_then(|t| t.method_by_name(method))
			.map(|m| m.output_ty())
			.ok_or_else(|| {
				CliError::Client(format!("the node has no runtime API {trait_name}_{method}"))
			})?;
		let bytes = at
			.runtime_apis()
			.call_raw(&format!("{trait_name}_{method}"), Some(&args.encode()))
			.await
			.map_err(|e| CliError::client(&format!("calling {trait_name}_{method}"), e))?;
		ToJson::new(md.types(), Self::ss58_prefix(at))
			.decode(output, &bytes)
			.map_err(|e| CliError::client(&format!("decoding {trait_name}_{method}"), e))
	}

	/// The pending slash requests at `at`, optionally only those of one AVS (`SlashingApi`).
	pub async fn pending_slashes(&self, at: &AtBlock, avs: Option<u32>) -> Result<Json, CliError> {
		self.runtime_api(at, "SlashingApi", "pending_slashes", (avs, Option::<AccountId32>::None))
			.await
	}

	/// Signs `call` with `signer`, submits it, waits as `wait` says and reports its events.
	///
	/// `label` names the call (`Vaults.deposit`); `primary` is the event whose fields become
	/// the report's `result` (`("Vaults", "Deposited")`). A dispatch error is not an `Err`: the
	/// report carries it in `failure`, so its events and block are printed before exiting.
	pub async fn submit<C: Payload>(
		&self,
		label: &str,
		call: &C,
		signer: &Keypair,
		wait: Wait,
		primary: Option<(&str, &str)>,
	) -> Result<Report, CliError> {
		let at = self.best().await?;
		let signer_address = ss58(&signer.public_key().0, Self::ss58_prefix(&at));
		let mut progress =
			at.tx().sign_and_submit_then_watch_default(call, signer).await.map_err(|e| {
				let text = e.to_string();
				if text.contains("not compatible with the live chain") {
					CliError::Client(format!(
						"{label}: the node's runtime differs from the metadata restake was built \
						 with (rebuild restake after scripts/metadata.sh): {text}"
					))
				} else if text.contains("Invalid Transaction")
					|| text.contains("Priority is too low")
				{
					CliError::Refused {
						error: format!("invalid transaction: {text}"),
						docs: String::new(),
					}
				} else {
					CliError::client(&format!("submitting {label}"), text)
				}
			})?;
		let ext_hash = progress.extrinsic_hash();
		let mut unfinalized = None;
		// The last best block the transaction was seen in: if the pool gives up on it later
		// (finality lagging more than its horizon), that block's outcome is reported, flagged.
		let mut seen = None;
		let (included, finalized) = loop {
			let status = match progress.next().await {
				Some(Ok(TransactionStatus::InBestBlock(b))) => Seen::InBest(b),
				Some(Ok(TransactionStatus::InFinalizedBlock(b))) => Seen::Finalized(b),
				Some(Ok(
					TransactionStatus::Error { message }
					| TransactionStatus::Invalid { message }
					| TransactionStatus::Dropped { message },
				)) => Seen::Gone(message),
				Some(Ok(_)) => Seen::Other,
				Some(Err(e)) if seen.is_none() => {
					return Err(CliError::client(&format!("following {label}"), e))
				},
				Some(Err(e)) => Seen::Gone(format!("following it failed: {e}")),
				None => Seen::Gone("the node stopped reporting".to_string()),
			};
			match advance(status, wait, &mut seen) {
				Some(Outcome::Included { block, finalized }) => break (block, finalized),
				Some(Outcome::NotIncluded(message)) => {
					return Err(CliError::Refused {
						error: format!("transaction not included: {message}"),
						docs: String::new(),
					})
				},
				Some(Outcome::Unfinalized { block, reason }) => {
					unfinalized = Some(reason);
					break (block, false);
				},
				None => continue,
			}
		};
		let events = included
			.fetch_events()
			.await
			.map_err(|e| CliError::client(&format!("fetching the events of {label}"), e))?;
		let block = included
			.at()
			.await
			.map_err(|e| CliError::client(&format!("reading the block of {label}"), e))?;
		let md = block.metadata_ref();
		let conv = ToJson::new(md.types(), Self::ss58_prefix(&block));

		let mut listed = Vec::new();
		let mut result = Json::Null;
		let mut failure = None;
		for ev in events.iter() {
			let ev = ev.map_err(|e| CliError::client("decoding an event", e))?;
			let (pallet, name) = (ev.pallet_name(), ev.event_name());
			let fields = md
				.pallet_by_name(pallet)
				.and_then(|p| p.event_variant_by_index(ev.event_index()))
				.ok_or_else(|| e_missing(pallet, name))
				.and_then(|v| conv.decode_fields(&v.fields, ev.field_bytes()))
				.map_err(|e| CliError::client(&format!("decoding {pallet}.{name}"), e))?;
			if (pallet, name) == ("System", "ExtrinsicFailed") {
				let (error, docs) = dispatch_error_name(md, &fields["dispatch_error"]);
				failure = Some(CliError::Refused { error, docs });
			}
			if result.is_null() && primary == Some((pallet, name)) {
				result = fields.clone();
			}
			listed.push(json!({ "name": format!("{pallet}.{name}"), "fields": fields }));
		}
		let finality = match (&unfinalized, &failure) {
			(Some(reason), None) => {
				failure = Some(CliError::Unfinalized(format!(
					"{label} included in #{}, finality not observed ({reason}): check the \
					 chain before retrying",
					block.block_number()
				)));
				json!(format!("not observed: {reason}"))
			},
			(Some(reason), Some(_)) => json!(format!("not observed: {reason}")),
			(None, _) => Json::Null,
		};
		let (error, error_docs) = match &failure {
			Some(CliError::Refused { error, docs }) => (json!(error), json!(docs)),
			_ => (Json::Null, Json::Null),
		};
		let json = json!({
			"call": label,
			"signer": signer_address,
			"success": failure.is_none(),
			"error": error,
			"error_docs": error_docs,
			"block_hash": hex_hash(&included.block_hash()),
			"block_number": block.block_number(),
			"finalized": finalized,
			"finality": finality,
			"extrinsic_hash": hex_hash(&ext_hash),
			"result": result,
			"events": listed,
		});
		let human = human_report(&json);
		Ok(Report { json, human, failure })
	}
}

/// A transaction status as [`advance`] sees it; `B` is the block it is in.
enum Seen<B> {
	/// In a best block.
	InBest(B),
	/// In a finalized block.
	Finalized(B),
	/// The pool stopped following it (`Dropped`, `Invalid`, `Error`, end of the stream).
	Gone(String),
	/// Validated, broadcast, retracted from a best block: keep waiting.
	Other,
}

/// What a submitted transaction came to.
#[derive(Debug, PartialEq, Eq)]
enum Outcome<B> {
	/// In `block`; `finalized` if that is a finalized block.
	Included { block: B, finalized: bool },
	/// Seen in best block `block`, then the pool stopped following it (`reason`) before
	/// finality was observed: the transaction executed there, but may not be final.
	Unfinalized { block: B, reason: String },
	/// Never seen in a block: the pool refused or dropped it.
	NotIncluded(String),
}

/// One step of following a transaction: `seen` remembers the last best block it was in.
/// `None` means keep waiting. A transaction once seen in a block is never reported as not
/// included.
fn advance<B>(status: Seen<B>, wait: Wait, seen: &mut Option<B>) -> Option<Outcome<B>> {
	match status {
		Seen::InBest(block) if wait == Wait::InBlock => {
			Some(Outcome::Included { block, finalized: false })
		},
		Seen::InBest(block) => {
			*seen = Some(block);
			None
		},
		Seen::Finalized(block) => Some(Outcome::Included { block, finalized: true }),
		Seen::Gone(reason) => Some(match seen.take() {
			Some(block) => Outcome::Unfinalized { block, reason },
			None => Outcome::NotIncluded(reason),
		}),
		Seen::Other => None,
	}
}

/// `0x` and the 64 hex digits of a hash.
pub fn hex_hash(hash: &H256) -> String {
	format!("0x{}", hex::encode(hash.0))
}

fn e_missing(pallet: &str, name: &str) -> String {
	format!("the node's metadata has no event {pallet}.{name}")
}

/// `TransactionPayment` → `transactionPayment`: pallet names as polkadot.js and the project's
/// docs write them in errors (`vaults.ZeroAmount`).
pub fn lower_first(name: &str) -> String {
	let mut chars = name.chars();
	match chars.next() {
		Some(first) => first.to_lowercase().chain(chars).collect(),
		None => String::new(),
	}
}

/// The name (`vaults.ZeroAmount`, `BadOrigin`, `token.FundsUnavailable`) and documentation of
/// a dispatch error given as JSON by [`ToJson`].
pub fn dispatch_error_name(md: &Metadata, error: &Json) -> (String, String) {
	match error {
		Json::String(s) => (s.clone(), String::new()),
		Json::Object(map) if map.len() == 1 => {
			let (kind, inner) = map.iter().next().map(|(k, v)| (k.as_str(), v)).unwrap_or_default();
			if kind == "Module" {
				let pallet = inner["index"].as_u64().and_then(|i| u8::try_from(i).ok());
				let index = inner["error"]
					.as_str()
					.and_then(|h| hex::decode(h.trim_start_matches("0x")).ok())
					.and_then(|b| b.first().copied());
				if let (Some(pallet), Some(index)) = (pallet, index) {
					if let Some(p) = md.pallet_by_error_index(pallet) {
						if let Some(v) = p.error_variant_by_index(index) {
							let name = format!("{}.{}", lower_first(p.name()), v.name);
							return (name, v.docs.join(" ").trim().to_string());
						}
					}
				}
				return (format!("module error {inner}"), String::new());
			}
			match inner {
				Json::String(s) => (format!("{}.{s}", lower_first(kind)), String::new()),
				other => (format!("{}.{other}", lower_first(kind)), String::new()),
			}
		},
		other => (other.to_string(), String::new()),
	}
}

/// The human form of a transaction report: one line for the outcome, the result, the events.
pub fn human_report(json: &Json) -> String {
	let status = if json["success"] == json!(true) {
		"ok".to_string()
	} else {
		format!("FAILED: {}", json["error"].as_str().unwrap_or("unknown error"))
	};
	let mut out = format!(
		"{} {} in block #{} ({}){}\n",
		json["call"].as_str().unwrap_or_default(),
		status,
		json["block_number"],
		json["block_hash"].as_str().unwrap_or_default(),
		if json["finalized"] == json!(true) { ", finalized" } else { "" },
	);
	if let Some(finality) = json["finality"].as_str() {
		out.push_str(&format!("  finality {finality}\n"));
	}
	if let Some(docs) = json["error_docs"].as_str().filter(|d| !d.is_empty()) {
		out.push_str(&format!("  {docs}\n"));
	}
	if !json["result"].is_null() {
		for line in human(&json["result"]).lines() {
			out.push_str(&format!("  {line}\n"));
		}
	}
	let names: Vec<&str> = json["events"]
		.as_array()
		.map(|evs| evs.iter().filter_map(|e| e["name"].as_str()).collect())
		.unwrap_or_default();
	out.push_str(&format!("  events: {}\n", names.join(", ")));
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pallet_names_are_written_as_in_polkadot_js() {
		assert_eq!(lower_first("Vaults"), "vaults");
		assert_eq!(lower_first("TransactionPayment"), "transactionPayment");
		assert_eq!(lower_first(""), "");
	}

	/// The metadata `restake` is compiled from, as the node would serve it.
	fn metadata() -> Metadata {
		Metadata::decode_from(crate::runtime::METADATA)
			.expect("clients/metadata/restake.scale decodes")
	}

	#[test]
	fn module_errors_are_named_after_their_pallet_and_variant() {
		let md = metadata();
		let vaults = md.pallet_by_name("Vaults").expect("a Vaults pallet");
		let zero = vaults
			.error_variants()
			.and_then(|v| v.iter().find(|e| e.name == "ZeroAmount"))
			.expect("vaults.ZeroAmount exists");
		let error = json!({ "Module": {
			"index": vaults.error_index(),
			"error": format!("0x{:02x}000000", zero.index),
		}});
		let (name, docs) = dispatch_error_name(&md, &error);
		assert_eq!(name, "vaults.ZeroAmount");
		assert!(!docs.is_empty(), "the error's documentation comes with it");
		assert_eq!(dispatch_error_name(&md, &json!("BadOrigin")).0, "BadOrigin");
		assert_eq!(
			dispatch_error_name(&md, &json!({ "Token": "FundsUnavailable" })).0,
			"token.FundsUnavailable"
		);
		let unknown = json!({ "Module": { "index": 250, "error": "0x00000000" } });
		assert!(dispatch_error_name(&md, &unknown).0.starts_with("module error"));
	}

	#[test]
	fn a_failed_report_reads_as_one_line_with_the_error_and_its_docs() {
		let report = json!({
			"call": "Vaults.deposit",
			"success": false,
			"error": "vaults.ZeroAmount",
			"error_docs": "An amount is zero.",
			"block_number": 12,
			"block_hash": "0xab",
			"finalized": true,
			"result": null,
			"events": [{ "name": "System.ExtrinsicFailed" }],
		});
		assert_eq!(
			human_report(&report),
			"Vaults.deposit FAILED: vaults.ZeroAmount in block #12 (0xab), finalized\n  An amount is zero.\n  events: System.ExtrinsicFailed\n"
		);
	}

	#[test]
	fn a_transaction_seen_in_a_block_is_never_reported_as_not_included() {
		let mut seen = None;
		// Under --wait finalized, a best block is remembered, not the end.
		assert_eq!(advance(Seen::InBest(7), Wait::Finalized, &mut seen), None);
		assert_eq!(advance(Seen::Other, Wait::Finalized, &mut seen), None);
		assert_eq!(advance(Seen::InBest(8), Wait::Finalized, &mut seen), None);
		// Finality lags past the pool's horizon: the pool drops it; block 8 is reported.
		assert_eq!(
			advance(Seen::Gone("FinalityTimeout".into()), Wait::Finalized, &mut seen),
			Some(Outcome::Unfinalized { block: 8, reason: "FinalityTimeout".into() })
		);
		// Dropped before any block: refused.
		let mut none = None::<u32>;
		assert_eq!(
			advance(Seen::Gone("Usurped".into()), Wait::Finalized, &mut none),
			Some(Outcome::NotIncluded("Usurped".into()))
		);
		let mut seen = None;
		assert_eq!(advance(Seen::InBest(3), Wait::Finalized, &mut seen), None);
		assert_eq!(
			advance(Seen::Finalized(3), Wait::Finalized, &mut seen),
			Some(Outcome::Included { block: 3, finalized: true })
		);
		assert_eq!(
			advance(Seen::InBest(5), Wait::InBlock, &mut None),
			Some(Outcome::Included { block: 5, finalized: false })
		);
	}

	#[test]
	fn an_unfinalized_report_says_so() {
		let report = json!({
			"call": "Vaults.deposit",
			"success": true,
			"error": null,
			"block_number": 9,
			"block_hash": "0xef",
			"finalized": false,
			"finality": "not observed: FinalityTimeout",
			"result": null,
			"events": [{ "name": "System.ExtrinsicSuccess" }],
		});
		assert_eq!(
			human_report(&report),
			"Vaults.deposit ok in block #9 (0xef)\n  finality not observed: FinalityTimeout\n  events: System.ExtrinsicSuccess\n"
		);
	}

	#[test]
	fn a_successful_report_shows_its_result() {
		let report = json!({
			"call": "Vaults.deposit",
			"success": true,
			"error": null,
			"block_number": 7,
			"block_hash": "0xcd",
			"finalized": false,
			"result": { "vault": 2 },
			"events": [{ "name": "Vaults.Deposited" }, { "name": "System.ExtrinsicSuccess" }],
		});
		assert_eq!(
			human_report(&report),
			"Vaults.deposit ok in block #7 (0xcd)\n  vault: 2\n  events: Vaults.Deposited, System.ExtrinsicSuccess\n"
		);
	}
}
