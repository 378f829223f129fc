// zombienet js-script: a runtime upgrade of a live network, one phase per call (zombienet runs
// js-scripts in its own process, so a phase leaves what it recorded in `globalThis`).
//   before:   the network runs spec 100 with the vaults pallet at storage version 1; Ferdie
//             deposits 10 stETH into vault 0; records vault 0 and Ferdie's LRT balance;
//   set-code: Alice (sudo) installs the current runtime with `sudo(system.set_code)`; the
//             block that applies it is finalized;
//   after:    every node finalized a block of the new spec; the vaults pallet is at storage
//             version 2, operators at 3 (every operator decodes), slashing at 3, and vault 0 opened its flow ledger with exactly the assets it held;
//             nothing else of the vault or Ferdie's LRT changed; finality advanced past the
//             upgrade; every node serves the same state; a new deposit is recorded in the flows.
// The new runtime is read from $RESTAKE_UPGRADE_WASM, else from the wasm build in the cargo
// target directory ($CARGO_TARGET_DIR, else ~/.cache/restake/target).
// Returns 1 on success; throws otherwise.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { connectNode, finalized } = require('./lib/tx.js');

const LST = 10n ** 18n;
const STETH = 1;
const VAULT = 0;
const OLD_SPEC = 100;

function wasmPath() {
	if (process.env.RESTAKE_UPGRADE_WASM) return process.env.RESTAKE_UPGRADE_WASM;
	const target = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/restake/target');
	return path.join(target, 'release/wbuild/restake-runtime/restake_runtime.compact.compressed.wasm');
}

async function finalizedHead(api) {
	const hash = await api.rpc.chain.getFinalizedHead();
	return { hash, number: (await api.rpc.chain.getHeader(hash)).number.toNumber() };
}

// A pallet's on-chain storage version, read from its raw key.
async function storageVersion(api, hash, pallet) {
	const key = zombie.util.xxhashAsHex(pallet, 128) + zombie.util.xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
	const raw = await api.rpc.state.getStorage(key, hash);
	return raw.isSome ? api.createType('u16', raw.unwrap()).toNumber() : 0;
}
const vaultsStorageVersion = (api, hash) => storageVersion(api, hash, 'Vaults');

async function lrtOf(at, lrtAsset, who) {
	return (await at.query.assets.account(lrtAsset, who)).unwrapOr(null)?.balance.toBigInt() ?? 0n;
}

async function run(nodeName, networkInfo, args) {
	const phase = String(args[0]);
	const { api, keyring } = await connectNode(networkInfo, nodeName);
	const [alice, ferdie] = ['//Alice', '//Ferdie'].map((u) => keyring.addFromUri(u));

	if (phase === 'before') {
		const spec = api.runtimeVersion.specVersion.toNumber();
		if (spec !== OLD_SPEC) throw new Error(`expected spec ${OLD_SPEC} before the upgrade, got ${spec}`);
		const { hash } = await finalizedHead(api);
		const version = await vaultsStorageVersion(api, hash);
		if (version !== 1) throw new Error(`expected vaults storage version 1, got ${version}`);
		const { events, block } = await finalized(api, api.tx.vaults.deposit(VAULT, 10n * LST), ferdie);
		if (!events.some(({ event }) => api.events.vaults.Deposited.is(event))) throw new Error('no Deposited event');
		const at = await api.at(block);
		const vault = (await at.query.vaults.vaults(VAULT)).unwrap();
		const lrtAsset = vault.lrt.toNumber();
		globalThis.restakeUpgrade = {
			vault: vault.toJSON(),
			total: vault.totalAssets.toBigInt(),
			queued: vault.queuedAssets.toBigInt(),
			lrtAsset,
			ferdieLrt: await lrtOf(at, lrtAsset, ferdie.address),
		};
		console.log(
			`spec ${spec}, vaults storage v${version}: Ferdie deposited 10 stETH; vault ${VAULT} holds ` +
				`${vault.totalAssets} active + ${vault.queuedAssets} queued`,
		);
	} else if (phase === 'set-code') {
		const code = fs.readFileSync(wasmPath());
		const call = api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(`0x${code.toString('hex')}`), {
			refTime: 0,
			proofSize: 0,
		});
		const { events, block } = await finalized(api, call, alice);
		const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
		if (!sudid || sudid.event.data.sudoResult.isErr) {
			throw new Error(`set_code failed: ${sudid ? sudid.event.data.sudoResult.toString() : 'no Sudid event'}`);
		}
		if (!events.some(({ event }) => api.events.system.CodeUpdated.is(event))) throw new Error('no CodeUpdated event');
		const number = (await api.rpc.chain.getHeader(block)).number.toNumber();
		globalThis.restakeUpgrade.codeBlock = number;
		console.log(`${code.length}-byte runtime set in finalized block #${number}`);
	} else if (phase === 'after') {
		const recorded = globalThis.restakeUpgrade;
		// Wait until finality is 3 blocks past the block that set the code.
		const deadline = Date.now() + 180_000;
		let head = await finalizedHead(api);
		while (head.number < recorded.codeBlock + 3) {
			if (Date.now() > deadline) throw new Error(`finality stuck at #${head.number} after the upgrade`);
			await new Promise((r) => setTimeout(r, 1_000));
			head = await finalizedHead(api);
		}
		await api.disconnect();
		// Every node, with the new metadata: new spec, migrated vault, same state.
		let reference = null;
		let newSpec = 0;
		for (const [name, node] of Object.entries(networkInfo.nodesByName)) {
			const nodeApi = await zombie.connect(node.wsUri, node.userDefinedTypes);
			const wait = Date.now() + 120_000;
			while ((await finalizedHead(nodeApi)).number < head.number) {
				if (Date.now() > wait) throw new Error(`${name} did not finalize #${head.number}`);
				await new Promise((r) => setTimeout(r, 1_000));
			}
			if (!(await nodeApi.rpc.chain.getBlockHash(head.number)).eq(head.hash)) {
				throw new Error(`${name} finalized another block at #${head.number}`);
			}
			const spec = (await nodeApi.rpc.state.getRuntimeVersion(head.hash)).specVersion.toNumber();
			if (spec <= OLD_SPEC) throw new Error(`${name} still runs spec ${spec}`);
			newSpec = spec;
			const version = await vaultsStorageVersion(nodeApi, head.hash);
			if (version !== 2) throw new Error(`${name}: vaults storage version ${version}, expected 2`);
			// Spec 102: the operators (exit delays) and slashing (captures) migrations ran too;
			// spec 104: slashing's operator index (version 3); spec 105: LRT² programme lists
			// (version 3); spec 106: operators without self-bond (version 3).
			for (const [pallet, expected] of [['Operators', 3], ['Slashing', 3], ['Lrt2', 3]]) {
				const v = await storageVersion(nodeApi, head.hash, pallet);
				if (v !== expected) throw new Error(`${name}: ${pallet} storage version ${v}, expected ${expected}`);
			}
			const at = await nodeApi.at(head.hash);
			// Every operator decodes in the new layout, its deposit still held.
			const operators = await at.query.operators.operators.entries();
			if (operators.length === 0 || operators.some(([, o]) => o.isNone || o.unwrap().deposit.toBigInt() === 0n)) {
				throw new Error(`${name}: operators after the migration: ${JSON.stringify(operators.map(([, o]) => o.toJSON()))}`);
			}
			const vault = (await at.query.vaults.vaults(VAULT)).unwrap();
			const flows = vault.flows;
			const expected = recorded.total + recorded.queued;
			if (
				vault.totalAssets.toBigInt() !== recorded.total ||
				vault.queuedAssets.toBigInt() !== recorded.queued ||
				flows.deposited.toBigInt() !== expected ||
				flows.rewarded.toBigInt() + flows.withdrawn.toBigInt() + flows.slashed.toBigInt() !== 0n
			) {
				throw new Error(`${name}: vault ${VAULT} after the migration: ${vault.toString()}`);
			}
			const { flows: _flows, ...rest } = vault.toJSON();
			if (JSON.stringify(rest) !== JSON.stringify(recorded.vault)) {
				throw new Error(`${name}: vault ${VAULT} changed beyond its flows:\n${JSON.stringify(rest)}\n!=\n${JSON.stringify(recorded.vault)}`);
			}
			if ((await lrtOf(at, recorded.lrtAsset, ferdie.address)) !== recorded.ferdieLrt) {
				throw new Error(`${name}: Ferdie's LRT changed across the upgrade`);
			}
			const snapshot = JSON.stringify([vault.toJSON(), (await at.query.lrt2.totals({ WithId: STETH })).toJSON()]);
			if (reference !== null && snapshot !== reference) throw new Error(`${name} serves another state`);
			reference = snapshot;
			console.log(`${name}: spec ${spec} at finalized #${head.number}; vault ${VAULT} migrated, flows.deposited = ${flows.deposited}`);
			await nodeApi.disconnect();
		}
		// The upgraded chain keeps working: a new deposit lands in the flows.
		const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
		const fresh = await zombie.connect(wsUri, userDefinedTypes);
		if (fresh.runtimeVersion.specVersion.toNumber() !== newSpec) throw new Error('the new connection sees another spec');
		const { block } = await finalized(fresh, fresh.tx.vaults.deposit(VAULT, 5n * LST), ferdie);
		const vault = (await (await fresh.at(block)).query.vaults.vaults(VAULT)).unwrap();
		const deposited = vault.flows.deposited.toBigInt();
		if (deposited !== recorded.total + recorded.queued + 5n * LST) {
			throw new Error(`flows.deposited ${deposited} after a 5 stETH deposit on the new runtime`);
		}
		console.log(`spec ${newSpec}: a 5 stETH deposit is finalized and recorded (flows.deposited = ${deposited})`);
		await fresh.disconnect();
		return 1;
	} else {
		throw new Error(`unknown phase ${phase}`);
	}
	await api.disconnect();
	return 1;
}

module.exports = { run };
