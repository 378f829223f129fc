//! The node's JSON-RPC extensions: account nonces (`system_*`), fees (`payment_*`) and the
//! restaking queries (`restake_*`: [`restake`]; the risk and yield profiles and the slashing
//! subscription: [`views`]), on top of the standard `chain_*`, `state_*`, `author_*` methods
//! `sc-service` adds; with dev sealing, `engine_createBlock` and `engine_finalizeBlock`.

pub mod restake;
pub mod slash_feed;
pub mod views;

use jsonrpsee::RpcModule;
use polkadot_sdk::{
	sc_transaction_pool_api::TransactionPool,
	sp_api::ProvideRuntimeApi,
	sp_block_builder::BlockBuilder,
	sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata},
	*,
};
use restake_runtime::{opaque::Block, AccountId, Balance, Nonce, Runtime};
use std::sync::Arc;

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The node's slash feed (`restake_subscribeSlashes`).
	pub slash_feed: Arc<slash_feed::SlashFeed>,
	/// The dev-sealing task's command channel (`--sealing` other than `aura`): serves
	/// `engine_createBlock` and `engine_finalizeBlock`.
	pub manual_seal: Option<
		futures::channel::mpsc::Sender<
			sc_consensus_manual_seal::EngineCommand<<Block as sp_runtime::traits::Block>::Hash>,
		>,
	>,
}

/// Instantiate all full RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: polkadot_sdk::sc_client_api::BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: pallet_vaults::runtime_api::VaultsApi<
		Block,
		AccountId,
		pallet_vaults::VaultOf<Runtime>,
		u32,
	>,
	C::Api: pallet_operators::runtime_api::OperatorsApi<
		Block,
		AccountId,
		pallet_operators::AvsOf<Runtime>,
		pallet_operators::OperatorOf<Runtime>,
		u32,
	>,
	C::Api: pallet_slashing::runtime_api::SlashingApi<
		Block,
		AccountId,
		pallet_slashing::PolicyOf<Runtime>,
		pallet_slashing::RequestOf<Runtime>,
		pallet_slashing::RecordOf<Runtime>,
	>,
	C::Api: pallet_lrt2::runtime_api::Lrt2Api<
		Block,
		AccountId,
		polkadot_sdk::frame_support::traits::fungible::NativeOrWithId<u32>,
		u32,
	>,
	C::Api: restake_primitives::views::RestakeViewsApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, slash_feed, manual_seal } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(restake::RestakeApiServer::into_rpc(restake::Restake::new(client.clone())))?;
	module.merge(views::ViewsRpcServer::into_rpc(views::Views::new(client, slash_feed)))?;
	if let Some(commands) = manual_seal {
		use sc_consensus_manual_seal::rpc::{ManualSeal, ManualSealApiServer};
		module.merge(ManualSeal::new(commands).into_rpc())?;
	}

	Ok(module)
}
