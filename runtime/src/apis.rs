//! The runtime APIs: what the node and clients (`api.call.*` in polkadot.js) can ask.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use polkadot_sdk::*;
use restake_primitives::{views, AvsId, VaultId};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, DispatchError,
};
use sp_version::RuntimeVersion;

use crate::{
	genesis_config_presets, AccountId, AssetId, Aura, Balance, Block, BlockNumber, Executive,
	Grandpa, InherentDataExt, Lrt2, Nonce, Operators, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, Slashing, System, TransactionPayment, Vaults, VERSION,
};
use frame_support::traits::fungible::NativeOrWithId;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// The key owner proof type is `Void`: there is no session pallet to prove against.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_vaults::runtime_api::VaultsApi<Block, AccountId, pallet_vaults::VaultOf<Runtime>, BlockNumber>
		for Runtime
	{
		fn vault(vault: VaultId) -> Option<pallet_vaults::VaultOf<Runtime>> {
			pallet_vaults::Vaults::<Runtime>::get(vault)
		}

		fn exchange_rate(vault: VaultId) -> Option<pallet_vaults::ExchangeRate> {
			Vaults::exchange_rate(vault)
		}

		fn preview_deposit(vault: VaultId, assets: Balance) -> Result<Balance, DispatchError> {
			Vaults::preview_deposit(vault, assets)
		}

		fn preview_withdraw(vault: VaultId, shares: Balance) -> Result<Balance, DispatchError> {
			Vaults::preview_withdraw(vault, shares)
		}

		fn pending_withdrawals(
			vault: VaultId,
			who: AccountId,
		) -> Vec<pallet_vaults::runtime_api::PendingWithdrawal<BlockNumber>> {
			Vaults::pending_withdrawals(vault, who)
		}
	}

	#[api_version(2)]
	impl pallet_operators::runtime_api::OperatorsApi<
		Block,
		AccountId,
		pallet_operators::AvsOf<Runtime>,
		pallet_operators::OperatorOf<Runtime>,
		BlockNumber,
	> for Runtime {
		fn avs(avs: AvsId) -> Option<pallet_operators::AvsOf<Runtime>> {
			// With the slasher and resolver in force (a scheduled change applies when due).
			pallet_operators::Avss::<Runtime>::get(avs).map(|mut info| {
				(info.slasher, info.resolver) = Operators::roles_in_force(avs, &info);
				info
			})
		}

		fn operator(who: AccountId) -> Option<pallet_operators::OperatorOf<Runtime>> {
			pallet_operators::Operators::<Runtime>::get(&who).map(|mut op| {
				op.commission = Operators::commission_of(&who).unwrap_or(op.commission);
				op
			})
		}

		fn pair_allocations(
			operator: AccountId,
			avs: AvsId,
		) -> Vec<pallet_operators::runtime_api::AllocationView<BlockNumber>> {
			Operators::pair_allocations(operator, avs)
		}

		fn avs_weighted_stake(avs: AvsId) -> Balance {
			Operators::avs_weighted_stake(avs)
		}

		fn avs_state(
			avs: AvsId,
		) -> Option<pallet_operators::runtime_api::AvsState<AccountId, BlockNumber>> {
			Operators::avs_state(avs)
		}

		fn operator_state(
			who: AccountId,
		) -> Option<pallet_operators::runtime_api::OperatorState<BlockNumber>> {
			Operators::operator_state(who)
		}
	}

	impl pallet_slashing::runtime_api::SlashingApi<
		Block,
		AccountId,
		pallet_slashing::PolicyOf<Runtime>,
		pallet_slashing::RequestOf<Runtime>,
		pallet_slashing::RecordOf<Runtime>,
	> for Runtime {
		fn policy(avs: AvsId) -> Option<pallet_slashing::PolicyOf<Runtime>> {
			Slashing::policy_in_force(avs)
		}

		fn pending_slashes(
			avs: Option<AvsId>,
			operator: Option<AccountId>,
		) -> Vec<(pallet_slashing::SlashId, pallet_slashing::RequestOf<Runtime>)> {
			Slashing::pending_slashes(avs, operator)
		}

		fn vault_has_pending_slash(vault: VaultId) -> bool {
			use restake_primitives::traits::SlashHolds;
			Slashing::vault_held_since(vault).is_some()
		}

		fn slash_record(id: pallet_slashing::SlashId) -> Option<pallet_slashing::RecordOf<Runtime>> {
			pallet_slashing::SlashHistory::<Runtime>::get(id)
		}
	}

	impl pallet_lrt2::runtime_api::Lrt2Api<
		Block,
		AccountId,
		NativeOrWithId<AssetId>,
		BlockNumber,
	> for Runtime {
		fn pending_rewards(
			who: AccountId,
		) -> Vec<(pallet_lrt2::Source<NativeOrWithId<AssetId>>, u128)> {
			Lrt2::pending_rewards(who)
		}

		fn points(who: AccountId) -> Vec<(pallet_lrt2::ProgrammeId, u128)> {
			Lrt2::points_of(who)
		}

		fn stream(
			id: pallet_lrt2::StreamId,
		) -> Option<pallet_lrt2::StreamStatus<AccountId, NativeOrWithId<AssetId>, BlockNumber>> {
			Lrt2::stream_status(id)
		}
	}

	impl restake_primitives::views::RestakeViewsApi<Block, AccountId> for Runtime {
		fn vault_profile(vault: VaultId) -> Option<views::VaultProfile<AccountId>> {
			crate::views::vault_profile(vault)
		}

		fn operator_profile(who: AccountId) -> Option<views::OperatorProfile<AccountId>> {
			crate::views::operator_profile(who)
		}

		fn avs_profile(avs: AvsId) -> Option<views::AvsProfile<AccountId>> {
			crate::views::avs_profile(avs)
		}

		fn vault_profiles(from: VaultId, limit: u32) -> views::Page<views::VaultProfile<AccountId>, VaultId> {
			crate::views::vault_profiles(from, limit)
		}

		fn avs_profiles(from: AvsId, limit: u32) -> views::Page<views::AvsProfile<AccountId>, AvsId> {
			crate::views::avs_profiles(from, limit)
		}

		fn operator_profiles(
			from: Option<AccountId>,
			limit: u32,
		) -> views::Page<views::OperatorProfile<AccountId>, AccountId> {
			crate::views::operator_profiles(from, limit)
		}

		fn monitor() -> views::MonitorSnapshot<AccountId> {
			crate::views::monitor()
		}

		fn slash_events() -> Vec<views::SlashEventView<AccountId>> {
			crate::views::slash_events()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use crate::benchmarks::scaling::Pallet as ScalingBench;
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use sp_storage::TrackedStorageKey;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use frame_support::traits::WhitelistedStorageKeys;
			use crate::benchmarks::scaling::Pallet as ScalingBench;
			use crate::*;

			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// Intentional panic: try-runtime is an off-chain tool and wants the backtrace.
			let weight = Executive::try_runtime_upgrade(checks).expect("runtime upgrade checks pass");
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}
}
