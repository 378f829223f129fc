// zombienet js-script: every node serves the same restaking state at the same finalized
// block (the restarted validator included, once it caught up). Returns 1; throws otherwise.
async function snapshot(api, hash) {
	const at = await api.at(hash);
	const ferdie = '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL';
	const [vault, totals, lrt, streams, pending] = await Promise.all([
		at.query.vaults.vaults(0),
		at.query.lrt2.totals({ WithId: 1 }),
		at.query.assets.account(1000, ferdie),
		at.query.lrt2.streams.entries(),
		at.query.lrt2.earned.entries(),
	]);
	return JSON.stringify({
		vault: vault.toJSON(),
		totals: totals.toJSON(),
		lrt: lrt.toJSON(),
		streams: streams.map(([k, v]) => [k.toHex(), v.toJSON()]).sort(),
		earned: pending.map(([k, v]) => [k.toHex(), v.toJSON()]).sort(),
	});
}

async function run(nodeName, networkInfo) {
	const ref = networkInfo.nodesByName[nodeName];
	const refApi = await zombie.connect(ref.wsUri, ref.userDefinedTypes);
	const hash = await refApi.rpc.chain.getFinalizedHead();
	const number = (await refApi.rpc.chain.getHeader(hash)).number.toNumber();
	const expected = await snapshot(refApi, hash);
	await refApi.disconnect();
	for (const [name, node] of Object.entries(networkInfo.nodesByName)) {
		const api = await zombie.connect(node.wsUri, node.userDefinedTypes);
		// Wait until this node has finalized the reference block.
		const deadline = Date.now() + 180_000;
		for (;;) {
			const fin = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
			if (fin >= number && (await api.rpc.chain.getBlockHash(number)).eq(hash)) break;
			if (Date.now() > deadline) throw new Error(`${name} did not finalize #${number} (at ${fin})`);
			await new Promise((r) => setTimeout(r, 1_000));
		}
		const got = await snapshot(api, hash);
		if (got !== expected) throw new Error(`${name} differs at #${number}:\n${got}\n!=\n${expected}`);
		console.log(`${name}: same restaking state at #${number}`);
		await api.disconnect();
	}
	return 1;
}

module.exports = { run };
