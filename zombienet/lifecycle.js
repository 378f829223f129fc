// zombienet js-script: one phase of the restaking lifecycle, each waiting for finality.
//   deposit: Ferdie deposits 10 stETH into vault 0 and moves half his new rstETH to Alice
//            through the vault (rewards settle first);
//   stream:  the oracle AVS (Eve) funds a 20-block stream of 20 stETH;
//   claim:   Ferdie claims his LRT² rewards in one transaction;
//   escape:  the escape attempt: the curator (Alice) starts winding vault 0's oracle
//            allocation down, then the oracle's slasher (Eve) requests a 5 % slash of
//            DaveStash; once the deallocation is due, settling it fails (StakeCaptured) and
//            the slash, executed, takes exactly ⌈5 % × the stake it captured⌉.
// Returns 1 on success; throws otherwise.
const { connectNode, finalized } = require('./lib/tx.js');

const LST = 10n ** 18n;

async function run(nodeName, networkInfo, args) {
	const phase = String(args[0]);
	const { api, keyring } = await connectNode(networkInfo, nodeName);
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
	} else if (phase === 'escape') {
		const daveStash = keyring.addFromUri('//Dave//stash');
		const head = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
		const until = async (block) => { while ((await head()) < block) await new Promise((r) => setTimeout(r, 1000)); };
		const dealloc = await finalized(api, api.tx.operators.allocate(0, daveStash.address, 0, 0), alice);
		const leavingAt = dealloc.events
			.find(({ event }) => api.events.operators.AllocationScheduled.is(event)).event.data.effectiveAt.toNumber();
		const req = await finalized(
			api, api.tx.slashing.requestSlash(0, daveStash.address, 50_000_000, '0x' + '11'.repeat(32), 'escape'), eve,
		);
		const ev = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event)).event.data;
		const [[vault, captured]] = ev.captured.map(([v, c]) => [v.toNumber(), c.toBigInt()]);
		if (vault !== 0 || captured === 0n) throw new Error('the request captured nothing of vault 0');
		if (leavingAt >= ev.expiresAt.toNumber()) throw new Error('the deallocation is not due while the request is pending');
		await until(Math.max(leavingAt, ev.executableAt.toNumber()));
		let escaped = false;
		try {
			await finalized(api, api.tx.operators.settleAllocation(0, daveStash.address, 0), alice);
			escaped = true;
		} catch (e) {
			if (!String(e).includes('operators.StakeCaptured')) throw e;
		}
		if (escaped) throw new Error('the captured stake left before the slash');
		const exec = await finalized(api, api.tx.slashing.executeSlash(ev.id), alice);
		const [[, taken]] = exec.events
			.find(({ event }) => api.events.slashing.SlashExecuted.is(event))
			.event.data.taken.map(([v, t]) => [v.toNumber(), t.toBigInt()]);
		const due = (captured * 5n + 99n) / 100n;
		if (taken !== due) throw new Error(`took ${taken}, expected ⌈5 % × ${captured}⌉ = ${due}`);
		console.log(`escape refused: deallocation due at #${leavingAt} held; the slash took ${taken} of ${captured} captured`);
	} else {
		throw new Error(`unknown phase ${phase}`);
	}
	await api.disconnect();
	return 1;
}

module.exports = { run };
