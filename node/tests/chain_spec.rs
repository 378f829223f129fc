//! The checked-in local-testnet chain specs must be exactly what the current runtime and
//! node produce; regenerate them with `scripts/chain-specs.sh` after a runtime change.

use std::{path::Path, process::Command};

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
	let expected = checked_in(name);
	let same = expected == produced;
	assert!(
		same,
		"chain-specs/{name} is stale: the runtime produces a different spec \
		 (first difference at byte {}). Run scripts/chain-specs.sh and commit the result.",
		expected.bytes().zip(produced.bytes()).take_while(|(a, b)| a == b).count()
	);
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
	let spec: serde_json::Value = serde_json::from_str(&export(false)).expect("valid JSON");
	let props = &spec["properties"];
	assert_eq!(props["tokenSymbol"], "RSTK");
	assert_eq!(props["tokenDecimals"], 12);
	assert_eq!(props["ss58Format"], 4242);
	assert_eq!(spec["id"], "restake_local");
	let aura = &spec["genesis"]["runtimeGenesis"]["patch"]["aura"]["authorities"];
	assert_eq!(aura.as_array().map(Vec::len), Some(3), "Alice, Bob and Charlie author");
}
