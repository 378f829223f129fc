// polkadot.js as a user meets it: `clients/polkadot-js.mjs` connects without a single
// warning, and the runtime's view functions (metadata V16) answer through it exactly like the
// runtime APIs, errors included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { restakeApiOptions, viewFunctions } from '../../clients/polkadot-js.mjs';
import { errorName, sendAndWait, startDevNode } from './lib/node.mjs';

const LST = 10n ** 18n;
const VAULT = 0; // genesis stETH vault
const ORACLE = 0; // genesis AVS

describe('polkadot.js with clients/polkadot-js.mjs', () => {
	let node;
	let api;
	let view;
	let k;
	const warnings = [];

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode();
		// Everything @polkadot/api prints while connecting: warnings and errors.
		const saved = { warn: console.warn, error: console.error, log: console.log };
		for (const level of Object.keys(saved)) {
			console[level] = (...args) => {
				warnings.push(`${level}: ${args.join(' ')}`);
				saved[level](...args);
			};
		}
		try {
			api = await ApiPromise.create({
				provider: new WsProvider(`ws://127.0.0.1:${node.rpcPort}`),
				...restakeApiOptions,
			});
			await api.isReady;
		} finally {
			Object.assign(console, saved);
		}
		view = viewFunctions(api);
		const keyring = new Keyring({ type: 'sr25519' });
		k = Object.fromEntries(['Alice', 'Bob', 'Dave//stash'].map((n) => [n.replace('//', ''), keyring.addFromUri(`//${n}`)]));
	});

	after(async () => {
		await api?.disconnect();
		await node?.stop();
	});

	it('connects without a warning (signed extensions and every RPC method known)', () => {
		assert.deepEqual(warnings, []);
		assert.equal(api.runtimeMetadata.version, 16);
		assert.ok(api.rpc.restake.exchangeRate, 'restake_* decorated');
		assert.ok(api.rpc.engine.createBlock, 'engine_* of dev sealing decorated');
	});

	it('lists the view functions of every restaking pallet in the metadata', () => {
		assert.deepEqual(Object.keys(view).sort(), ['assets', 'lrt2', 'operators', 'slashing', 'vaults']);
		assert.deepEqual(Object.keys(view.vaults).sort(), ['exchangeRate', 'pendingWithdrawals', 'previewDeposit', 'previewWithdraw']);
		assert.deepEqual(Object.keys(view.slashing).sort(), ['pendingSlashes', 'policyInForce', 'slashRecord']);
		assert.deepEqual(Object.keys(view.lrt2).sort(), ['pendingRewards', 'pointsOf', 'streamStatus']);
		assert.deepEqual(Object.keys(view.operators).sort(), ['avsState', 'avsWeightedStake', 'operatorState', 'pairAllocations']);
	});

	it('previews and rates vaults like the runtime API, errors by name', async () => {
		const rate = await view.vaults.exchangeRate(VAULT);
		assert.deepEqual(rate.toJSON(), (await api.call.vaultsApi.exchangeRate(VAULT)).toJSON());
		assert.ok(rate.unwrap().totalShares.toBigInt() > 0n);
		const preview = await view.vaults.previewDeposit(VAULT, 3n * LST);
		assert.equal(preview.asOk.toBigInt(), (await api.call.vaultsApi.previewDeposit(VAULT, 3n * LST)).asOk.toBigInt());
		const missing = await view.vaults.previewDeposit(42, LST);
		assert.equal(errorName(api, missing.asErr), 'vaults.VaultNotFound');
		const tooSmall = await view.vaults.previewDeposit(VAULT, 1);
		assert.equal(errorName(api, tooSmall.asErr), 'vaults.BelowMinimumDeposit');
		await assert.rejects(view.vaults.previewDeposit(VAULT), /takes 2 arguments \(vault_id, assets\), got 1/);
		// A missing value is refused, not read as zero (vault 0, the all-zero account).
		await assert.rejects(view.vaults.exchangeRate(undefined), /argument vault_id is missing/);
		await assert.rejects(view.vaults.exchangeRate(''), /argument vault_id is missing/);
		await assert.rejects(view.lrt2.pendingRewards(null), /argument who is missing/);
		await assert.rejects(view.slashing.pendingSlashes(0, ''), /argument operator is missing/);
	});

	it('shows a withdrawal request as it is queued, at the block asked', async () => {
		const bob = k.Bob;
		const dep = await sendAndWait(api, api.tx.vaults.deposit(VAULT, 5n * LST), bob);
		assert.equal(dep.dispatchError, undefined);
		const shares = (await view.vaults.previewDeposit(VAULT, 2n * LST)).asOk.toBigInt();
		const req = await sendAndWait(api, api.tx.vaults.requestWithdrawal(VAULT, shares), bob);
		assert.equal(req.dispatchError, undefined);
		const pending = await view.vaults.pendingWithdrawals(VAULT, bob.address);
		assert.equal(pending.length, 1);
		assert.equal(pending[0].shares.toBigInt(), shares);
		assert.deepEqual(pending.toJSON(), (await api.call.vaultsApi.pendingWithdrawals(VAULT, bob.address)).toJSON());
		// At the deposit's block, nothing was queued yet.
		assert.equal((await view.vaults.pendingWithdrawals(VAULT, bob.address, { at: dep.blockHash })).length, 0);
	});

	it('answers allocations, stake, slashes and rewards like the runtime APIs', async () => {
		const stash = k.Davestash.address;
		assert.deepEqual(
			(await view.operators.pairAllocations(stash, ORACLE)).toJSON(),
			(await api.call.operatorsApi.pairAllocations(stash, ORACLE)).toJSON(),
		);
		const stake = (await view.operators.avsWeightedStake(ORACLE)).toBigInt();
		assert.ok(stake > 0n);
		assert.equal(stake, (await api.call.operatorsApi.avsWeightedStake(ORACLE)).toBigInt());
		assert.deepEqual(
			(await view.operators.operatorState(stash)).toJSON(),
			(await api.call.operatorsApi.operatorState(stash)).toJSON(),
		);
		assert.deepEqual((await view.slashing.pendingSlashes(null, null)).toJSON(), []);
		assert.ok((await view.slashing.slashRecord(0)).isNone);
		assert.deepEqual(
			(await view.slashing.policyInForce(ORACLE)).toJSON(),
			(await api.call.slashingApi.policy(ORACLE)).toJSON(),
		);
		assert.deepEqual(
			(await view.lrt2.pendingRewards(stash)).toJSON(),
			(await api.call.lrt2Api.pendingRewards(stash)).toJSON(),
		);
		assert.deepEqual((await view.lrt2.pointsOf(k.Bob.address)).toJSON(), (await api.call.lrt2Api.points(k.Bob.address)).toJSON());
		assert.ok((await view.lrt2.streamStatus(999)).isNone);
	});
});
