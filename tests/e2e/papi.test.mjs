// polkadot-api (PAPI) as a typed client of the real `restake-node --dev`: descriptors generated
// from clients/metadata/restake.scale (tests/e2e/.papi), dev keys through hdkd, and
// deposit → LRT transfer → rewards → claim, each step checked through typed storage, events,
// runtime APIs and — where the runtime serves them — view functions. The examples in
// docs/use-papi.md are these calls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MultiAddress } from '@polkadot-api/descriptors';
import { startDevNode } from './lib/node.mjs';
import {
	connect,
	declaredViewFunctions,
	devAccount,
	errorName,
	mirroredReader,
	MIRRORED_READS,
	show,
	SS58_PREFIX,
	submitToBestBlock,
	viewFunctions,
} from './lib/papi.mjs';

const LST = 10n ** 18n; // one stETH
const UNIT = 10n ** 12n; // one RSTK
const VAULT = 0; // genesis vault: stETH → rstETH (asset 1000), curator Alice
const LRT = 1000;
const STETH = 1;
const ORACLE = 0; // AVS 0: streams stETH to its stake from genesis
const DA = 1; // AVS 1, owner Ferdie; vault 0 allocates 30 % to (DaveStash, DA)
const METADATA = new URL('../../clients/metadata/restake.scale', import.meta.url);

describe('polkadot-api (typed descriptors) on restake-node --dev', () => {
	let node;
	let client;
	let api;
	const warnings = [];
	const consoleWarn = console.warn;
	const consoleError = console.error;
	const [alice, bob, dave, ferdie] = ['//Alice', '//Bob', '//Dave', '//Ferdie'].map(devAccount);

	before(async () => {
		node = await startDevNode();
		// Everything PAPI prints while connecting and working is a finding: capture it.
		console.warn = (...args) => warnings.push(['warn', ...args]);
		console.error = (...args) => warnings.push(['error', ...args]);
		({ client, api } = connect(node.rpcPort));
	});

	after(async () => {
		console.warn = consoleWarn;
		console.error = consoleError;
		client?.destroy();
		await node?.stop();
	});

	const finalized = () => client.getFinalizedBlock();
	const best = async () => (await client.getBestBlocks())[0];
	const waitBest = async (height) => {
		await node.waitForBlock(height); // seals the blocks on instant sealing
		const deadline = Date.now() + 60_000;
		for (let b = await best(); ; b = await best()) {
			if (b.number >= height) return b;
			if (Date.now() > deadline) throw new Error(`best height ${height} not reached`);
			await new Promise((r) => setTimeout(r, 300));
		}
	};
	// The block a transaction landed in, and its parent (the state it was applied to).
	const blockOf = async (result) => ({
		at: result.block.hash,
		parent: (await client.getBlockHeader(result.block.hash)).parentHash,
	});
	const assetOf = async (asset, who, at) =>
		(await api.query.Assets.Account.getValue(asset, who.address, { at }))?.balance ?? 0n;
	const freeOf = async (who, at) => (await api.query.System.Account.getValue(who.address, { at })).data.free;
	// Reads that view functions will mirror: through both where the runtime serves both, and
	// then both must agree.
	const readerAt = (at) =>
		mirroredReader(api, at, (name, viaView, viaApi) =>
			assert.deepEqual(viaView, viaApi, `view function and runtime API disagree on ${name}`),
		);
	const bySource = (list, type, id, asset) =>
		list.filter(
			([source]) =>
				source.type === type &&
				(source.value.avs ?? source.value.vault) === id &&
				(asset === null ? source.value.asset.type === 'Native' : source.value.asset.value === asset),
		);
	const sum = (list) => list.reduce((s, [, amount]) => s + amount, 0n);

	it('connects without warnings to a runtime whose metadata is the checked-in file', async () => {
		const head = await finalized();
		const live = await client.getMetadata(head.hash);
		assert.ok(
			Buffer.from(live).equals(readFileSync(METADATA)),
			'the node serves other metadata than clients/metadata/restake.scale: regenerate it, then `npm run descriptors` in tests/e2e',
		);
		assert.equal(await api.constants.System.SS58Prefix(), SS58_PREFIX);
		const { compat } = await api.getStaticApis();
		for (const [kind, pallet, name] of [
			['tx', 'Vaults', 'deposit'],
			['tx', 'Vaults', 'transfer_shares'],
			['tx', 'Lrt2', 'fund_stream'],
			['tx', 'Lrt2', 'claim'],
			['query', 'Vaults', 'Vaults'],
			['query', 'Assets', 'Account'],
			['apis', 'VaultsApi', 'preview_deposit'],
			['apis', 'Lrt2Api', 'pending_rewards'],
			['event', 'Vaults', 'Deposited'],
			['event', 'Lrt2', 'Claimed'],
		]) {
			assert.ok(compat[kind][pallet][name].isCompatible(), `${kind}.${pallet}.${name} matches the descriptors`);
		}
		const meta = await api.query.Assets.Metadata.getValue(LRT);
		assert.equal(Buffer.from(meta.symbol).toString(), 'rstETH');
		assert.deepEqual(warnings, [], 'PAPI printed nothing while connecting');
	});

	it('deposits stETH into vault 0: the previewed LRT are minted, balances and totals move exactly', async () => {
		const amount = 5n * LST;
		const result = await api.tx.Vaults.deposit({ vault: VAULT, assets: amount }).signAndSubmit(bob.signer);
		assert.equal(result.ok, true, `deposit failed: ${errorName(result.dispatchError)}`);
		const { at, parent } = await blockOf(result);
		const [deposited] = api.event.Vaults.Deposited.filter(result.events);
		const before = await readerAt(parent);
		const preview = await before.read('previewDeposit', VAULT, amount);
		assert.equal(preview.success, true);
		assert.deepEqual(deposited.payload, { vault: VAULT, who: bob.address, assets: amount, shares: preview.value });
		const shares = preview.value;
		const vaultBefore = await api.query.Vaults.Vaults.getValue(VAULT, { at: parent });
		const vaultAfter = await api.query.Vaults.Vaults.getValue(VAULT, { at });
		assert.equal(vaultAfter.total_assets - vaultBefore.total_assets, amount);
		assert.equal(vaultAfter.total_shares - vaultBefore.total_shares, shares);
		assert.equal((await assetOf(STETH, bob, parent)) - (await assetOf(STETH, bob, at)), amount);
		assert.equal((await assetOf(LRT, bob, at)) - (await assetOf(LRT, bob, parent)), shares);
		const rate = await (await readerAt(at)).read('exchangeRate', VAULT);
		assert.equal(rate.total_assets, vaultAfter.total_assets);
		assert.equal(rate.total_shares, vaultAfter.total_shares);
		// Typed errors: a refused preview and a failed deposit name their pallet error.
		const missing = await before.read('previewDeposit', 42, amount);
		assert.equal(missing.success, false);
		assert.equal(errorName(missing.value), 'Vaults.VaultNotFound');
		const tooSmall = await submitToBestBlock(api.tx.Vaults.deposit({ vault: VAULT, assets: 1n }), bob.signer);
		assert.equal(tooSmall.ok, false);
		assert.equal(errorName(tooSmall.dispatchError), 'Vaults.BelowMinimumDeposit');
	});

	it('moves LRT to Dave through Vaults.transfer_shares; a plain Assets.transfer of LRT is filtered', async () => {
		const head = (await best()).hash;
		const half = (await assetOf(LRT, bob, head)) / 2n;
		assert.ok(half > 0n);
		const transfer = api.tx.Vaults.transfer_shares({ vault: VAULT, to: MultiAddress.Id(dave.address), shares: half });
		const result = await submitToBestBlock(transfer, bob.signer);
		assert.equal(result.ok, true, `transfer failed: ${errorName(result.dispatchError)}`);
		const { at, parent } = await blockOf(result);
		const [sent] = api.event.Vaults.SharesTransferred.filter(result.events);
		assert.deepEqual(sent.payload, { vault: VAULT, from: bob.address, to: dave.address, shares: half });
		assert.equal((await assetOf(LRT, bob, parent)) - (await assetOf(LRT, bob, at)), half);
		assert.equal((await assetOf(LRT, dave, at)) - (await assetOf(LRT, dave, parent)), half);
		const [v0, v1] = await Promise.all([parent, at].map((b) => api.query.Vaults.Vaults.getValue(VAULT, { at: b })));
		assert.equal(v1.total_shares, v0.total_shares, 'a transfer mints and burns nothing');

		const plain = await submitToBestBlock(
			api.tx.Assets.transfer({ id: LRT, target: MultiAddress.Id(dave.address), amount: 1n }),
			bob.signer,
		);
		assert.equal(plain.ok, false);
		assert.equal(errorName(plain.dispatchError), 'System.CallFiltered');
	});

	it('lets rewards accrue by source (the genesis stETH stream, a native stream Ferdie funds); RPC agrees', async () => {
		const streamId = await api.query.Lrt2.NextStreamId.getValue();
		const amount = 100n * UNIT;
		const fund = api.tx.Lrt2.fund_stream({ avs: DA, asset: { type: 'Native', value: undefined }, amount, duration: 10 });
		const funded = await submitToBestBlock(fund, ferdie.signer);
		assert.equal(funded.ok, true, `fund_stream failed: ${errorName(funded.dispatchError)}`);
		const [ev] = api.event.Lrt2.StreamFunded.filter(funded.events);
		assert.equal(ev.payload.stream, streamId);
		assert.equal(ev.payload.avs, DA);
		assert.equal(ev.payload.amount, amount);
		const { hash: at } = await waitBest(funded.block.number + 2);
		const { read } = await readerAt(at);
		const status = await read('stream', streamId);
		assert.ok(status.paid > 0n, 'the stream has paid something');
		assert.equal(status.paid + status.remaining + status.reclaimable, amount);
		assert.equal(status.stream.funder, ferdie.address);

		const pending = await read('pendingRewards', bob.address);
		const steth = sum(bySource(pending, 'Avs', ORACLE, STETH));
		const native = sum(bySource(pending, 'Avs', DA, null));
		assert.ok(steth > 0n, `Bob earns stETH from the oracle stream: ${show(pending)}`);
		assert.ok(native > 0n && native < amount, `Bob earns part of the native stream: ${show(pending)}`);
		// The node's restake_* JSON-RPC (decimal strings) answers the same at the same block.
		const rpc = await client._request('restake_pendingRewards', [bob.address, at]);
		const rpcAmount = (id, assetId) =>
			rpc.filter((r) => r.source === 'avs' && r.id === id && r.assetId === assetId).reduce((s, r) => s + BigInt(r.amount), 0n);
		assert.equal(rpcAmount(ORACLE, STETH), steth);
		assert.equal(rpcAmount(DA, null), native);
	});

	it('claims every source in one transaction: Claimed amounts arrive exactly (native less the fee)', async () => {
		const result = await submitToBestBlock(api.tx.Lrt2.claim(), bob.signer);
		assert.equal(result.ok, true, `claim failed: ${errorName(result.dispatchError)}`);
		const { at, parent } = await blockOf(result);
		const claimed = api.event.Lrt2.Claimed.filter(result.events).map(({ payload }) => {
			assert.equal(payload.who, bob.address);
			return [payload.source, payload.amount];
		});
		const steth = sum(bySource(claimed, 'Avs', ORACLE, STETH));
		const native = sum(bySource(claimed, 'Avs', DA, null));
		assert.ok(steth > 0n && native > 0n, `one claim paid both assets: ${show(claimed)}`);
		// What was pending just before the claim's block is at most what it paid (the claim
		// also pays the claim block's own accrual).
		const pendingBefore = await (await readerAt(parent)).read('pendingRewards', bob.address);
		assert.ok(sum(bySource(pendingBefore, 'Avs', ORACLE, STETH)) <= steth);
		assert.ok(sum(bySource(pendingBefore, 'Avs', DA, null)) <= native);
		assert.equal((await assetOf(STETH, bob, at)) - (await assetOf(STETH, bob, parent)), steth, 'stETH in = Claimed');
		const fee = api.event.TransactionPayment.TransactionFeePaid.filter(result.events)
			.filter(({ payload }) => payload.who === bob.address)
			.reduce((s, { payload }) => s + payload.actual_fee, 0n);
		assert.ok(fee > 0n);
		assert.equal((await freeOf(bob, at)) - (await freeOf(bob, parent)), native - fee, 'RSTK in = Claimed − fee');
		const pendingAfter = await (await readerAt(at)).read('pendingRewards', bob.address);
		assert.equal(sum(bySource(pendingAfter, 'Avs', ORACLE, STETH)), 0n, 'nothing left to claim at the claim block');
		assert.equal(sum(bySource(pendingAfter, 'Avs', DA, null)), 0n);
	});

	it('calls view functions where the runtime serves them, each equal to what it mirrors', async (t) => {
		const { hash: at } = await best();
		const views = await viewFunctions(api, at);
		const declared = await declaredViewFunctions();
		const mirrored = Object.entries(MIRRORED_READS).filter(([, { view }]) => views.has(...view));
		t.diagnostic(`view functions in the metadata: ${declared.map((p) => p.join('.')).join(', ') || 'none'}`);
		t.diagnostic(`RuntimeViewFunction served: ${views.callable}; mirrored reads through views: ${mirrored.map(([n]) => n).join(', ') || 'none'}`);
		if (declared.length > 0 && !views.callable) {
			// The metadata declares view functions (pallet-assets' own) but the runtime does not
			// implement `RuntimeViewFunction`: no client can call them. Reported; a TODO until
			// the runtime implements it, then this test checks them for real.
			t.todo('the runtime declares view functions but does not implement the RuntimeViewFunction API');
		}
		assert.ok(views.callable, 'the runtime implements RuntimeViewFunction');
		// Every restaking read has its view function, declared by the descriptors and served.
		assert.deepEqual(
			mirrored.map(([name]) => name),
			Object.keys(MIRRORED_READS),
			'every mirrored read is served as a view function',
		);
		// pallet-assets' view functions against the storage they read.
		if (views.has('Assets', 'balance_of')) {
			assert.equal(await api.view.Assets.balance_of(bob.address, STETH, { at }), await assetOf(STETH, bob, at));
			assert.equal(await api.view.Assets.balance_of(alice.address, 77, { at }), undefined);
		}
		if (views.has('Assets', 'get_metadata')) {
			const meta = await api.view.Assets.get_metadata(LRT, { at });
			assert.equal(Buffer.from(meta.symbol).toString(), 'rstETH');
		}
		// Every mirrored read the runtime serves as a view function gives the runtime API's answer.
		const { read } = await readerAt(at);
		for (const [name] of mirrored) {
			const args = {
				exchangeRate: [VAULT],
				previewDeposit: [VAULT, LST],
				previewWithdraw: [VAULT, LST],
				pendingWithdrawals: [VAULT, bob.address],
				pairAllocations: [devAccount('//Dave//stash').address, ORACLE],
				pendingSlashes: [undefined, undefined],
				pendingRewards: [bob.address],
				points: [bob.address],
				stream: [0],
			}[name];
			assert.ok(args, `arguments for ${name}`);
			await read(name, ...args); // compares view and runtime API
		}
	});

	it('printed no warning during the whole run', () => {
		assert.deepEqual(warnings, []);
	});
});
