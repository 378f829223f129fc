// A runtime upgrade rehearsed on a Chopsticks fork: the real node serves a chain of spec 100
// (zombienet/upgrade/restake-spec100-local-raw.json, vaults still in storage version 1),
// scripts/fork.sh forks it, Ferdie deposits on the fork, sudo `set_code` installs the runtime
// of the node binary under test, and the next block runs every migration since spec 100.
// The node itself stays on spec 100. The commands are the ones docs/use-chopsticks.md gives.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import { ROOT, connect, errorName, nodeBinary, sendAndWait, startFork, startNode } from './lib.mjs';

const LST = 10n ** 18n;
const VAULT = 0;
const OLD_SPEC = 100;
const SPEC100 = join(ROOT, 'zombienet', 'upgrade', 'restake-spec100-local-raw.json');
// Fork genesis with a start time. Genesis has no `Timestamp::Now`, and Chopsticks then reads the
// clock twice for block 1, once for Aura's slot and once for the timestamp: across a slot
// boundary they disagree and Aura panics ("Timestamp slot must match `CurrentSlot`").
// `--timestamp` sets both from one value.
const FROM_GENESIS = ['--block', '0', '--timestamp', String(Date.now())];

// The runtime the node binary embeds: its dev chain spec's `:code`.
function binaryRuntime() {
	const spec = JSON.parse(execFileSync(nodeBinary(), ['build-spec', '--chain', 'dev', '--raw'], {
		stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20,
	}));
	return spec.genesis.raw.top['0x3a636f6465'];
}

async function storageVersion(api, pallet) {
	const raw = await api.rpc.state.getStorage(xxhashAsHex(pallet, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2));
	return raw.isSome ? api.createType('u16', raw.unwrap()).toNumber() : 0;
}
const lrtOf = async (api, asset, who) =>
	(await api.query.assets.account(asset, who)).unwrapOr(null)?.balance.toBigInt() ?? 0n;

describe('runtime upgrade rehearsed on a chopsticks fork of a spec-100 chain', () => {
	let node;
	let fork;
	let code;
	let alice;
	let ferdie;
	let recorded; // vault 0 and Ferdie's LRT on the fork before the upgrade

	before(async () => {
		await cryptoWaitReady();
		code = binaryRuntime();
		node = await startNode(['--chain', SPEC100]);
		// The node is no validator here: it serves genesis, and the fork starts from it.
		fork = await startFork(node.url, [...FROM_GENESIS, '--runtime-log-level', '3']);
		const keyring = new Keyring({ type: 'sr25519', ss58Format: node.api.registry.chainSS58 });
		[alice, ferdie] = ['//Alice', '//Ferdie'].map((u) => keyring.addFromUri(u));
	});

	after(async () => {
		await fork?.stop();
		await node?.stop();
	});

	it('the fork runs spec 100 with version-1 vaults, and takes a deposit', async () => {
		const api = fork.api;
		assert.equal(api.runtimeVersion.specVersion.toNumber(), OLD_SPEC);
		assert.equal(await storageVersion(api, 'Vaults'), 1);
		const dep = await sendAndWait(api, api.tx.vaults.deposit(VAULT, 10n * LST), ferdie);
		assert.equal(dep.dispatchError, undefined);
		assert.ok(dep.events.some(({ event }) => api.events.vaults.Deposited.is(event)));
		const vault = (await api.query.vaults.vaults(VAULT)).unwrap();
		recorded = {
			vault: vault.toJSON(),
			total: vault.totalAssets.toBigInt(),
			queued: vault.queuedAssets.toBigInt(),
			lrt: vault.lrt.toNumber(),
			ferdieLrt: await lrtOf(api, vault.lrt.toNumber(), ferdie.address),
		};
		assert.ok(recorded.ferdieLrt > 0n);
	});

	it('sudo set_code installs the binary\'s runtime; the next block migrates every pallet', async () => {
		const api = fork.api;
		const noWeight = { refTime: 0, proofSize: 0 };
		const set = await sendAndWait(api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(code), noWeight), alice);
		const sudid = set.events.find(({ event }) => api.events.sudo.Sudid.is(event));
		assert.ok(sudid.event.data.sudoResult.isOk, `set_code: ${errorName(api, sudid.event.data.sudoResult.isErr ? sudid.event.data.sudoResult.asErr : null)}`);
		assert.ok(set.events.some(({ event }) => api.events.system.CodeUpdated.is(event)));
		const head = (await api.rpc.chain.getHeader()).number.toNumber();
		await api.rpc('dev_newBlock', { count: 1 }); // on_runtime_upgrade runs in this block
		assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), head + 1, 'the block was built');

		const upgraded = await connect(fork.url); // with the new runtime's metadata
		try {
			const spec = upgraded.runtimeVersion.specVersion.toNumber();
			assert.ok(spec > OLD_SPEC, `spec ${spec} after the upgrade`);
			assert.equal(await storageVersion(upgraded, 'Vaults'), 2);
			for (const [pallet, version] of [['Operators', 3], ['Slashing', 3], ['Lrt2', 3]]) {
				assert.equal(await storageVersion(upgraded, pallet), version, `${pallet} storage version`);
			}
			const vault = (await upgraded.query.vaults.vaults(VAULT)).unwrap();
			assert.equal(vault.flows.deposited.toBigInt(), recorded.total + recorded.queued, 'flows open at what the vault held');
			const { flows, ...rest } = vault.toJSON();
			assert.deepEqual(rest, recorded.vault, 'nothing else of the vault changed');
			assert.equal(await lrtOf(upgraded, recorded.lrt, ferdie.address), recorded.ferdieLrt);
			const operators = await upgraded.query.operators.operators.entries();
			assert.ok(operators.length > 0 && operators.every(([, o]) => o.isSome), 'every operator decodes');
			assert.match(fork.logs.join(''), /v2: \d+ vaults gained flows/, 'the runtime logged the vault migration');

			const dep = await sendAndWait(upgraded, upgraded.tx.vaults.deposit(VAULT, 5n * LST), ferdie);
			assert.equal(dep.dispatchError, undefined);
			const after = (await upgraded.query.vaults.vaults(VAULT)).unwrap();
			assert.equal(after.flows.deposited.toBigInt(), recorded.total + recorded.queued + 5n * LST);
		} finally {
			await upgraded.disconnect();
		}
	});

	it('--wasm-override starts a second fork on the new runtime; its first block migrates', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'restake-wasm-'));
		const wasm = join(dir, 'runtime.wasm');
		writeFileSync(wasm, Buffer.from(code.slice(2), 'hex'));
		const second = await startFork(node.url, [...FROM_GENESIS, '--wasm-override', wasm]);
		try {
			assert.equal(await storageVersion(second.api, 'Vaults'), 1, 'nothing migrated before a block is built');
			await second.api.rpc('dev_newBlock', { count: 1 });
			assert.equal((await second.api.rpc.chain.getHeader()).number.toNumber(), 1, 'block 1 was built');
			const api = await connect(second.url);
			try {
				assert.ok(api.runtimeVersion.specVersion.toNumber() > OLD_SPEC);
				assert.equal(await storageVersion(api, 'Vaults'), 2);
				const vault = (await api.query.vaults.vaults(VAULT)).unwrap();
				assert.equal(vault.flows.deposited.toBigInt(), vault.totalAssets.toBigInt() + vault.queuedAssets.toBigInt());
			} finally {
				await api.disconnect();
			}
		} finally {
			await second.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the node stays on spec 100 with version-1 vaults', async () => {
		const api = node.api;
		assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), OLD_SPEC);
		assert.equal(await storageVersion(api, 'Vaults'), 1);
		assert.equal(await lrtOf(api, recorded.lrt, ferdie.address), 0n, 'Ferdie deposited on the fork only');
	});
});
