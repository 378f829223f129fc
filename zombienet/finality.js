// zombienet js-script: finality advances by at least 5 blocks within 60 s (run while one of
// the four validators is down). Returns 1 on success; throws otherwise.
async function run(nodeName, networkInfo) {
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	const number = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
	const start = await number();
	const deadline = Date.now() + 60_000;
	while ((await number()) < start + 5) {
		if (Date.now() > deadline) throw new Error(`finality stuck at ${await number()} (from ${start})`);
		await new Promise((r) => setTimeout(r, 1_000));
	}
	console.log(`${nodeName}: finalized ${start} → ${await number()} with one validator down`);
	await api.disconnect();
	return 1;
}

module.exports = { run };
