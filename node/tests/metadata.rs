//! The clients' codegen input, `clients/metadata/restake.scale`, must be the runtime's
//! metadata: the `restake` CLI is generated from it at compile time, so a stale file means a
//! client whose calls the node refuses. Regenerate it with `scripts/metadata.sh`.
//!
//! The test starts the node built with it (`restake-node --dev --tmp` on free ports), asks
//! for the V16 metadata over JSON-RPC (`state_call Metadata_metadata_at_version(16)`, a plain
//! HTTP/1.1 POST), strips the SCALE `Option` and length prefix of the answer and compares
//! the bytes with the checked-in file. With `RESTAKE_WRITE_METADATA=1` it writes the file
//! instead (that is what `scripts/metadata.sh` does).

use codec::{Decode, Encode};
use serde_json::Value;
use std::{
	io::{BufRead, BufReader, Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// The metadata version the clients are generated from.
const METADATA_VERSION: u32 = 16;

/// The checked-in file.
fn metadata_path() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../clients/metadata/restake.scale")
}

/// A port nobody listens on now (the OS picks it; the node binds it a moment later).
fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A `restake-node --dev --tmp`, killed when dropped (also when the test fails).
struct DevNode {
	child: Child,
	rpc_port: u16,
}

impl DevNode {
	fn start() -> Self {
		let rpc_port = free_port();
		let child = Command::new(env!("CARGO_BIN_EXE_restake-node"))
			.args(["--dev", "--tmp", "--no-telemetry", "--no-prometheus", "--no-mdns"])
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &free_port().to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.expect("restake-node starts");
		DevNode { child, rpc_port }
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// `0x`-prefixed hex.
fn to_hex(bytes: &[u8]) -> String {
	bytes.iter().fold(String::from("0x"), |s, b| s + &format!("{b:02x}"))
}

/// Decodes `0x`-prefixed hex.
fn from_hex(s: &str) -> Result<Vec<u8>, String> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	if !s.is_ascii() || !s.len().is_multiple_of(2) {
		return Err("not an even number of hex digits".into());
	}
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| format!("bad hex: {e}")))
		.collect()
}

/// The body of a `Transfer-Encoding: chunked` response.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
	let mut out = Vec::new();
	loop {
		let line_end = body
			.windows(2)
			.position(|w| w == b"\r\n")
			.ok_or("chunk size line not terminated")?;
		let size_text = std::str::from_utf8(&body[..line_end]).map_err(|e| e.to_string())?;
		let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
			.map_err(|e| format!("bad chunk size {size_text:?}: {e}"))?;
		body = &body[line_end + 2..];
		if size == 0 {
			return Ok(out);
		}
		if body.len() < size + 2 {
			return Err("truncated chunk".into());
		}
		out.extend_from_slice(&body[..size]);
		body = &body[size + 2..];
	}
}

/// One JSON-RPC call over HTTP/1.1 (`Connection: close`, so the body ends with the stream).
fn rpc(port: u16, method: &str, params: Value) -> Result<Value, String> {
	let body = serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params })
		.to_string();
	let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
	stream
		.set_read_timeout(Some(Duration::from_secs(60)))
		.map_err(|e| e.to_string())?;
	write!(
		stream,
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	)
	.map_err(|e| e.to_string())?;
	let mut reader = BufReader::new(stream);
	let mut status = String::new();
	reader.read_line(&mut status).map_err(|e| e.to_string())?;
	if !status.starts_with("HTTP/1.1 200") {
		return Err(format!("HTTP status {:?}", status.trim()));
	}
	let mut chunked = false;
	loop {
		let mut header = String::new();
		reader.read_line(&mut header).map_err(|e| e.to_string())?;
		let header = header.trim();
		if header.is_empty() {
			break;
		}
		let lower = header.to_ascii_lowercase();
		chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
	}
	let mut raw = Vec::new();
	reader.read_to_end(&mut raw).map_err(|e| e.to_string())?;
	let raw = if chunked { dechunk(&raw)? } else { raw };
	let reply: Value = serde_json::from_slice(&raw).map_err(|e| format!("not JSON: {e}"))?;
	if let Some(error) = reply.get("error") {
		return Err(format!("{method} failed: {error}"));
	}
	reply
		.get("result")
		.cloned()
		.ok_or_else(|| format!("{method}: no result in {reply}"))
}

/// The runtime's metadata at `METADATA_VERSION`, as SCALE bytes of `RuntimeMetadataPrefixed`
/// (what subxt's `runtime_metadata_path` reads), from the node on `port`. Waits for the node's
/// RPC server to come up.
fn fetch_metadata(port: u16) -> Vec<u8> {
	let start = Instant::now();
	let answer = loop {
		match rpc(
			port,
			"state_call",
			serde_json::json!(["Metadata_metadata_at_version", to_hex(&METADATA_VERSION.encode())]),
		) {
			Ok(answer) => break answer,
			Err(e) if start.elapsed() > Duration::from_secs(120) => {
				panic!("restake-node did not answer state_call within 120 s: {e}")
			},
			Err(_) => std::thread::sleep(Duration::from_millis(500)),
		}
	};
	let scale = from_hex(answer.as_str().expect("state_call answers a hex string"))
		.expect("state_call answers valid hex");
	// `Option<OpaqueMetadata>`: `None` if the runtime does not serve that version, else the
	// metadata as a length-prefixed byte vector.
	Option::<Vec<u8>>::decode(&mut &scale[..])
		.expect("the answer is a SCALE Option<Vec<u8>>")
		.unwrap_or_else(|| panic!("the runtime does not serve metadata V{METADATA_VERSION}"))
}

#[test]
fn client_metadata_is_the_runtimes() {
	let node = DevNode::start();
	let served = fetch_metadata(node.rpc_port);
	drop(node);
	// `RuntimeMetadataPrefixed` starts with "meta" and the version byte.
	assert_eq!(&served[..4], b"meta", "the runtime serves prefixed metadata");
	assert_eq!(served[4], METADATA_VERSION as u8, "the runtime serves V{METADATA_VERSION}");

	let path = metadata_path();
	if std::env::var("RESTAKE_WRITE_METADATA").is_ok_and(|v| v == "1") {
		std::fs::write(&path, &served)
			.unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
		println!("wrote {} ({} bytes)", path.display(), served.len());
		return;
	}
	let checked_in = std::fs::read(&path).unwrap_or_else(|e| {
		panic!("{} cannot be read ({e}); run scripts/metadata.sh", path.display())
	});
	if checked_in != served {
		let at = checked_in.iter().zip(&served).take_while(|(a, b)| a == b).count();
		panic!(
			"clients/metadata/restake.scale is stale: the runtime's V{METADATA_VERSION} metadata \
			 differs from byte {at} on ({} bytes checked in, {} served). Run scripts/metadata.sh \
			 and commit the result (the restake CLI is generated from this file).",
			checked_in.len(),
			served.len()
		);
	}
}

#[test]
fn chunked_bodies_and_hex_decode() {
	assert_eq!(dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"), Ok(b"abcde".to_vec()));
	assert!(dechunk(b"5\r\nab").is_err());
	assert_eq!(from_hex("0x00ff10"), Ok(vec![0, 255, 16]));
	assert_eq!(to_hex(&16u32.encode()), "0x10000000");
	assert!(from_hex("0x0").is_err());
	assert!(from_hex("0xé0").is_err());
	let prefixed = from_hex("0x010c6d6574").expect("hex");
	assert_eq!(Option::<Vec<u8>>::decode(&mut &prefixed[..]).ok(), Some(Some(b"met".to_vec())));
}
