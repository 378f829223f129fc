// Slashing from polkadot.js against the real `restake-node --dev`: the oracle AVS's veto
// policy, a slash request vetoed by the resolver, a second one executed after the window,
// and the vault's exchange rate dropping exactly by what was taken.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorName, sendAndWait } from './lib/node.mjs';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

const ORACLE = 0;
const VAULT = 0;
const PERCENT = 10_000_000; // Perbill parts per percent
const EVIDENCE = `0x${'ab'.repeat(32)}`;
const ceilDiv = (a, b) => (a + b - 1n) / b;

describe('slashing on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let k;

	before(async () => {
		({ node, api, stop } = await startDevSuite());
		k = devAccounts(['Alice', 'Bob', 'Eve', 'Ferdie', 'Dave//stash']);
	});

	after(async () => {
		await stop?.();
	});

	const waitForBlock = (n) => node.waitForBlock(n);
	const request = (who, percent) =>
		sendAndWait(
			api,
			api.tx.slashing.requestSlash(ORACLE, k.Davestash.address, percent * PERCENT, EVIDENCE, 'missed attestations'),
			who,
		);

	it('shows the oracle AVS veto policy', async () => {
		const policy = (await api.call.slashingApi.policy(ORACLE)).unwrap();
		assert.equal(policy.vetoWindow.unwrap().toNumber(), 10);
		assert.equal(policy.maxFractionPerIncident.toNumber(), 50 * PERCENT, 'genesis: 50 %');
		assert.equal(policy.status.isEnabled, true);
	});

	it('lets the AVS owner set a veto policy; a safer policy applies at once', async () => {
		const policy = {
			vetoWindow: 10,
			maxFractionPerIncident: 40 * PERCENT,
			maxFractionPerEpoch: 100 * PERCENT,
			cooldown: 0,
			destination: 'Burn',
			status: 'Enabled',
		};
		const notOwner = await sendAndWait(api, api.tx.slashing.setPolicy(ORACLE, policy), k.Ferdie);
		assert.equal(errorName(api, notOwner.dispatchError), 'slashing.NotAvsOwner');
		const tooLong = await sendAndWait(api, api.tx.slashing.setPolicy(ORACLE, { ...policy, vetoWindow: 21 }), k.Eve);
		assert.equal(errorName(api, tooLong.dispatchError), 'slashing.InvalidVetoWindow');
		const set = await sendAndWait(api, api.tx.slashing.setPolicy(ORACLE, policy), k.Eve);
		assert.ok(set.events.some(({ event }) => api.events.slashing.PolicySet.is(event)));
		const riskier = await sendAndWait(
			api, api.tx.slashing.setPolicy(ORACLE, { ...policy, maxFractionPerIncident: 50 * PERCENT }), k.Eve,
		);
		assert.ok(riskier.events.some(({ event }) => api.events.slashing.PolicyChangeScheduled.is(event)));
		const inForce = (await api.call.slashingApi.policy(ORACLE)).unwrap();
		assert.equal(inForce.maxFractionPerIncident.toNumber(), 40 * PERCENT, 'the riskier cap waits');
	});

	it('refuses requests from the wrong account or above the cap; the resolver vetoes', async () => {
		const notSlasher = await request(k.Bob, 10);
		assert.equal(errorName(api, notSlasher.dispatchError), 'slashing.NotSlasher');
		const tooMuch = await request(k.Eve, 41);
		assert.equal(errorName(api, tooMuch.dispatchError), 'slashing.SlashExceedsPolicyCap');

		const rateBefore = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		const req = await request(k.Eve, 10);
		assert.equal(req.dispatchError, undefined);
		const ev = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event));
		const id = ev.event.data.id.toNumber();
		const pending = await api.call.slashingApi.pendingSlashes(ORACLE, null);
		assert.equal(pending.length, 1);
		assert.equal((await api.call.slashingApi.vaultHasPendingSlash(VAULT)).isTrue, true);

		const wrongVeto = await sendAndWait(api, api.tx.slashing.vetoSlash(id), k.Eve);
		assert.equal(errorName(api, wrongVeto.dispatchError), 'slashing.NotResolver');
		const veto = await sendAndWait(api, api.tx.slashing.vetoSlash(id), k.Ferdie);
		assert.equal(veto.dispatchError, undefined);
		assert.ok(veto.events.some(({ event }) => api.events.slashing.SlashVetoed.is(event)));
		assert.equal((await api.call.slashingApi.slashRecord(id)).unwrap().outcome.isVetoed, true);
		assert.equal((await api.call.slashingApi.vaultHasPendingSlash(VAULT)).isFalse, true);
		const rateAfter = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		assert.equal(rateAfter, rateBefore, 'a vetoed slash takes nothing');
	});

	it('executes a second request after the window and lowers the exchange rate exactly', async () => {
		const req = await request(k.Eve, 10);
		assert.equal(req.dispatchError, undefined);
		const ev = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event));
		const id = ev.event.data.id.toNumber();
		const executableAt = ev.event.data.executableAt.toNumber();

		const early = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(errorName(api, early.dispatchError), 'slashing.NotYetExecutable');

		await waitForBlock(executableAt);
		const before = (await api.query.vaults.vaults(VAULT)).unwrap();
		const magnitudes = await api.query.operators.vaultMagnitudes(VAULT);
		const allocation = (await api.query.operators.allocations(VAULT, k.Davestash.address, ORACLE)).unwrap();
		const issuanceBefore = (await api.query.assets.asset(1)).unwrap().supply.toBigInt();

		const exec = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(exec.dispatchError, undefined);
		const executed = exec.events.find(({ event }) => api.events.slashing.SlashExecuted.is(event));
		const [[vault, taken]] = executed.event.data.taken.map(([v, t]) => [v.toNumber(), t.toBigInt()]);
		assert.equal(vault, VAULT);

		// The request captured ⌈(A + Qa) × magnitude / max⌉ of the vault; it takes ⌈10 % of that⌉.
		const [[capturedVault, captured]] = ev.event.data.captured.map(([v, c]) => [v.toNumber(), c.toBigInt()]);
		assert.equal(capturedVault, VAULT);
		const total = before.totalAssets.toBigInt() + before.queuedAssets.toBigInt();
		assert.equal(captured, ceilDiv(total * allocation.current.toBigInt(), magnitudes.max.toBigInt()));
		assert.equal(taken, ceilDiv(captured * 10n, 100n));

		const at = await api.at(exec.blockHash);
		const after = (await at.query.vaults.vaults(VAULT)).unwrap();
		assert.equal(before.totalAssets.toBigInt() - after.totalAssets.toBigInt(), taken);
		assert.equal(after.totalShares.toBigInt(), before.totalShares.toBigInt(), 'no holder touched');
		const rate = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		const expected = (10n ** 21n * (after.totalAssets.toBigInt() + 1n)) / (after.totalShares.toBigInt() + 1000n);
		assert.equal(rate, expected);
		assert.ok(rate < 10n ** 18n, 'one rstETH is now worth less than one stETH');
		// Burnt: stETH supply fell by exactly what was taken.
		const issuanceAfter = (await at.query.assets.asset(1)).unwrap().supply.toBigInt();
		assert.equal(issuanceBefore - issuanceAfter, taken);
		assert.equal((await api.call.slashingApi.slashRecord(id)).unwrap().outcome.isExecuted, true);
	});
});
