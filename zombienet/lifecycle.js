// zombienet js-script: one phase of the restaking lifecycle, each waiting for finality.
//   deposit: Ferdie deposits 10 stETH into vault 0 and moves half his new rstETH to Alice
//            through the vault (rewards settle first);
//   stream:  the oracle AVS (Eve) funds a 20-block stream of 20 stETH;
//   claim:   Ferdie claims his LRT² rewards in one transaction.
// Returns 1 on success; throws otherwise.
const { finalized } = require('./lib/tx.js');

const LST = 10n ** 18n;

async function run(nodeName, networkInfo, args) {
	const phase = String(args[0]);
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	await zombie.util.cryptoWaitReady();
	const keyring = new zombie.Keyring({ type: 'sr25519' });
	const [ferdie, alice, eve] = ['//Ferdie', '//Alice', '//Eve'].map((u) => keyring.addFromUri(u));
	const lrtOf = async (who) =>
		(await api.query.assets.account(1000, who.address)).unwrapOr(null)?.balance.toBigInt() ?? 0n;

	if (phase === 'deposit') {
		const before = await lrtOf(ferdie);
		const { events } = await finalized(api, api.tx.vaults.deposit(0, 10n * LST), ferdie);
		const dep = events.find(({ event }) => api.events.vaults.Deposited.is(event));
		if (!dep) throw new Error('no Deposited event');
		const shares = dep.event.data.shares.toBigInt();
		if ((await lrtOf(ferdie)) - before !== shares) throw new Error('LRT not minted');
		const aliceBefore = await lrtOf(alice);
		await finalized(api, api.tx.vaults.transferShares(0, alice.address, shares / 2n), ferdie);
		if ((await lrtOf(alice)) - aliceBefore !== shares / 2n) throw new Error('LRT not moved');
		console.log(`Ferdie deposited 10 stETH for ${shares} rstETH units and sent half to Alice`);
	} else if (phase === 'stream') {
		const { events } = await finalized(api, api.tx.lrt2.fundStream(0, { WithId: 1 }, 20n * LST, 20), eve);
		const ev = events.find(({ event }) => api.events.lrt2.StreamFunded.is(event));
		if (!ev) throw new Error('no StreamFunded event');
		console.log(`stream ${ev.event.data.stream} funded`);
	} else if (phase === 'claim') {
		const before = (await api.query.assets.account(1, ferdie.address)).unwrap().balance.toBigInt();
		const { events } = await finalized(api, api.tx.lrt2.claim(), ferdie);
		const paid = events
			.filter(({ event }) => api.events.lrt2.Claimed.is(event))
			.reduce((sum, { event }) => sum + event.data.amount.toBigInt(), 0n);
		const after = (await api.query.assets.account(1, ferdie.address)).unwrap().balance.toBigInt();
		if (paid === 0n || after - before !== paid) throw new Error(`claimed ${paid}, received ${after - before}`);
		console.log(`Ferdie claimed ${paid} stETH units of rewards`);
	} else {
		throw new Error(`unknown phase ${phase}`);
	}
	await api.disconnect();
	return 1;
}

module.exports = { run };
