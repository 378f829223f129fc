//! The node service: client, database, transaction pool, networking, Aura authoring and the
//! GRANDPA voter, wired together; or, on a development chain with `--sealing`, manual sealing
//! in their place (see [`crate::sealing`]).

use crate::sealing::{timestamp_on, Sealing};
use futures::FutureExt;
use polkadot_sdk::{
	sc_client_api::{Backend, BlockBackend},
	sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams},
	sc_consensus_grandpa::SharedVoterState,
	sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig},
	sc_telemetry::{Telemetry, TelemetryWorker},
	sc_transaction_pool_api::OffchainTransactionPoolFactory,
	sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair},
	*,
};
use restake_runtime::{apis::RuntimeApi, opaque::Block};
use std::{sync::Arc, time::Duration};

/// The full client: executes the runtime from wasm only.
pub(crate) type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLinkHalf = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// Blocks between two GRANDPA justifications the node imports and generates.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The parts of the node that subcommands (import, export, revert…) need too.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(GrandpaBlockImport, GrandpaLinkHalf, Option<Telemetry>),
>;

/// Builds the client, backend, import queue and transaction pool.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<sp_io::SubstrateHostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	let cidp_client = client.clone();
	let import_queue =
		sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
			block_import: grandpa_block_import.clone(),
			justification_import: Some(Box::new(grandpa_block_import.clone())),
			client: client.clone(),
			create_inherent_data_providers: move |parent_hash, _| {
				let cidp_client = cidp_client.clone();
				async move {
					let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
						&*cidp_client,
						parent_hash,
					)?;
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				}
			},
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			check_for_equivocation: Default::default(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			compatibility_mode: Default::default(),
		})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_block_import, grandpa_link, telemetry),
	})
}

/// Commands of the dev-sealing task: seal a block, finalize a block.
type SealCommand =
	sc_consensus_manual_seal::EngineCommand<<Block as sp_runtime::traits::Block>::Hash>;

/// Builds and starts a full node: networking, RPC, and (for authorities) Aura and GRANDPA, or
/// dev sealing when `sealing` is not [`Sealing::Aura`].
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	sealing: Sealing,
) -> Result<TaskManager, ServiceError> {
	if sealing != Sealing::Aura
		&& config.chain_spec.chain_type() != sc_service::ChainType::Development
	{
		return Err(ServiceError::Other(format!(
			"--sealing {sealing:?} replaces Aura and GRANDPA: only on a development chain (--dev)"
		)));
	}
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, mut telemetry),
	} = new_partial(&config)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let peer_store_handle = net_config.peer_store_handle();
	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the genesis block is missing".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	// Dev sealing runs no GRANDPA voter: registering its protocol and then dropping the handle
	// would fail every peer connection, so it is only registered on the Aura path.
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	let grandpa_notification_service = if sealing == Sealing::Aura {
		net_config.add_notification_protocol(grandpa_protocol_config);
		Some(grandpa_notification_service)
	} else {
		None
	};

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: false,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa && sealing == Sealing::Aura;
	let prometheus_registry = config.prometheus_registry().cloned();

	// Dev sealing takes its commands from the `engine_*` RPC (and, per mode, the pool or a timer).
	let (seal_commands, seal_command_stream) = futures::channel::mpsc::channel::<SealCommand>(1024);
	// `engine_*` can seal and finalize blocks at will: served only where unsafe RPC methods are
	// (the default on a local listen address, or `--rpc-methods unsafe`).
	let engine_rpc = sealing != Sealing::Aura && unsafe_rpc_everywhere(&config.rpc);
	if sealing != Sealing::Aura && !engine_rpc {
		if sealing == Sealing::Manual {
			return Err(ServiceError::Other(
				"--sealing manual needs engine_createBlock, an unsafe RPC method: not served on an \
				 external or `--rpc-methods safe` endpoint (pass --rpc-methods unsafe to serve it)"
					.into(),
			));
		}
		log::warn!(
			"engine_createBlock/engine_finalizeBlock not served: the RPC endpoint is external or \
			 safe-only (pass --rpc-methods unsafe to serve them)"
		);
	}
	let manual_seal = engine_rpc.then_some(seal_commands);

	let slash_feed =
		crate::rpc::slash_feed::SlashFeed::spawn(&task_manager.spawn_handle(), client.clone());
	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				slash_feed: slash_feed.clone(),
				manual_seal: manual_seal.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: Arc::new(network.clone()),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	crate::monitoring::spawn(
		&task_manager.spawn_handle(),
		client.clone(),
		prometheus_registry.as_ref(),
	)
	.map_err(|e| ServiceError::Other(format!("restaking gauges: {e}")))?;

	if sealing != Sealing::Aura {
		let proposer = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);
		start_dev_sealing(
			&task_manager,
			client,
			transaction_pool.clone(),
			select_chain,
			proposer,
			sealing,
			seal_command_stream,
		)?;
	} else if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;

		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;

		// Authoring is essential: if it fails, the node goes down with it.
		task_manager
			.spawn_essential_handle()
			.spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if let (true, Some(grandpa_notification_service)) =
		(enable_grandpa, grandpa_notification_service)
	{
		// Only authorities need a keystore to vote.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		let grandpa_params = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		// The voter is essential too: finality stops without it.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
		);
	}

	Ok(task_manager)
}

/// Starts the dev-sealing task in place of Aura: seals blocks on the commands of `sealing`'s
/// source (pool imports, a timer) and of the `engine_*` RPC, each block finalized at once.
fn start_dev_sealing(
	task_manager: &TaskManager,
	client: Arc<FullClient>,
	pool: Arc<sc_transaction_pool::TransactionPoolHandle<Block, FullClient>>,
	select_chain: FullSelectChain,
	proposer: sc_basic_authorship::ProposerFactory<
		sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
		FullClient,
	>,
	sealing: Sealing,
	rpc_commands: futures::channel::mpsc::Receiver<SealCommand>,
) -> Result<(), ServiceError> {
	use futures::{stream, StreamExt};
	use sc_transaction_pool_api::TransactionPool;

	let seal = |create_empty| SealCommand::SealNewBlock {
		create_empty,
		finalize: true,
		parent_hash: None,
		sender: None,
	};
	let commands: stream::BoxStream<'static, SealCommand> = match sealing {
		Sealing::Aura => return Ok(()),
		Sealing::Manual => rpc_commands.boxed(),
		Sealing::Instant => {
			let on_import = pool.import_notification_stream().map(move |_| seal(false));
			stream::select(on_import, rpc_commands).boxed()
		},
		Sealing::Interval(ms) => {
			let ticks = stream::unfold((), move |()| async move {
				futures_timer::Delay::new(Duration::from_millis(ms)).await;
				Some((seal(true), ()))
			});
			stream::select(ticks, rpc_commands).boxed()
		},
	};

	let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;
	let slot_ms = slot_duration.as_millis();
	let headers = client.clone();
	let sealer = sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
		block_import: client.clone(),
		env: proposer,
		client,
		pool,
		commands_stream: commands,
		select_chain,
		consensus_data_provider: Some(Box::new(
			sc_consensus_manual_seal::consensus::aura::AuraConsensusDataProvider::new_with_slot_duration(
				slot_duration,
			),
		)),
		create_inherent_data_providers: move |parent, ()| {
			let timestamp = timestamp_on(&*headers, parent, slot_ms);
			async move { Ok(sp_timestamp::InherentDataProvider::new(timestamp?.into())) }
		},
	});
	log::info!("🧪 dev sealing: {sealing:?} (Aura authoring and the GRANDPA voter are off)");
	// Sealing is essential: if it stops, the node goes down with it.
	task_manager.spawn_essential_handle().spawn_blocking(
		"dev-sealing",
		Some("block-authoring"),
		sealer,
	);
	Ok(())
}

/// Whether every RPC endpoint serves unsafe methods: `--rpc-methods unsafe`, or `auto` (the
/// default) on a loopback address.
fn unsafe_rpc_everywhere(rpc: &sc_service::config::RpcConfiguration) -> bool {
	use sc_service::config::RpcMethods;
	let allows = |methods: RpcMethods, ip: std::net::IpAddr| match methods {
		RpcMethods::Unsafe => true,
		RpcMethods::Safe => false,
		RpcMethods::Auto => ip.is_loopback(),
	};
	match &rpc.addr {
		Some(endpoints) => endpoints.iter().all(|e| allows(e.rpc_methods, e.listen_addr.ip())),
		None => allows(rpc.methods, std::net::Ipv4Addr::LOCALHOST.into()),
	}
}
