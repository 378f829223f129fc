// Risk and yield you can read (issue 21), against the real `restake-node --dev`: the profile
// RPCs agree with the runtime API and with values computed by hand from the dev genesis, the
// market pages enforce their limit, `restake_subscribeSlashes` pushes an executed slash to the
// subscribers whose filter it matches, and the node's Prometheus endpoint shows the restaking
// gauges before and after it.
//
// Dev genesis: vault 0 holds Charlie's 100 stETH (100 LRT of 21 decimals), 40 % allocated to
// (DaveStash, oracle) and 30 % to (DaveStash, DA); vault 1 Dave's 1 000 RSTK, 50 % to
// (EveStash, oracle). The oracle is vetoable (50 % per incident, 100 % per epoch), the DA
// instant (20 % / 50 %). The oracle streams 1 000 stETH over 28 800 blocks; DaveStash takes 10 %.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { errorName, sendAndWait, startDevNode } from './lib/node.mjs';

const STETH = 10n ** 18n;
const RSTK = 10n ** 12n;
const ORACLE = 0;
const DA = 1;
const PERCENT = 10_000_000; // Perbill parts
// ⌊2·10^21/28 800⌋ − ⌊10^21/28 800⌋: what the oracle stream pays per block.
const STREAM_STEP = 34_722_222_222_222_222n;
const ORACLE_WEIGHT = 40n * STETH + 250n * RSTK;

describe('risk and yield views, slash feed and gauges on restake-node --dev', () => {
	let node;
	let api;
	let k;
	const rpc = (method, ...params) => api._rpcCore.provider.send(method, params);

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode();
		api = node.api;
		const keyring = new Keyring({ type: 'sr25519', ss58Format: 4242 });
		k = {
			alice: keyring.addFromUri('//Alice'),
			ferdie: keyring.addFromUri('//Ferdie'),
			daveStash: keyring.addFromUri('//Dave//stash'),
			eveStash: keyring.addFromUri('//Eve//stash'),
		};
	});

	after(async () => {
		await node?.stop();
	});

	it("shows vault 0's exposure, worst case and rates as computed by hand", async () => {
		const p = await rpc('restake_vaultProfile', 0);
		assert.equal(p.vault, 0);
		assert.equal(p.assetId, 1);
		assert.equal(p.lrtDecimals, 21);
		assert.equal(p.totalAssets, String(100n * STETH));
		assert.equal(p.assetsPerLrt, String(STETH));
		assert.equal(p.curator, k.alice.address);
		const oracle = p.exposures.find((e) => e.avs === ORACLE);
		const da = p.exposures.find((e) => e.avs === DA);
		assert.equal(oracle.operator, k.daveStash.address);
		assert.equal(oracle.stake, String(40n * STETH));
		assert.equal(oracle.policy.vetoWindow, 10);
		assert.equal(oracle.policy.status, 'enabled');
		assert.equal(oracle.policy.destination, null);
		assert.equal(da.policy.destination, k.ferdie.address);
		assert.equal(oracle.worstLossPerIncident, String(20n * STETH));
		assert.equal(da.worstLossPerEpoch, String(15n * STETH));
		// 50 % of 40 + 20 % of 30; 100 % of 40 + 50 % of 30.
		assert.equal(p.worstLossPerIncident, String(26n * STETH));
		assert.equal(p.worstLossPerEpoch, String(55n * STETH));
		const toPair = (STREAM_STEP * 40n * STETH) / ORACLE_WEIGHT;
		const perBlock = toPair - toPair / 10n;
		assert.equal(p.rewardRates.length, 1);
		const [rate] = p.rewardRates;
		assert.deepEqual([rate.kind, rate.avs, rate.assetId, rate.until], ['avs', ORACLE, 1, 28_800]);
		assert.equal(rate.perBlock, String(perBlock));
		assert.equal(rate.perLrtPerDay, String((perBlock * 28_800n) / 100n));
		assert.equal(rate.perLrtPerYear, String((perBlock * 28_800n * 365n) / 100n));
		assert.equal(rate.aprPpb, String((perBlock * 28_800n * 365n * 1_000_000_000n) / (100n * STETH)));
		// What is left of the stream (1 000 stETH, less what blocks so far paid), in the same
		// share: 90 % of 40/40.00025 of it.
		const due = (1_000n * STETH * BigInt(await node.head())) / 28_800n;
		const left = ((1_000n * STETH - due) * 40n * STETH) / ORACLE_WEIGHT;
		assert.equal(rate.remaining, String(left - left / 10n));
		assert.deepEqual([p.scheduledWorstLossPerIncident, p.scheduledWorstLossPerEpoch], [p.worstLossPerIncident, p.worstLossPerEpoch]);
		assert.deepEqual(p.pointsRates.map((r) => [r.programme, r.name, r.perBlock, r.perLrtPerDay]), [
			[0, 'rstETH Season 1', '1000', String(1000 * 288)],
			[1, 'DA points', '30', String(30 * 288)],
		]);

		// The runtime API (decoded by polkadot.js from the metadata) says the same.
		const call = (await api.call.restakeViewsApi.vaultProfile(0)).unwrap();
		assert.equal(call.worstLossPerIncident.toBigInt(), 26n * STETH);
		assert.equal(call.rewardRates[0].perBlock.toBigInt(), perBlock);
	});

	it("shows an AVS's concentration and an operator's stake per AVS", async () => {
		const avs = await rpc('restake_avsProfile', ORACLE);
		assert.equal(avs.name, 'Restake Oracle');
		assert.equal(avs.totalWeightedStake, String(ORACLE_WEIGHT));
		assert.deepEqual(avs.operators.map((o) => [o.operator, o.sharePpb]), [
			[k.daveStash.address, 999_993_750],
			[k.eveStash.address, 6_249],
		]);
		assert.equal(avs.largestSharePpb, 999_993_750);
		assert.equal(avs.herfindahlPpb, 999_987_500);
		assert.equal(avs.streams[0].perBlock, String(STREAM_STEP));
		const op = await rpc('restake_operatorProfile', k.daveStash.address);
		assert.equal(op.commissionPpb, 10 * PERCENT);
		assert.deepEqual(op.avss.map((a) => [a.avs, a.status, a.weightedStake]), [
			[ORACLE, 'active', String(40n * STETH)],
			[DA, 'active', String(30n * STETH)],
		]);
	});

	it('returns null for unknown ids and enforces the page limit', async () => {
		assert.equal(await rpc('restake_vaultProfile', 99), null);
		assert.equal(await rpc('restake_avsProfile', 99), null);
		assert.equal(await rpc('restake_operatorProfile', k.ferdie.address), null);
		const page = await rpc('restake_vaultProfiles', 0, 1);
		assert.deepEqual([page.items.length, page.items[0].vault, page.next], [1, 0, 1]);
		const rest = await rpc('restake_vaultProfiles', page.next, 16);
		assert.deepEqual([rest.items.length, rest.next], [1, null]);
		assert.equal((await rpc('restake_avsProfiles', null, null)).items.length, 2);
		const operators = await rpc('restake_operatorProfiles', null, 1);
		const next = await rpc('restake_operatorProfiles', operators.next, 1);
		assert.notEqual(operators.items[0].operator, next.items[0].operator);
		await assert.rejects(rpc('restake_vaultProfiles', 0, 17), /8003.*InvalidLimit/);
		await assert.rejects(rpc('restake_operatorProfiles', null, 0), /8003.*InvalidLimit/);
	});

	it('refuses a malformed subscription filter by name', async () => {
		const subscribe = (filter) => new Promise((resolve, reject) => {
			api._rpcCore.provider
				.subscribe('restake_slashEvent', 'restake_subscribeSlashes', [filter], () => {})
				.then(resolve, reject);
		});
		await assert.rejects(subscribe({ vaults: 0 }), /8004.*InvalidFilter.*unknown field `vaults`/);
		await assert.rejects(subscribe({ operator: 'not-an-address' }), /8004.*InvalidFilter/);
		await assert.rejects(subscribe({ avs: -1 }), /8004.*InvalidFilter/);
		await assert.rejects(subscribe([1]), /8004.*InvalidFilter/);
		await assert.rejects(subscribe({ finalized: 'yes' }), /8004.*InvalidFilter.*finalized/);
		// Alice's address in Polkadot's format (0) is another network's.
		const polkadot = new Keyring({ type: 'sr25519', ss58Format: 0 }).addFromUri('//Alice').address;
		await assert.rejects(subscribe({ operator: polkadot }), /8004.*InvalidFilter.*another network/);
	});

	it('pushes a veto, with the vaults its request captured, to a vault subscriber and a finalized one', async () => {
		const vault0 = [];
		const finalized = [];
		const subscribe = (filter, into) =>
			api._rpcCore.provider.subscribe('restake_slashEvent', 'restake_subscribeSlashes', [filter], (err, item) => {
				if (!err) into.push(item);
			});
		const subs = [await subscribe({ vault: 0 }, vault0), await subscribe({ finalized: true, avs: ORACLE }, finalized)];
		// Eve (the oracle's slasher) asks for 10 % of DaveStash's oracle stake; Ferdie vetoes it
		// in a later block.
		const eve = new Keyring({ type: 'sr25519', ss58Format: 4242 }).addFromUri('//Eve');
		let { dispatchError } = await sendAndWait(
			api,
			api.tx.slashing.requestSlash(ORACLE, k.daveStash.address, 10 * PERCENT, '0x' + '11'.repeat(32), 'late'),
			eve,
		);
		assert.equal(errorName(api, dispatchError), null);
		const id = (await api.query.slashing.nextSlashId()).toNumber() - 1;
		({ dispatchError } = await sendAndWait(api, api.tx.slashing.vetoSlash(id), k.ferdie));
		assert.equal(errorName(api, dispatchError), null);
		const deadline = Date.now() + 20_000;
		while ((vault0.length < 2 || finalized.length < 2) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 100));
		}
		const captured = [{ vault: 0, amount: String(40n * STETH) }];
		for (const feed of [vault0, finalized]) {
			assert.deepEqual(feed.map((e) => [e.kind, e.id]), [['requested', id], ['vetoed', id]]);
			assert.deepEqual(feed[1].vaults, captured);
			assert.equal(feed[1].operator, k.daveStash.address);
		}
		for (const sub of subs) await api._rpcCore.provider.unsubscribe('restake_slashEvent', 'restake_unsubscribeSlashes', sub);
		const record = (await rpc('restake_avsProfile', ORACLE)).slashRecord;
		assert.deepEqual([record.settled, record.vetoed, record.latest[0].outcome], [1, 1, 'vetoed']);
	});

	it('pushes an executed slash to matching subscribers and shows it in the gauges', async () => {
		// Prometheus text format: `name{label="value",…} number`, labels in any order.
		const metrics = async () => {
			const text = await (await fetch(`http://127.0.0.1:${node.promPort}/metrics`)).text();
			const value = (name, labels = {}) => {
				const wanted = Object.entries(labels).map(([l, v]) => `${l}="${v}"`);
				const line = text.split('\n').find((l) => {
					const [metric, rest] = [l.split(/[{ ]/)[0], l.slice(0, l.lastIndexOf(' '))];
					return metric === name && wanted.every((w) => rest.includes(w));
				});
				return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
			};
			return { text, value };
		};
		let m = await metrics();
		assert.equal(m.value('restake_vault_total_assets', { vault: 0 }), 100e18);
		assert.equal(m.value('restake_vault_assets_per_lrt', { vault: 1 }), 1e12);
		assert.equal(m.value('restake_ledger_solvent', { asset: 1 }), 1);
		// It holds the 10^6 minimum balance of its stETH account above what it owes: exact.
		assert.equal(m.value('restake_ledger_solvency_margin', { asset: 1 }), 1e6);
		assert.ok(m.value('restake_streams_remaining', { asset: 1 }) > 0, m.text);
		assert.equal(m.value('restake_streams_running', { asset: 1 }), 1);
		assert.equal(m.value('restake_pending_slashes'), 0);
		assert.equal(m.value('restake_pending_slashes_by_avs', { avs: 0 }), undefined);

		const received = { vault0: [], oracleOnly: [] };
		const subscribe = (filter, into) =>
			api._rpcCore.provider.subscribe('restake_slashEvent', 'restake_subscribeSlashes', [filter], (err, item) => {
				if (!err) into.push(item);
			});
		const subs = [await subscribe({ vault: 0 }, received.vault0), await subscribe({ avs: ORACLE }, received.oracleOnly)];

		// Ferdie, the DA's slasher, takes 10 % of DaveStash's DA stake: 3 of vault 0's 30 stETH.
		const { dispatchError, blockHash } = await sendAndWait(
			api,
			api.tx.slashing.requestSlash(DA, k.daveStash.address, 10 * PERCENT, '0x' + '22'.repeat(32), 'withheld data'),
			k.ferdie,
		);
		assert.equal(errorName(api, dispatchError), null);
		const block = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
		const deadline = Date.now() + 20_000;
		while (received.vault0.length < 2 && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 100));
		}
		assert.deepEqual(received.vault0.map((e) => e.kind), ['requested', 'executed']);
		const executed = received.vault0[1];
		assert.equal(executed.blockNumber, block);
		assert.equal(executed.blockHash, blockHash.toHex());
		assert.deepEqual([executed.avs, executed.operator, executed.fractionPpb], [DA, k.daveStash.address, 10 * PERCENT]);
		assert.deepEqual(executed.vaults, [{ vault: 0, amount: String(3n * STETH) }]);
		// Another block passes: the oracle-only subscriber heard nothing of the DA's slash.
		await node.newBlocks(1);
		assert.deepEqual(received.oracleOnly, []);
		for (const id of subs) await api._rpcCore.provider.unsubscribe('restake_slashEvent', 'restake_unsubscribeSlashes', id);

		const p = await rpc('restake_vaultProfile', 0);
		assert.equal(p.totalAssets, String(97n * STETH));
		assert.equal(p.operatorsSlashRecord.executed, 1);
		assert.equal(p.operatorsSlashRecord.vetoed, 1);
		assert.deepEqual(p.operatorsSlashRecord.latest[0].taken, executed.vaults);

		m = await metrics();
		assert.equal(m.value('restake_vault_total_assets', { vault: 0 }), 97e18);
		assert.ok(m.value('restake_monitor_block') >= block);
	});
});

describe('the slash feed across a re-organisation (manual sealing, forks by engine_createBlock)', () => {
	let node;
	after(async () => {
		await node?.stop();
	});

	it('retracts the events of a block that left the best chain; the finalized feed never had them', async () => {
		await cryptoWaitReady();
		node = await startDevNode([], { sealing: 'manual' });
		const { api } = node;
		const provider = api._rpcCore.provider;
		const rpc = (method, ...params) => provider.send(method, params);
		const keyring = new Keyring({ type: 'sr25519', ss58Format: 4242 });
		const [ferdie, daveStash] = [keyring.addFromUri('//Ferdie'), keyring.addFromUri('//Dave//stash')];
		const best = [];
		const finalized = [];
		const subscribe = (filter, into) =>
			provider.subscribe('restake_slashEvent', 'restake_subscribeSlashes', [filter], (err, item) => {
				if (!err) into.push(item);
			});
		await subscribe(null, best);
		await subscribe({ finalized: true }, finalized);
		const create = async (parent) => (await rpc('engine_createBlock', true, false, parent)).hash;
		const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

		const root = (await rpc('engine_createBlock', true, true, null)).hash;
		const a1 = await create(root);
		// Ferdie's instant DA slash, mortal from A1: valid on branch A only.
		const height = (await api.rpc.chain.getHeader(a1)).number.toNumber();
		await api.tx.slashing
			.requestSlash(DA, daveStash.address, 10 * PERCENT, '0x' + '66'.repeat(32), 'branch A')
			.signAndSend(ferdie, { blockHash: a1, era: api.createType('ExtrinsicEra', { current: height, period: 64 }) });
		for (let i = 0; i < 50 && (await api.rpc.author.pendingExtrinsics()).length < 1; i++) await sleep(100);
		const a2 = await create(a1);
		for (let i = 0; i < 50 && best.length < 2; i++) await sleep(100);
		assert.deepEqual(best.map((e) => [e.kind, e.blockHash, e.retracted]), [['requested', a2, false], ['executed', a2, false]]);

		// Branch B from the root, in a later slot (so its blocks differ from A's), outgrows A.
		await sleep(3_100);
		const b3 = await create(await create(await create(root)));
		for (let i = 0; i < 50 && best.length < 4; i++) await sleep(100);
		// A2's events come back retracted, newest first: nothing of them stands.
		assert.deepEqual(best.slice(2).map((e) => [e.kind, e.blockHash, e.retracted]), [['executed', a2, true], ['requested', a2, true]]);
		assert.equal((await api.rpc.chain.getHeader()).hash.toHex(), b3);
		await rpc('engine_finalizeBlock', b3, null);
		await sleep(1_000);
		assert.deepEqual(finalized, []);
		assert.equal((await provider.send('restake_avsProfile', [DA])).slashRecord.settled, 0);
	});
});
