//! From SCALE values to JSON, with the chain's types as the guide, and from JSON to the
//! indented text the human-readable output shows.
//!
//! Values are decoded against the *node's* metadata (not the one `restake` was compiled
//! with), so events, runtime API results and storage the runtime adds or extends later still
//! print. The rules keep the JSON easy to consume from a shell or JavaScript:
//!
//! - `u128`/`i128`/`u256` (balances, shares, amounts) are decimal strings, narrower integers
//!   (ids, block numbers, `Perbill` parts per billion) are numbers;
//! - accounts are SS58 addresses with the chain's prefix;
//! - fixed-size byte arrays (hashes) are `0x` hex; byte vectors (names, reasons) are text
//!   when they are printable UTF-8, hex otherwise;
//! - structs are objects; newtypes (`Perbill(u32)`, `BoundedVec(Vec<u8>)`) are their inner
//!   value; tuples are arrays;
//! - `Option` is `null` or the value; other enums are `"Variant"` without fields, or
//!   `{"Variant": fields}`.

use blake2::{digest::consts::U64, Blake2b, Digest};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use serde_json::{json, Map, Value as Json};
use subxt::ext::scale_value::{Composite, Primitive, Value, ValueDef};

/// Encodes a 32-byte account id as SS58 with the network `prefix` (0…16383).
pub fn ss58(account: &[u8; 32], prefix: u16) -> String {
	let mut data = Vec::with_capacity(35);
	let prefix = prefix & 0b0011_1111_1111_1111;
	if prefix < 64 {
		data.push(prefix as u8);
	} else {
		data.push((((prefix & 0b0000_0000_1111_1100) >> 2) | 0b0100_0000) as u8);
		data.push(((prefix >> 8) | ((prefix & 0b0000_0000_0000_0011) << 6)) as u8);
	}
	data.extend_from_slice(account);
	let mut hasher = Blake2b::<U64>::new();
	hasher.update(b"SS58PRE");
	hasher.update(&data);
	let checksum = hasher.finalize();
	data.extend_from_slice(&checksum[..2]);
	bs58::encode(data).into_string()
}

/// Converts decoded SCALE values to JSON; `ss58_prefix` renders accounts.
pub struct ToJson<'a> {
	types: &'a PortableRegistry,
	ss58_prefix: u16,
}

impl<'a> ToJson<'a> {
	/// A converter for values decoded against `types`.
	pub fn new(types: &'a PortableRegistry, ss58_prefix: u16) -> Self {
		Self { types, ss58_prefix }
	}

	/// Decodes `bytes` as type `ty` and converts the value; the whole input must be used.
	pub fn decode(&self, ty: u32, bytes: &[u8]) -> Result<Json, String> {
		let cursor = &mut &bytes[..];
		let value = subxt::ext::scale_value::scale::decode_as_type(cursor, ty, self.types)
			.map_err(|e| format!("cannot decode type {ty}: {e}"))?;
		if !cursor.is_empty() {
			return Err(format!("{} bytes left after decoding type {ty}", cursor.len()));
		}
		Ok(self.value(&value))
	}

	/// Decodes the fields of an event or call variant (`fields`: name and type id) one after
	/// another from `bytes` into an object, or an array if they are unnamed.
	pub fn decode_fields(
		&self,
		fields: &[scale_info::Field<PortableForm>],
		bytes: &[u8],
	) -> Result<Json, String> {
		let cursor = &mut &bytes[..];
		let mut named = Map::new();
		let mut unnamed = Vec::new();
		for (i, field) in fields.iter().enumerate() {
			let value =
				subxt::ext::scale_value::scale::decode_as_type(cursor, field.ty.id, self.types)
					.map_err(|e| format!("cannot decode field {i}: {e}"))?;
			match &field.name {
				Some(name) => {
					named.insert(name.clone(), self.value(&value));
				},
				None => unnamed.push(self.value(&value)),
			}
		}
		Ok(if unnamed.is_empty() { Json::Object(named) } else { Json::Array(unnamed) })
	}

	/// Converts one decoded value (its context is its type id).
	pub fn value(&self, value: &Value<u32>) -> Json {
		let ty = self.types.resolve(value.context);
		if let Some(ty) = ty {
			if ty.path.segments.last().map(String::as_str) == Some("AccountId32") {
				if let Some(raw) = bytes_of(value).and_then(|b| <[u8; 32]>::try_from(b).ok()) {
					return Json::String(ss58(&raw, self.ss58_prefix));
				}
			}
		}
		match &value.value {
			ValueDef::Primitive(p) => self.primitive(p, value.context),
			ValueDef::BitSequence(bits) => {
				Json::String(bits.iter().map(|b| if b { '1' } else { '0' }).collect())
			},
			ValueDef::Variant(variant) => {
				let is_option = ty
					.is_some_and(|t| t.path.segments.len() == 1 && t.path.segments[0] == "Option");
				match (&variant.values, is_option) {
					(_, true) if variant.name == "None" => Json::Null,
					(Composite::Unnamed(v), true) if v.len() == 1 => self.value(&v[0]),
					(c, _) if c.is_empty() => Json::String(variant.name.clone()),
					(c, _) => json!({ variant.name.clone(): self.composite(c) }),
				}
			},
			ValueDef::Composite(c) => {
				let byte_elem = |elem: u32| {
					matches!(
						self.types.resolve(elem).map(|t| &t.type_def),
						Some(TypeDef::Primitive(TypeDefPrimitive::U8))
					)
				};
				match ty.map(|t| &t.type_def) {
					Some(TypeDef::Array(a)) if byte_elem(a.type_param.id) => {
						bytes_of(value).map(hex_json).unwrap_or_else(|| self.list(c))
					},
					Some(TypeDef::Sequence(s)) if byte_elem(s.type_param.id) => {
						bytes_of(value).map(text_or_hex).unwrap_or_else(|| self.list(c))
					},
					// Lists stay lists, even of one element.
					Some(TypeDef::Array(_) | TypeDef::Sequence(_) | TypeDef::Tuple(_)) => {
						self.list(c)
					},
					_ => self.composite(c),
				}
			},
		}
	}

	/// The values of a sequence, array or tuple.
	fn list(&self, c: &Composite<u32>) -> Json {
		Json::Array(c.values().map(|v| self.value(v)).collect())
	}

	/// A struct's or variant's fields: an object, the value of a single unnamed field
	/// (newtypes), or an array.
	fn composite(&self, c: &Composite<u32>) -> Json {
		match c {
			Composite::Named(fields) => {
				Json::Object(fields.iter().map(|(name, v)| (name.clone(), self.value(v))).collect())
			},
			Composite::Unnamed(values) if values.len() == 1 => self.value(&values[0]),
			Composite::Unnamed(values) => {
				Json::Array(values.iter().map(|v| self.value(v)).collect())
			},
		}
	}

	fn primitive(&self, p: &Primitive, ty: u32) -> Json {
		match p {
			Primitive::Bool(b) => Json::Bool(*b),
			Primitive::Char(c) => Json::String(c.to_string()),
			Primitive::String(s) => Json::String(s.clone()),
			Primitive::U128(n) if self.is_wide(ty) => Json::String(n.to_string()),
			Primitive::I128(n) if self.is_wide(ty) => Json::String(n.to_string()),
			// Narrower integers fit a JSON number exactly (u64 only below 2^53: guard it).
			Primitive::U128(n) => {
				if *n < (1u128 << 53) {
					json!(*n as u64)
				} else {
					Json::String(n.to_string())
				}
			},
			Primitive::I128(n) => {
				if n.unsigned_abs() < (1u128 << 53) {
					json!(*n as i64)
				} else {
					Json::String(n.to_string())
				}
			},
			Primitive::U256(b) | Primitive::I256(b) => {
				Json::String(format!("0x{}", hex::encode(b)))
			},
		}
	}

	/// Whether type `ty` is a 128- or 256-bit integer (through `Compact` and newtypes).
	fn is_wide(&self, ty: u32) -> bool {
		let mut id = ty;
		for _ in 0..8 {
			match self.types.resolve(id).map(|t| &t.type_def) {
				Some(TypeDef::Primitive(p)) => {
					return matches!(
						p,
						TypeDefPrimitive::U128
							| TypeDefPrimitive::I128
							| TypeDefPrimitive::U256
							| TypeDefPrimitive::I256
					)
				},
				Some(TypeDef::Compact(c)) => id = c.type_param.id,
				Some(TypeDef::Composite(c)) if c.fields.len() == 1 => id = c.fields[0].ty.id,
				_ => return false,
			}
		}
		false
	}
}

/// The bytes of a value made only of `u8`s (an array or a sequence, possibly in newtypes).
fn bytes_of(value: &Value<u32>) -> Option<Vec<u8>> {
	fn collect(value: &Value<u32>, out: &mut Vec<u8>) -> Option<()> {
		match &value.value {
			ValueDef::Primitive(Primitive::U128(n)) => {
				out.push(u8::try_from(*n).ok()?);
				Some(())
			},
			ValueDef::Composite(c) => {
				for v in c.values() {
					collect(v, out)?;
				}
				Some(())
			},
			_ => None,
		}
	}
	let mut out = Vec::new();
	collect(value, &mut out)?;
	Some(out)
}

fn hex_json(bytes: Vec<u8>) -> Json {
	Json::String(format!("0x{}", hex::encode(bytes)))
}

/// Printable UTF-8 as text (names, reasons, URIs); anything else as hex.
fn text_or_hex(bytes: Vec<u8>) -> Json {
	match String::from_utf8(bytes) {
		Ok(s) if !s.is_empty() && s.chars().all(|c| !c.is_control()) => Json::String(s),
		Ok(s) => hex_json(s.into_bytes()),
		Err(e) => hex_json(e.into_bytes()),
	}
}

/// The value at `path` in `json`: dot-separated object keys and array indices
/// (`result.vault`, `events.0.name`); `""` is the whole value.
pub fn pick<'a>(json: &'a Json, path: &str) -> Option<&'a Json> {
	path.split('.').filter(|p| !p.is_empty()).try_fold(json, |at, key| match at {
		Json::Object(map) => map.get(key),
		Json::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
		_ => None,
	})
}

/// How `--get` prints a value: strings bare (for shell variables), anything else as JSON.
pub fn bare(value: &Json) -> String {
	match value {
		Json::String(s) => s.clone(),
		other => other.to_string(),
	}
}

/// Renders JSON as indented `key: value` lines for people.
pub fn human(value: &Json) -> String {
	let mut out = String::new();
	render(value, 0, &mut out);
	out
}

fn scalar(value: &Json) -> Option<String> {
	match value {
		Json::Null => Some("none".into()),
		Json::Bool(b) => Some(b.to_string()),
		Json::Number(n) => Some(n.to_string()),
		Json::String(s) => Some(s.clone()),
		Json::Array(a) if a.is_empty() => Some("[]".into()),
		Json::Object(o) if o.is_empty() => Some("{}".into()),
		// Short arrays of scalars stay on one line: `[0, 1000]`.
		Json::Array(a) if a.len() <= 4 && a.iter().all(|v| !v.is_array() && !v.is_object()) => {
			Some(format!("[{}]", a.iter().filter_map(scalar).collect::<Vec<_>>().join(", ")))
		},
		_ => None,
	}
}

fn render(value: &Json, indent: usize, out: &mut String) {
	let pad = "  ".repeat(indent);
	match value {
		Json::Object(map) => {
			for (key, v) in map {
				match scalar(v) {
					Some(s) => out.push_str(&format!("{pad}{key}: {s}\n")),
					None => {
						out.push_str(&format!("{pad}{key}:\n"));
						render(v, indent + 1, out);
					},
				}
			}
		},
		Json::Array(items) => {
			for v in items {
				match scalar(v) {
					Some(s) => out.push_str(&format!("{pad}- {s}\n")),
					None => {
						out.push_str(&format!("{pad}-\n"));
						render(v, indent + 1, out);
					},
				}
			}
		},
		v => out.push_str(&format!("{pad}{}\n", scalar(v).unwrap_or_default())),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use scale_info::{meta_type, Registry, TypeInfo};
	use std::str::FromStr;

	const ALICE: [u8; 32] = [
		0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f,
		0xd6, 0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d,
		0xa2, 0x7d,
	];

	#[test]
	fn ss58_matches_the_substrate_format_for_short_and_long_prefixes() {
		assert_eq!(ss58(&ALICE, 42), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert_eq!(ss58(&ALICE, 0), "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
		// Restake's prefix 4242 takes two bytes; subxt's parser checks the checksum.
		let restake = ss58(&ALICE, 4242);
		let parsed = subxt::utils::AccountId32::from_str(&restake).expect("valid SS58");
		assert_eq!(parsed.0, ALICE);
		assert_ne!(restake, ss58(&ALICE, 42));
	}

	/// A registry holding `T`, and `T`'s id in it.
	fn registry<T: TypeInfo + 'static>() -> (PortableRegistry, u32) {
		let mut reg = Registry::new();
		let id = reg.register_type(&meta_type::<T>()).id;
		(reg.into(), id)
	}

	#[derive(Encode, TypeInfo)]
	struct AccountId32([u8; 32]);

	#[derive(Encode, TypeInfo)]
	struct Perbill(u32);

	#[derive(Encode, TypeInfo)]
	enum Kind {
		Native,
		WithId(u32),
	}

	#[derive(Encode, TypeInfo)]
	struct Deposited {
		vault: u32,
		who: AccountId32,
		assets: u128,
		fee: Perbill,
		name: Vec<u8>,
		evidence: [u8; 4],
		kind: Kind,
		native: Kind,
		resolver: Option<AccountId32>,
		slasher: Option<u32>,
		pair: (u32, u128),
		#[codec(compact)]
		compact: u128,
		one: Vec<(Kind, u128)>,
		many: Vec<u32>,
	}

	#[test]
	fn values_follow_the_documented_json_rules() {
		let (types, id) = registry::<Deposited>();
		let event = Deposited {
			vault: 2,
			who: AccountId32(ALICE),
			assets: 10u128.pow(20),
			fee: Perbill(50_000_000),
			name: b"rstETH".to_vec(),
			evidence: [0xcd; 4],
			kind: Kind::WithId(1),
			native: Kind::Native,
			resolver: None,
			slasher: Some(7),
			pair: (3, 5),
			compact: 9,
			one: vec![(Kind::Native, 4)],
			many: vec![],
		};
		let json = ToJson::new(&types, 42).decode(id, &event.encode()).unwrap();
		assert_eq!(
			json,
			json!({
				"vault": 2,
				"who": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
				"assets": "100000000000000000000",
				"fee": 50000000,
				"name": "rstETH",
				"evidence": "0xcdcdcdcd",
				"kind": { "WithId": 1 },
				"native": "Native",
				"resolver": null,
				"slasher": 7,
				"pair": [3, "5"],
				"compact": "9",
				"one": [["Native", "4"]],
				"many": [],
			})
		);
	}

	#[test]
	fn unprintable_byte_vectors_are_hex_and_trailing_bytes_are_an_error() {
		let (types, id) = registry::<Vec<u8>>();
		let conv = ToJson::new(&types, 42);
		assert_eq!(conv.decode(id, &vec![0u8, 1, 2].encode()).unwrap(), json!("0x000102"));
		assert_eq!(conv.decode(id, &b"ok".to_vec().encode()).unwrap(), json!("ok"));
		let mut bytes = b"ok".to_vec().encode();
		bytes.push(0);
		assert!(conv.decode(id, &bytes).unwrap_err().contains("left"));
	}

	#[test]
	fn get_paths_pick_keys_and_indices_and_print_strings_bare() {
		let report =
			json!({ "result": { "vault": 2, "who": "mHn" }, "events": [{ "name": "A.B" }] });
		assert_eq!(pick(&report, "result.vault"), Some(&json!(2)));
		assert_eq!(pick(&report, "events.0.name").map(bare), Some("A.B".to_string()));
		assert_eq!(pick(&report, "result.who").map(bare), Some("mHn".to_string()));
		assert_eq!(
			pick(&report, "result").map(bare),
			Some(r#"{"vault":2,"who":"mHn"}"#.to_string())
		);
		assert_eq!(pick(&report, ""), Some(&report));
		assert_eq!(pick(&report, "events.1"), None);
		assert_eq!(pick(&report, "result.vault.x"), None);
		assert_eq!(pick(&report, "events.first"), None);
	}

	#[test]
	fn human_output_indents_nested_values() {
		// Keys in alphabetical order: the same text whether or not serde_json keeps insertion
		// order.
		let text = human(&json!({
			"error": null,
			"events": [{ "name": "Vaults.Deposited" }],
			"pair": [0, 1000],
			"result": { "shares": "1000", "vault": 2 },
			"success": true,
		}));
		assert_eq!(
			text,
			"error: none\nevents:\n  -\n    name: Vaults.Deposited\npair: [0, 1000]\nresult:\n  shares: 1000\n  vault: 2\nsuccess: true\n"
		);
	}
}
