//! Counts the storage a call really touches, to check that the weight it is charged covers it.
//!
//! [`count_storage`] runs a closure under [`Counting`] externalities that forward every
//! operation to the test externalities and count, as `benchmark pallet` does:
//! - one **read** per distinct key read (`storage`, `storage_hash`, `exists`, the keys an
//!   iteration steps through) that the call has not read or written before;
//! - one **write** per distinct key written (`set`, `clear`, `append` — also a read, each key
//!   a prefix removal clears); a key written in a storage transaction that rolled back is read
//!   from the database again by a later access, and counted again;
//! - nothing for the keys `benchmark pallet` whitelists (`frame_system`'s block number, events,
//!   block weight, …), the well-known `:…` keys, nor for the signer's account, which the
//!   transaction extensions read and write in every extrinsic and the base extrinsic weight
//!   pays for.
//!
//! [`storage_weight`] prices a count at the runtime's `DbWeight`: the least a call doing that
//! may be charged, before any execution time.

use crate::{AccountId, AllPalletsWithSystem, Runtime};
use polkadot_sdk::{
	frame_support::{
		dispatch::{DispatchInfo, DispatchResultWithPostInfo},
		traits::WhitelistedStorageKeys,
		weights::Weight,
	},
	sp_core::storage::{ChildInfo, TrackedStorageKey},
	sp_externalities::{
		self, Error as ExtError, Extension, ExtensionStore, Externalities, MultiRemovalResults,
	},
	sp_runtime::StateVersion,
};
use std::{any::Any, any::TypeId, collections::BTreeSet};

/// The distinct storage keys a call read and wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StorageCount {
	/// Distinct keys read before the call wrote them.
	pub reads: u64,
	/// Distinct keys written.
	pub writes: u64,
	/// The keys written, for [`by_item`].
	pub written: BTreeSet<Vec<u8>>,
	/// The keys read (before any write), for [`by_item`].
	pub read: BTreeSet<Vec<u8>>,
}

/// `keys` counted by storage item (`Pallet.Item`), from the runtime's storage info.
pub fn by_item(keys: &BTreeSet<Vec<u8>>) -> std::collections::BTreeMap<String, u32> {
	use polkadot_sdk::frame_support::traits::StorageInfoTrait;
	let items: Vec<(Vec<u8>, String)> = AllPalletsWithSystem::storage_info()
		.into_iter()
		.map(|i| {
			(
				i.prefix,
				format!(
					"{}.{}",
					String::from_utf8_lossy(&i.pallet_name),
					String::from_utf8_lossy(&i.storage_name)
				),
			)
		})
		.collect();
	let mut counts = std::collections::BTreeMap::new();
	for key in keys {
		let name = items
			.iter()
			.find(|(prefix, _)| key.starts_with(prefix))
			.map_or_else(|| format!("0x{}", hex_prefix(key)), |(_, n)| n.clone());
		*counts.entry(name).or_default() += 1;
	}
	counts
}

fn hex_prefix(key: &[u8]) -> String {
	key.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// What `reads` and `writes` cost at the runtime's database weights.
pub fn storage_weight(count: &StorageCount) -> Weight {
	use polkadot_sdk::frame_support::{traits::Get, weights::RuntimeDbWeight};
	<<Runtime as polkadot_sdk::frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get()
		.reads_writes(count.reads, count.writes)
}

/// What a call declared `info` and ending with `result` is charged (its refund included,
/// whether it succeeded or not), if that covers the storage it `touched` at the runtime's
/// database weights; otherwise what went wrong.
pub fn check_charged(
	info: &DispatchInfo,
	result: &DispatchResultWithPostInfo,
	touched: &StorageCount,
) -> Result<Weight, String> {
	let charged = match result {
		Ok(post) => post.calc_actual_weight(info),
		Err(e) => e.post_info.calc_actual_weight(info),
	};
	let floor = storage_weight(touched);
	if charged.ref_time() < floor.ref_time() {
		return Err(format!(
			"charged {charged:?}, below the {} reads and {} writes it did ({floor:?})",
			touched.reads, touched.writes
		));
	}
	Ok(charged)
}

/// Runs `f` and returns its result with the storage it touched. `signer` is the account whose
/// `System::Account` entry the transaction extensions already pay for.
pub fn count_storage<R>(signer: Option<&AccountId>, f: impl FnOnce() -> R) -> (R, StorageCount) {
	let mut free: BTreeSet<Vec<u8>> = AllPalletsWithSystem::whitelisted_storage_keys()
		.into_iter()
		.map(|k: TrackedStorageKey| k.key)
		.collect();
	if let Some(who) = signer {
		free.insert(polkadot_sdk::frame_system::Account::<Runtime>::hashed_key_for(who));
	}
	sp_externalities::with_externalities(|inner| {
		let mut counting = Counting {
			inner,
			free,
			seen: BTreeSet::new(),
			layers: Vec::new(),
			count: StorageCount::default(),
		};
		let result = sp_externalities::set_and_run_with_externalities(&mut counting, f);
		(result, counting.count)
	})
	.expect("count_storage runs inside test externalities")
}

/// Externalities that forward to `inner` and count what they are asked.
struct Counting<'a> {
	inner: &'a mut dyn Externalities,
	/// Keys never counted.
	free: BTreeSet<Vec<u8>>,
	/// Keys read or written so far (a second read costs nothing).
	seen: BTreeSet<Vec<u8>>,
	/// Per open storage transaction, the keys it first wrote: a rollback drops them from
	/// `seen` (a later read goes to the database again), the writes stay counted.
	layers: Vec<Vec<Vec<u8>>>,
	count: StorageCount,
}

impl Counting<'_> {
	fn is_free(&self, key: &[u8]) -> bool {
		key.starts_with(b":") || self.free.contains(key)
	}

	fn read(&mut self, key: &[u8]) {
		if !self.is_free(key) && self.seen.insert(key.to_vec()) {
			self.count.reads += 1;
			self.count.read.insert(key.to_vec());
		}
	}

	fn write(&mut self, key: &[u8]) {
		if self.is_free(key) {
			return;
		}
		if self.count.written.insert(key.to_vec()) {
			self.count.writes += 1;
		}
		if self.seen.insert(key.to_vec()) {
			if let Some(layer) = self.layers.last_mut() {
				layer.push(key.to_vec());
			}
		}
	}
}

impl ExtensionStore for Counting<'_> {
	fn extension_by_type_id(&mut self, type_id: TypeId) -> Option<&mut dyn Any> {
		self.inner.extension_by_type_id(type_id)
	}

	fn register_extension_with_type_id(
		&mut self,
		type_id: TypeId,
		extension: Box<dyn Extension>,
	) -> Result<(), ExtError> {
		self.inner.register_extension_with_type_id(type_id, extension)
	}

	fn deregister_extension_by_type_id(&mut self, type_id: TypeId) -> Result<(), ExtError> {
		self.inner.deregister_extension_by_type_id(type_id)
	}
}

impl Externalities for Counting<'_> {
	fn set_offchain_storage(&mut self, key: &[u8], value: Option<&[u8]>) {
		self.inner.set_offchain_storage(key, value)
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage(key)
	}

	fn storage_hash(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage_hash(key)
	}

	fn child_storage_hash(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.read(&[child_info.storage_key(), key].concat());
		self.inner.child_storage_hash(child_info, key)
	}

	fn child_storage(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.read(&[child_info.storage_key(), key].concat());
		self.inner.child_storage(child_info, key)
	}

	fn exists_storage(&mut self, key: &[u8]) -> bool {
		self.read(key);
		self.inner.exists_storage(key)
	}

	fn next_storage_key(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		let next = self.inner.next_storage_key(key);
		if let Some(next) = &next {
			self.read(next);
		}
		next
	}

	fn next_child_storage_key(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		let next = self.inner.next_child_storage_key(child_info, key);
		if let Some(next) = &next {
			self.read(&[child_info.storage_key(), next].concat());
		}
		next
	}

	fn kill_child_storage(
		&mut self,
		child_info: &ChildInfo,
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let results = self.inner.kill_child_storage(child_info, maybe_limit, maybe_cursor);
		self.count.reads += u64::from(results.loops);
		self.count.writes += u64::from(results.unique);
		results
	}

	fn clear_prefix(
		&mut self,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let results = self.inner.clear_prefix(prefix, maybe_limit, maybe_cursor);
		self.count.reads += u64::from(results.loops);
		self.count.writes += u64::from(results.unique);
		results
	}

	fn clear_child_prefix(
		&mut self,
		child_info: &ChildInfo,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		let results = self.inner.clear_child_prefix(child_info, prefix, maybe_limit, maybe_cursor);
		self.count.reads += u64::from(results.loops);
		self.count.writes += u64::from(results.unique);
		results
	}

	fn place_storage(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
		self.write(&key);
		self.inner.place_storage(key, value)
	}

	fn place_child_storage(
		&mut self,
		child_info: &ChildInfo,
		key: Vec<u8>,
		value: Option<Vec<u8>>,
	) {
		self.write(&[child_info.storage_key(), &key].concat());
		self.inner.place_child_storage(child_info, key, value)
	}

	fn storage_root(&mut self, state_version: StateVersion) -> Vec<u8> {
		self.inner.storage_root(state_version)
	}

	fn child_storage_root(
		&mut self,
		child_info: &ChildInfo,
		state_version: StateVersion,
	) -> Vec<u8> {
		self.inner.child_storage_root(child_info, state_version)
	}

	fn storage_append(&mut self, key: Vec<u8>, value: Vec<u8>) {
		// Appending to a value not in the overlay reads it first.
		self.read(&key);
		self.write(&key);
		self.inner.storage_append(key, value)
	}

	fn storage_start_transaction(&mut self) {
		self.layers.push(Vec::new());
		self.inner.storage_start_transaction()
	}

	fn storage_rollback_transaction(&mut self) -> Result<(), ()> {
		for key in self.layers.pop().unwrap_or_default() {
			self.seen.remove(&key);
		}
		self.inner.storage_rollback_transaction()
	}

	fn storage_commit_transaction(&mut self) -> Result<(), ()> {
		let layer = self.layers.pop().unwrap_or_default();
		if let Some(outer) = self.layers.last_mut() {
			outer.extend(layer);
		}
		self.inner.storage_commit_transaction()
	}

	fn wipe(&mut self) {
		self.inner.wipe()
	}

	fn commit(&mut self) {
		self.inner.commit()
	}

	fn read_write_count(&self) -> (u32, u32, u32, u32) {
		self.inner.read_write_count()
	}

	fn reset_read_write_count(&mut self) {
		self.inner.reset_read_write_count()
	}

	fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
		self.inner.get_whitelist()
	}

	fn set_whitelist(&mut self, new: Vec<TrackedStorageKey>) {
		self.inner.set_whitelist(new)
	}

	fn proof_size(&self) -> Option<u32> {
		self.inner.proof_size()
	}

	fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
		self.inner.get_read_and_written_keys()
	}
}
