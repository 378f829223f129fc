// The LRT² reward ledger from polkadot.js against the real `restake-node --dev`: the genesis
// stream and points programmes, an AVS funding a stream, pending rewards by source through
// the runtime API and the `restake_*` RPC (equal values), and a one-transaction claim.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorName, sendAndWait } from './lib/node.mjs';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

const LST = 10n ** 18n;
const UNIT = 10n ** 12n;
const STETH = 1;
const ORACLE = 0; // AVS 0, owned by Eve, streams stETH from genesis
const DA = 1; // AVS 1, owned by Ferdie

describe('LRT² rewards on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let charlie;
	let ferdie;
	let eve;
	let bob;

	before(async () => {
		({ node, api, stop } = await startDevSuite({ rpc: true }));
		({ Charlie: charlie, Ferdie: ferdie, Eve: eve, Bob: bob } = devAccounts(['Charlie', 'Ferdie', 'Eve', 'Bob']));
	});

	after(async () => {
		await stop?.();
	});

	const waitBlocks = (n) => node.newBlocks(n);
	// `Source` as polkadot.js renders it: `{ avs: { avs, asset: { withId } | { native: null } } }`.
	const isAvs = (json, avs, assetId) =>
		json.avs?.avs === avs && (assetId === null ? 'native' in json.avs.asset : json.avs.asset.withId === assetId);
	const pendingViaApi = async (who, at) =>
		(await (await api.at(at)).call.lrt2Api.pendingRewards(who.address)).map(([source, amount]) => [
			source.toJSON(),
			amount.toBigInt(),
		]);
	const amountOf = (list, avs, assetId) => list.find(([json]) => isAvs(json, avs, assetId))?.[1];

	it('streams the Oracle AVS rewards from genesis, with its amounts readable', async () => {
		await waitBlocks(2);
		const stream = (await api.call.lrt2Api.stream(0)).unwrap();
		assert.equal(stream.stream.avs.toNumber(), ORACLE);
		assert.equal(stream.stream.amount.toBigInt(), 1_000n * LST);
		assert.ok(stream.stream.funder.eq(eve.publicKey), 'Eve (the AVS owner) funded it');
		const paid = stream.paid.toBigInt();
		assert.ok(paid > 0n, 'the stream has paid something by now');
		assert.equal(paid + stream.remaining.toBigInt() + stream.reclaimable.toBigInt(), 1_000n * LST);
		const rpc = (await api.rpc.restake.stream(0)).toJSON();
		assert.equal(rpc.funded, (1_000n * LST).toString());
		assert.equal(rpc.assetId, STETH);
		await assert.rejects(api.rpc.restake.stream(99), /8001.*StreamNotFound/);
	});

	it('shows a holder the same pending rewards by source via the runtime API and restake_* RPC', async () => {
		await waitBlocks(1);
		const at = await api.rpc.chain.getBlockHash();
		const viaApi = await pendingViaApi(charlie, at);
		const fromOracle = amountOf(viaApi, ORACLE, STETH);
		assert.ok(fromOracle > 0n, `Charlie earns from the Oracle stream: ${JSON.stringify(viaApi.map(([j]) => j))}`);
		const viaRpc = (await api.rpc.restake.pendingRewards(charlie.address, at)).toJSON();
		const oracle = viaRpc.find((r) => r.source === 'avs' && r.id === ORACLE && r.assetId === STETH);
		assert.equal(oracle.amount, fromOracle.toString(), 'RPC and runtime API agree');
		// Operator A (Dave's stash) takes its 10 % commission on the same stream.
		const opA = devAccounts(['Dave//stash']).Davestash;
		const commission = (await api.rpc.restake.pendingRewards(opA.address, at)).toJSON();
		assert.ok(commission.some((r) => r.source === 'commission' && r.id === ORACLE && BigInt(r.amount) > 0n));
	});

	it('lets an AVS fund a stream from polkadot.js and refuses wrong ones', async () => {
		const notOwner = await sendAndWait(api, api.tx.lrt2.fundStream(DA, 'Native', 100n * UNIT, 20), eve);
		assert.equal(errorName(api, notOwner.dispatchError), 'lrt2.NotAvsOwner');
		const tooShort = await sendAndWait(api, api.tx.lrt2.fundStream(DA, 'Native', 100n * UNIT, 1), ferdie);
		assert.equal(errorName(api, tooShort.dispatchError), 'lrt2.DurationOutOfRange');
		const zero = await sendAndWait(api, api.tx.lrt2.fundStream(DA, 'Native', 0, 20), ferdie);
		assert.equal(errorName(api, zero.dispatchError), 'lrt2.ZeroAmount');
		const held = async (who, reason) =>
			(await api.query.balances.holds(who.address))
				.filter((h) => JSON.stringify(h.id.toJSON()).includes(reason))
				.reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
		const streamHeldBefore = await held(ferdie, 'StreamDeposit');
		const funded = await sendAndWait(api, api.tx.lrt2.fundStream(DA, 'Native', 100n * UNIT, 10), ferdie);
		assert.equal(funded.dispatchError, undefined);
		// Issue 16, finding 8: the stream's record holds a deposit from its funder.
		assert.equal(await held(ferdie, 'StreamDeposit'), streamHeldBefore + UNIT);
		const now = (await api.rpc.chain.getHeader()).number.toNumber();
		const programmeId = (await api.query.lrt2.nextProgrammeId()).toNumber();
		const created = await sendAndWait(
			api,
			api.tx.lrt2.createProgramme({ Avs: DA }, 'Sprint', 1_000_000_000_000_000_000n, now + 3, now + 5),
			ferdie,
		);
		assert.equal(created.dispatchError, undefined);
		const early = await sendAndWait(api, api.tx.lrt2.closeStream(1), bob);
		assert.equal(errorName(api, early.dispatchError), 'lrt2.StreamStillRunning');
		const ev = funded.events.find(({ event }) => api.events.lrt2.StreamFunded.is(event));
		assert.equal(ev.event.data.stream.toNumber(), 1);
		assert.equal(ev.event.data.amount.toBigInt(), 100n * UNIT);
		await waitBlocks(12);
		const status = (await api.call.lrt2Api.stream(1)).unwrap();
		assert.equal(status.remaining.toBigInt(), 0n, 'the 10-block stream has paid out');
		assert.equal(status.paid.toBigInt(), 100n * UNIT, 'all of it to stake (vault 0 backs the DA AVS)');
		const pending = await pendingViaApi(charlie, await api.rpc.chain.getBlockHash());
		// Charlie is vault 0's only holder: 90 % after Operator A's commission, minus rounding
		// dust (at most one unit per credit).
		const native = amountOf(pending, DA, null);
		assert.ok(native <= 90n * UNIT && native >= 90n * UNIT - 20n, `Charlie's DA rewards: ${native}`);
		// Anyone closes the finished stream and the ended programme: records go, deposits
		// return, the programme's slot is free, and the points it paid stay.
		const closed = await sendAndWait(api, api.tx.lrt2.closeStream(1), bob);
		assert.equal(closed.dispatchError, undefined);
		assert.ok(closed.events.some(({ event }) => api.events.lrt2.StreamClosed.is(event)));
		assert.ok((await api.query.lrt2.streams(1)).isNone, 'the record is gone');
		assert.equal(await held(ferdie, 'StreamDeposit'), streamHeldBefore);
		const programmeHeld = await held(ferdie, 'ProgrammeDeposit');
		const closedProgramme = await sendAndWait(api, api.tx.lrt2.closeProgramme(programmeId), bob);
		assert.equal(closedProgramme.dispatchError, undefined);
		assert.ok(closedProgramme.events.some(({ event }) => api.events.lrt2.ProgrammeClosed.is(event)));
		assert.equal(await held(ferdie, 'ProgrammeDeposit'), programmeHeld - UNIT);
		// Its slot frees once every vault backing the DA AVS has been credited up to its end:
		// anyone pokes them.
		const vaults = (await api.query.vaults.nextVaultId()).toNumber();
		const poked = await sendAndWait(api, api.tx.utility.batch([...Array(vaults).keys()].map((v) => api.tx.lrt2.poke(v))), bob);
		assert.equal(poked.dispatchError, undefined);
		assert.ok(!(await api.query.lrt2.avsProgrammes(DA)).some((p) => p.toNumber() === programmeId));
		assert.ok((await api.query.lrt2.programmes(programmeId)).isNone, 'the record is gone');
		const points = (await api.call.lrt2Api.points(charlie.address)).find(([p]) => p.toNumber() === programmeId);
		assert.ok(points && points[1].toBigInt() > 0n, 'Charlie keeps the points of the closed programme');
	});

	it('accrues points visibly and lets anyone read them', async () => {
		const before = (await api.call.lrt2Api.points(charlie.address)).map(([p, n]) => [p.toNumber(), n.toBigInt()]);
		await waitBlocks(2);
		const after = (await api.call.lrt2Api.points(charlie.address)).map(([p, n]) => [p.toNumber(), n.toBigInt()]);
		const season = (list) => list.find(([p]) => p === 0)?.[1] ?? 0n;
		assert.ok(season(after) > season(before), `"rstETH Season 1" points grow: ${season(before)} → ${season(after)}`);
		const rpc = (await api.rpc.restake.points(charlie.address)).toJSON();
		assert.ok(rpc.some((r) => r.source === 'points' && r.id === 0 && BigInt(r.amount) > 0n));
		const dao = rpc.find((r) => r.source === 'points' && r.id === 1);
		assert.ok(dao && BigInt(dao.amount) > 0n, 'DA points for stake allocated to the DA AVS');
	});

	it('claims every source and asset in one transaction; totals reconcile to the unit', async () => {
		const stethBefore = (await api.query.assets.account(STETH, charlie.address)).unwrap().balance.toBigInt();
		const nativeBefore = (await api.query.system.account(charlie.address)).data.free.toBigInt();
		const claimed = await sendAndWait(api, api.tx.lrt2.claim(), charlie);
		assert.equal(claimed.dispatchError, undefined);
		const paid = claimed.events
			.filter(({ event }) => api.events.lrt2.Claimed.is(event))
			.map(({ event }) => [event.data.source.toJSON(), event.data.amount.toBigInt()]);
		const steth = amountOf(paid, ORACLE, STETH);
		const native = amountOf(paid, DA, null);
		assert.ok(steth > 0n && native > 0n, `one claim paid both assets: ${JSON.stringify(paid.map(([j]) => j))}`);
		const stethAfter = (await api.query.assets.account(STETH, charlie.address)).unwrap().balance.toBigInt();
		assert.equal(stethAfter - stethBefore, steth, 'stETH received = Claimed amount');
		const fee = claimed.events
			.filter(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event))
			.reduce((sum, { event }) => sum + event.data.actualFee.toBigInt(), 0n);
		const nativeAfter = (await api.query.system.account(charlie.address)).data.free.toBigInt();
		assert.equal(nativeAfter - nativeBefore, native - fee, 'RSTK received = Claimed amount − fee');
		const nothing = await sendAndWait(api, api.tx.lrt2.claim(), bob);
		assert.equal(errorName(api, nothing.dispatchError), 'lrt2.NothingToClaim');
	});

	it('lets anyone settle a holder into its claimable entries, and only a holder (issue 16)', async () => {
		const earned = async () =>
			(await api.query.lrt2.earned.entries(charlie.address)).reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
		const before = await earned();
		await waitBlocks(2);
		// Bob settles Charlie (vault 0, rstETH): what Charlie earned since becomes claimable.
		const settled = await sendAndWait(api, api.tx.lrt2.settle(0, charlie.address), bob);
		assert.equal(settled.dispatchError, undefined);
		const after = await earned();
		assert.ok(after > before, `Charlie's claimable entries grew: ${before} → ${after}`);
		const notHolder = await sendAndWait(api, api.tx.lrt2.settle(0, bob.address), bob);
		assert.equal(errorName(api, notHolder.dispatchError), 'lrt2.NotAHolder');
		const noVault = await sendAndWait(api, api.tx.lrt2.settle(99, charlie.address), bob);
		assert.equal(errorName(api, noVault.dispatchError), 'lrt2.VaultNotFound');
	});

	it('claims from one vault, and reserves under 1 RSTK for either claim (issue 18)', async () => {
		await waitBlocks(2);
		// The fee a wallet must hold: claim reserves its settlement budget (two vaults' worst
		// case; it resumes where it stopped), claim_from one vault's worst case.
		const all = (await api.tx.lrt2.claim().paymentInfo(charlie)).partialFee.toBigInt();
		const one = (await api.tx.lrt2.claimFrom([0]).paymentInfo(charlie)).partialFee.toBigInt();
		assert.ok(one < all, `claim_from([0]) reserves ${one}, claim ${all}`);
		assert.ok(all < UNIT, `claim reserves under 1 RSTK: ${all}`);
		assert.ok(one < UNIT, `claim_from([0]) reserves under 1 RSTK: ${one}`);
		const stethBefore = (await api.query.assets.account(STETH, charlie.address)).unwrap().balance.toBigInt();
		const claimed = await sendAndWait(api, api.tx.lrt2.claimFrom([0]), charlie);
		assert.equal(claimed.dispatchError, undefined);
		const steth = amountOf(
			claimed.events
				.filter(({ event }) => api.events.lrt2.Claimed.is(event))
				.map(({ event }) => [event.data.source.toJSON(), event.data.amount.toBigInt()]),
			ORACLE,
			STETH,
		);
		assert.ok(steth > 0n, 'the Oracle stream share of vault 0 was paid');
		const stethAfter = (await api.query.assets.account(STETH, charlie.address)).unwrap().balance.toBigInt();
		assert.equal(stethAfter - stethBefore, steth, 'stETH received = Claimed amount');
		// Bob holds none of vault 0's LRT: a specific error, nothing charged beyond the fee.
		const notHolder = await sendAndWait(api, api.tx.lrt2.claimFrom([0]), bob);
		assert.equal(errorName(api, notHolder.dispatchError), 'lrt2.NotAHolder');
	});

	it('refuses junk reward assets and every pallet-assets call on LRT ids (issue 16)', async () => {
		// Anyone can create an asset, but it cannot become a reward.
		const created = await sendAndWait(api, api.tx.assets.create(77, bob.address, 1), bob);
		assert.equal(created.dispatchError, undefined);
		await sendAndWait(api, api.tx.assets.mint(77, bob.address, 1_000_000), bob);
		const junk = await sendAndWait(api, api.tx.lrt2.rewardVault(0, { WithId: 77 }, 10), bob);
		assert.equal(errorName(api, junk.dispatchError), 'lrt2.AssetNotListed');
		const listed = (await api.query.lrt2.rewardAssets()).toJSON();
		assert.equal(listed.length, 4, `native and three LSTs listed: ${JSON.stringify(listed)}`);
		// The next vault's LRT id cannot be squatted, nor any LRT touched, even in a batch.
		const nextLrt = 1000 + (await api.query.vaults.nextVaultId()).toNumber();
		const squat = await sendAndWait(api, api.tx.assets.create(nextLrt, bob.address, 1), bob);
		assert.equal(errorName(api, squat.dispatchError), 'system.CallFiltered');
		const touch = await sendAndWait(api, api.tx.assets.touch(1000), bob);
		assert.equal(errorName(api, touch.dispatchError), 'system.CallFiltered');
		const batch = await sendAndWait(api, api.tx.utility.batchAll([api.tx.assets.refund(1000, true)]), charlie);
		assert.equal(errorName(api, batch.dispatchError), 'system.CallFiltered');
		assert.ok((await api.query.assets.asset(nextLrt)).isNone, 'the next LRT id is still free');
	});
});
