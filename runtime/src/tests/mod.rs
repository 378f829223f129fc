//! Runtime-level tests: configuration orderings, who may call what, the bounds of every
//! user-created entry, and — with `--features try-runtime` — the storage migrations and the
//! randomised whole-system run.

mod addresses;
mod authorization;
mod bounds;
mod delays;
mod fees;
mod fixtures;
mod griefing;
mod lifecycles;
#[cfg(feature = "try-runtime")]
mod random_operation;
mod regressions;
mod slashing;
mod storage_counter;
#[cfg(feature = "try-runtime")]
mod upgrade;
mod views;
mod weight_sufficiency;

use crate::{RuntimeGenesisConfig, System};
use polkadot_sdk::{sp_io, sp_runtime::BuildStorage};

/// The `development` genesis storage: the preset merged over the default genesis, as the node
/// does. Built once per test binary.
pub(crate) fn dev_storage() -> polkadot_sdk::sp_core::storage::Storage {
	static STORAGE: std::sync::OnceLock<polkadot_sdk::sp_core::storage::Storage> =
		std::sync::OnceLock::new();
	STORAGE
		.get_or_init(|| {
			fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
				match (base, patch) {
					(serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
						for (k, v) in p {
							merge(b.entry(k).or_insert(serde_json::Value::Null), v);
						}
					},
					(b, p) => *b = p,
				}
			}
			let mut json =
				serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
			merge(&mut json, crate::genesis_config_presets::development_config_genesis());
			let config: RuntimeGenesisConfig =
				serde_json::from_value(json).expect("dev preset is valid");
			config.build_storage().expect("genesis builds")
		})
		.clone()
}

/// Externalities at block 1 on the `development` genesis.
pub(crate) fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(dev_storage());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A digest of all storage.
pub(crate) fn storage_root() -> Vec<u8> {
	sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1)
}
