//! The checked-in local-testnet chain specs must be what the current runtime and node
//! produce; regenerate them with `scripts/chain-specs.sh` after a runtime change.
//!
//! Everything is compared except the wasm blob itself (`code` in the plain spec, `:code` in
//! the raw one): its bytes depend on the toolchain that built it (rustup's or Debian's Rust,
//! see `scripts/setup.sh`), while the genesis state, the properties and every other key must
//! not.

use serde_json::Value;
use std::{path::Path, process::Command};

/// `:code` as a hex storage key.
const CODE_KEY: &str = "0x3a636f6465";

fn without_code(mut spec: Value) -> Value {
	let genesis = &mut spec["genesis"];
	if let Some(runtime) = genesis.get_mut("runtimeGenesis").and_then(Value::as_object_mut) {
		assert!(runtime.remove("code").is_some(), "plain spec carries the runtime code");
	}
	if let Some(top) = genesis.pointer_mut("/raw/top").and_then(Value::as_object_mut) {
		assert!(top.remove(CODE_KEY).is_some(), "raw spec carries :code");
	}
	spec
}

fn export(raw: bool) -> String {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_restake-node"));
	cmd.args(["export-chain-spec", "--chain", "local"]);
	if raw {
		cmd.arg("--raw");
	}
	let out = cmd.output().expect("restake-node runs");
	assert!(
		out.status.success(),
		"export-chain-spec failed: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	String::from_utf8(out.stdout).expect("chain spec is UTF-8")
}

fn checked_in(name: &str) -> String {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(name);
	std::fs::read_to_string(&path).unwrap_or_else(|e| {
		panic!("{} cannot be read ({e}); run scripts/chain-specs.sh", path.display())
	})
}

fn assert_same(name: &str, produced: &str) {
	let parse = |s: &str| without_code(serde_json::from_str(s).expect("valid JSON"));
	let (expected, produced) = (parse(&checked_in(name)), parse(produced));
	if expected != produced {
		let (e, p) = (expected.to_string(), produced.to_string());
		let at = e.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count();
		panic!(
			"chain-specs/{name} is stale: the runtime produces a different spec near `{}`. \
			 Run scripts/chain-specs.sh and commit the result.",
			&p[at.saturating_sub(40)..(at + 40).min(p.len())]
		);
	}
}

#[test]
fn plain_local_testnet_spec_is_up_to_date() {
	assert_same("local-testnet.json", &export(false));
}

#[test]
fn raw_local_testnet_spec_is_up_to_date() {
	assert_same("local-testnet-raw.json", &export(true));
}

#[test]
fn local_testnet_spec_shows_the_token_to_wallets() {
	let spec: Value = serde_json::from_str(&export(false)).expect("valid JSON");
	let props = &spec["properties"];
	assert_eq!(props["tokenSymbol"], "RSTK");
	assert_eq!(props["tokenDecimals"], 12);
	assert_eq!(props["ss58Format"], 4242);
	assert_eq!(spec["id"], "restake_local");
	let aura = &spec["genesis"]["runtimeGenesis"]["patch"]["aura"]["authorities"];
	assert_eq!(aura.as_array().map(Vec::len), Some(3), "Alice, Bob and Charlie author");
}
