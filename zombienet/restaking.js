// zombienet js-script: the local testnet carries the restaking market from its genesis
// preset on every validator: vaults with their LRT, AVSs, allocations in force, policies.
// Storage queries only: zombienet's bundled @polkadot/api does not decorate runtime APIs.
// Returns 1 on success; throws otherwise.
async function run(nodeName, networkInfo) {
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);

	const vault = (await api.query.vaults.vaults(0)).unwrap();
	if (vault.lrt.toNumber() !== 1000) throw new Error(`vault 0 LRT is ${vault.lrt}`);
	const lrtSupply = (await api.query.assets.asset(1000)).unwrap().supply.toBigInt();
	if (lrtSupply !== vault.totalShares.toBigInt()) throw new Error('LRT supply differs from shares');

	// One rstETH (10^21 shares) redeems for exactly one stETH at genesis.
	const [A, S] = [vault.totalAssets.toBigInt(), vault.totalShares.toBigInt()];
	const perLrt = (10n ** 21n * (A + 1n)) / (S + 1000n);
	if (perLrt !== 10n ** 18n) throw new Error(`rate ${perLrt}`);

	const oracle = (await api.query.operators.avss(0)).unwrap();
	if (oracle.operatorCount.toNumber() !== 2) throw new Error('oracle AVS lacks its operators');
	const allocations = await api.query.operators.allocations.entries();
	if (allocations.length !== 3) throw new Error(`expected 3 genesis allocations, got ${allocations.length}`);

	const policy = (await api.query.slashing.policies(0)).unwrap();
	if (policy.vetoWindow.unwrap().toNumber() !== 10) throw new Error('oracle policy missing');

	console.log(`${nodeName}: vault 0 holds ${A} stETH units; ${allocations.length} allocations in force`);
	await api.disconnect();
	return 1;
}

module.exports = { run };
