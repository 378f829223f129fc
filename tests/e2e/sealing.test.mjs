// Dev sealing (`restake-node --dev --sealing instant|manual|<ms>`) against the real node:
// blocks on demand, each finalized at once, valid Aura blocks with a clock that always moves
// a slot per block; refused on a non-development chain.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { nodeBinary, sendAndWait, startDevNode } from './lib/node.mjs';

const UNIT = 10n ** 12n;
const SLOT_MS = 3_000n;

/** Runs the node with `args` and resolves with its exit code and output. */
function runNode(args, timeoutMs = 60_000) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (out += c));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`node still running after ${timeoutMs} ms:\n${out}`));
		}, timeoutMs);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, out });
		});
	});
}

describe('dev sealing: instant', () => {
	let node;
	let alice;
	let bob;

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode([], { sealing: 'instant' });
		const keyring = new Keyring({ type: 'sr25519' });
		alice = keyring.addFromUri('//Alice');
		bob = keyring.addFromUri('//Bob');
	});

	after(async () => {
		await node?.stop();
	});

	it('seals a block for a transaction and finalizes it at once', async () => {
		const { api } = node;
		const before = await node.head();
		const sent = await sendAndWait(api, api.tx.balances.transferKeepAlive(bob.address, UNIT), alice);
		assert.equal(sent.dispatchError, undefined);
		const header = await api.rpc.chain.getHeader(sent.blockHash);
		assert.equal(header.number.toNumber(), before + 1, 'one block for the transaction');
		const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
		assert.ok(finalized.number.toNumber() >= header.number.toNumber(), 'finalized at once');
	});

	it('seals nothing while the pool is empty', async () => {
		const before = await node.head();
		await new Promise((r) => setTimeout(r, 4_000)); // longer than an Aura slot
		assert.equal(await node.head(), before);
	});

	it('moves the chain clock into a later slot every block, even when blocks come faster', async () => {
		const { api } = node;
		const now = async () => (await api.query.timestamp.now()).toBigInt();
		const start = await now();
		const created = await api.rpc.engine.createBlock(true, true);
		const t1 = await now();
		await api.rpc.engine.createBlock(true, true);
		const t2 = await now();
		assert.ok(t1 / SLOT_MS > start / SLOT_MS, `${t1} is in a later slot than ${start}`);
		assert.ok(t2 / SLOT_MS > t1 / SLOT_MS, `${t2} is in a later slot than ${t1}`);
		// Each block is a valid Aura block: the runtime's slot follows the timestamp.
		const slot = (await api.query.aura.currentSlot()).toBigInt();
		assert.equal(slot, t2 / SLOT_MS);
		// (`created.hash` would be the codec's own hash: polkadot.js names the field `blockHash`.)
		const sealed = created.blockHash.toHex();
		assert.equal((await api.rpc.chain.getBlockHash((await api.rpc.chain.getHeader(sealed)).number)).toHex(), sealed, 'engine_createBlock returns the new block hash');
	});
});

describe('dev sealing: manual', () => {
	let node;
	let alice;

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode([], { sealing: 'manual' });
		alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
	});

	after(async () => {
		await node?.stop();
	});

	it('keeps a transaction in the pool until engine_createBlock, then includes it', async () => {
		const { api } = node;
		const dest = new Keyring({ type: 'sr25519' }).addFromUri('//manual-seal');
		const included = sendAndWait(api, api.tx.balances.transferKeepAlive(dest.address, 3n * UNIT), alice);
		// Wait until the pool holds it, and check no block came.
		const deadline = Date.now() + 10_000;
		while ((await api.rpc.author.pendingExtrinsics()).length === 0) {
			assert.ok(Date.now() < deadline, 'the transaction reaches the pool');
			await new Promise((r) => setTimeout(r, 100));
		}
		assert.equal(await node.head(), 0, 'no block without a command');
		const created = await api.rpc.engine.createBlock(false, true);
		const sent = await included;
		const sealed = created.blockHash.toHex(); // (`created.hash` is the codec's own hash; the field is `blockHash`)
		assert.equal(sent.blockHash.toHex(), sealed);
		assert.equal((await api.query.system.account(dest.address)).data.free.toBigInt(), 3n * UNIT);
		assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), sealed);
	});

	it('refuses an empty block when asked not to create one', async () => {
		await assert.rejects(node.api.rpc.engine.createBlock(false, true), /empty/i);
	});
});

describe('dev sealing: forks and restarts', () => {
	it('seals on any unfinalized parent, also after a restart, with a later slot than that parent', async () => {
		const basePath = await import('node:fs').then((fs) => fs.mkdtempSync('/tmp/restake-seal-'));
		let node = await startDevNode(['--base-path', basePath], { sealing: 'manual' });
		let fork;
		try {
			const { api } = node;
			const b1 = (await api.rpc.engine.createBlock(true, false)).blockHash;
			await api.rpc.engine.createBlock(true, false); // block 2 on block 1
			// A slot later, block 2' on block 1: a later timestamp than block 2, so another block,
			// in a later slot than the best block (block 2).
			await new Promise((r) => setTimeout(r, Number(SLOT_MS) + 100));
			fork = (await api.rpc.engine.createBlock(true, false, b1)).blockHash;
			const slotOf = async (hash) => (await (await api.at(hash)).query.aura.currentSlot()).toBigInt();
			assert.ok((await slotOf(fork)) > (await slotOf(b1)));
		} finally {
			await node.stop();
		}
		// Restarted, the node seals on the fork block (whose slot is later than the best block's).
		node = await startDevNode(['--base-path', basePath], { sealing: 'manual' });
		try {
			const { api } = node;
			const next = (await api.rpc.engine.createBlock(true, true, fork)).blockHash;
			const header = await api.rpc.chain.getHeader(next);
			assert.equal(header.parentHash.toHex(), fork.toHex());
			assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), next.toHex());
		} finally {
			await node.stop();
			(await import('node:fs')).rmSync(basePath, { recursive: true, force: true });
		}
	});
});

describe('dev sealing: interval and refusals', () => {
	it('seals a block every interval, empty or not', async () => {
		const node = await startDevNode([], { sealing: '300' });
		try {
			await node.api.rpc.chain.getHeader();
			const deadline = Date.now() + 30_000;
			while ((await node.head()) < 3) {
				assert.ok(Date.now() < deadline, 'three blocks within 30 s at one per 300 ms');
				await new Promise((r) => setTimeout(r, 200));
			}
			const finalized = await node.api.rpc.chain.getHeader(await node.api.rpc.chain.getFinalizedHead());
			assert.ok(finalized.number.toNumber() >= 3, 'each finalized at once');
		} finally {
			await node.stop();
		}
	});

	it('refuses dev sealing on a non-development chain', async () => {
		const { code, out } = await runNode(['--chain', 'local', '--tmp', '--sealing', 'instant', '--rpc-port', '0', '--port', '0', '--no-prometheus']);
		assert.notEqual(code, 0);
		assert.match(out, /only on a development chain \(--dev\)/);
	});

	it('serves engine_* only where unsafe RPC methods are allowed', async () => {
		const { code, out } = await runNode(['--dev', '--tmp', '--sealing', 'manual', '--rpc-methods', 'safe', '--rpc-port', '0', '--port', '0', '--no-prometheus']);
		assert.notEqual(code, 0);
		assert.match(out, /--sealing manual needs engine_createBlock, an unsafe RPC method/);
		const node = await startDevNode(['--rpc-methods', 'safe'], { sealing: 'instant' });
		try {
			// Not even listed: @polkadot/api does not decorate it.
			assert.ok(!(await node.api.rpc.rpc.methods()).methods.some((m) => m.toString().startsWith('engine_')));
			await assert.rejects(async () => node.api.rpc.engine.createBlock(true, true));
			assert.ok(node.logs.join('').includes('engine_createBlock/engine_finalizeBlock not served'));
		} finally {
			await node.stop();
		}
	});

	it('refuses an unknown sealing mode with the accepted ones', async () => {
		const { code, out } = await runNode(['--dev', '--tmp', '--sealing', 'fast']);
		assert.notEqual(code, 0);
		assert.match(out, /unknown sealing mode `fast`: expected aura, instant, manual or a number of milliseconds/);
	});
});
