// zombienet js-script: node faults. One phase per call (zombienet runs js-scripts in its own
// process, so a phase can leave a background task for a later one in `globalThis`).
//   flow-start:    starts sending transfers from //Bob through this node, one after the other,
//                  for 45 s, in the background; returns at once;
//   flow-check:    waits for that flow; every transfer was included in a block that is now
//                  finalized and canonical, and finality advanced while the flow ran;
//   record:        records this node's finalized block and the restaking state at it;
//   after-restart: after the whole network restarted from its databases, every node has
//                  finalized past the recorded block, holds it unchanged, serves the same
//                  state at it, and finality advances again.
// Returns 1 on success; throws otherwise.
const FLOW_SECONDS = 45;

async function finalizedNumber(api) {
	return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

async function state(api, hash) {
	const at = await api.at(hash);
	const [vaults, totals, pools] = await Promise.all([
		at.query.vaults.vaults.entries(),
		at.query.lrt2.totals.entries(),
		at.query.operators.vaultMagnitudes.entries(),
	]);
	const json = (entries) => entries.map(([k, v]) => [k.toHex(), v.toJSON()]).sort();
	return JSON.stringify({ vaults: json(vaults), totals: json(totals), pools: json(pools) });
}

async function flow(api) {
	const keyring = new zombie.Keyring({ type: 'sr25519' });
	const [bob, charlie] = ['//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
	const included = [];
	const startFinal = await finalizedNumber(api);
	const end = Date.now() + FLOW_SECONDS * 1_000;
	while (Date.now() < end) {
		const block = await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('transfer not included in 60 s')), 60_000);
			api.tx.balances
				.transferKeepAlive(charlie.address, 1_000_000_000n)
				.signAndSend(bob, { nonce: -1 }, ({ status, dispatchError }) => {
					if (dispatchError) {
						clearTimeout(timer);
						reject(new Error(`transfer failed: ${dispatchError.toString()}`));
					}
					if (status.isInBlock) {
						clearTimeout(timer);
						resolve(status.asInBlock);
					}
				})
				.catch(reject);
		});
		const number = (await api.rpc.chain.getHeader(block)).number.toNumber();
		included.push([number, block.toHex()]);
	}
	return { included, startFinal, endFinal: await finalizedNumber(api) };
}

async function run(nodeName, networkInfo, args) {
	const phase = String(args[0]);
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	if (phase === 'flow-start') {
		const api = await zombie.connect(wsUri, userDefinedTypes);
		await zombie.util.cryptoWaitReady();
		globalThis.restakeFlow = flow(api).finally(() => api.disconnect());
		// Unhandled until flow-check awaits it.
		globalThis.restakeFlow.catch(() => {});
		return 1;
	}
	const api = await zombie.connect(wsUri, userDefinedTypes);
	if (phase === 'flow-check') {
		const { included, startFinal, endFinal } = await globalThis.restakeFlow;
		if (included.length < 5) throw new Error(`only ${included.length} transfers included`);
		if (endFinal < startFinal + 5) throw new Error(`finality ${startFinal} → ${endFinal} during the fault`);
		const last = Math.max(...included.map(([n]) => n));
		const deadline = Date.now() + 120_000;
		while ((await finalizedNumber(api)) < last) {
			if (Date.now() > deadline) throw new Error(`#${last} not finalized`);
			await new Promise((r) => setTimeout(r, 1_000));
		}
		for (const [number, hash] of included) {
			if ((await api.rpc.chain.getBlockHash(number)).toHex() !== hash) {
				throw new Error(`transfer block #${number} ${hash} is not canonical`);
			}
		}
		console.log(`${included.length} transfers finalized while a validator was killed and restarted; finality ${startFinal} → ${endFinal}`);
	} else if (phase === 'record') {
		const hash = await api.rpc.chain.getFinalizedHead();
		const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
		globalThis.restakeRecorded = { number, hash: hash.toHex(), state: await state(api, hash) };
		console.log(`recorded finalized #${number} ${hash.toHex()}`);
	} else if (phase === 'after-restart') {
		const { number, hash, state: expected } = globalThis.restakeRecorded;
		for (const [name, node] of Object.entries(networkInfo.nodesByName)) {
			const nodeApi = await zombie.connect(node.wsUri, node.userDefinedTypes);
			const deadline = Date.now() + 240_000;
			let fin = await finalizedNumber(nodeApi);
			while (fin < number + 3) {
				if (Date.now() > deadline) throw new Error(`${name}: finality stuck at #${fin} after the restart`);
				await new Promise((r) => setTimeout(r, 1_000));
				fin = await finalizedNumber(nodeApi);
			}
			if ((await nodeApi.rpc.chain.getBlockHash(number)).toHex() !== hash) {
				throw new Error(`${name}: finalized #${number} changed across the restart`);
			}
			if ((await state(nodeApi, hash)) !== expected) throw new Error(`${name}: state at #${number} changed`);
			console.log(`${name}: finalized #${number} kept, finality now at #${fin}`);
			await nodeApi.disconnect();
		}
	} else {
		throw new Error(`unknown phase ${phase}`);
	}
	await api.disconnect();
	return 1;
}

module.exports = { run };
