// The `restake_*` JSON-RPC methods against the real `restake-node --dev`: the same values as
// the runtime APIs, lossless amounts, and named errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

describe('restake_* RPC on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let daveStash;

	before(async () => {
		({ node, api, stop } = await startDevSuite({ rpc: true }));
		daveStash = devAccounts(['Dave//stash']).Davestash;
	});

	after(async () => {
		await stop?.();
	});

	it('returns the same vault and exchange rate as the runtime API, at the same block', async () => {
		const at = await api.rpc.chain.getFinalizedHead();
		const rpc = (await api.rpc.restake.exchangeRate(0, at)).toJSON();
		const call = (await (await api.at(at)).call.vaultsApi.exchangeRate(0)).unwrap();
		assert.equal(rpc.assetsPerLrt, call.assetsPerLrt.toBigInt().toString());
		assert.equal(rpc.totalShares, call.totalShares.toBigInt().toString());
		const vault = (await api.rpc.restake.vault(0, at)).toJSON();
		assert.equal(vault.lrt, 1000);
		assert.equal(vault.assetId, 1);
		assert.equal(vault.totalAssets, rpc.totalAssets);
		// u128 beyond 2^53 survive as strings.
		assert.ok(BigInt(vault.totalShares) > BigInt(Number.MAX_SAFE_INTEGER));
	});

	it('previews like the runtime API and names the refusals', async () => {
		const amount = 3n * 10n ** 18n;
		const rpc = (await api.rpc.restake.previewDeposit(0, amount.toString())).toString();
		const call = (await api.call.vaultsApi.previewDeposit(0, amount)).asOk.toBigInt();
		assert.equal(rpc, call.toString());
		await assert.rejects(api.rpc.restake.previewDeposit(0, '1'), /8002.*vaults\.BelowMinimumDeposit/);
		await assert.rejects(api.rpc.restake.vault(42), /8001.*VaultNotFound/);
		await assert.rejects(api.rpc.restake.exchangeRate(42), /8001.*VaultNotFound/);
		await assert.rejects(api.rpc.restake.previewWithdraw(42, '1'), /8001.*vaults\.VaultNotFound/);
		await assert.rejects(api.rpc.restake.previewDeposit(0, 'lots'), /not an amount/);
		await assert.rejects(api.rpc.restake.avsWeightedStake(9), /8001.*AvsNotFound/);
	});

	it('reports allocations and weighted stake like the runtime API', async () => {
		const rpc = (await api.rpc.restake.pairAllocations(daveStash.address, 0)).toJSON();
		const call = await api.call.operatorsApi.pairAllocations(daveStash.address, 0);
		assert.equal(rpc.length, 1);
		assert.equal(rpc[0].stake, call[0].stake.toBigInt().toString());
		assert.equal(
			(await api.rpc.restake.avsWeightedStake(0)).toString(),
			(await api.call.operatorsApi.avsWeightedStake(0)).toBigInt().toString(),
		);
		assert.deepEqual((await api.rpc.restake.pendingSlashes(null, null)).toJSON(), []);
	});
});
