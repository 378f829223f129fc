// Starts the real `restake-node --dev --tmp` and a Chopsticks fork of it (through
// scripts/fork.sh, as a user would), each on free ports, and connects @polkadot/api to them.
// Every process started here is killed when the test process exits, whatever the outcome.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const running = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const child of running) child.kill('SIGKILL');
		if (signal !== 'exit') process.exit(1);
	});
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** $RESTAKE_NODE (set by scripts/env.sh), else the release build where scripts/env.sh puts it. */
export function nodeBinary() {
	const bin = process.env.RESTAKE_NODE
		?? join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'restake', 'target'), 'release', 'restake-node');
	if (!existsSync(bin)) throw new Error(`no node binary at ${bin}: build it (scripts/dev.sh) or set RESTAKE_NODE`);
	return bin;
}

/** Spawns a process, keeps its last output, and resolves once `ready(output)` holds. */
async function launch(what, cmd, args, ready, url, timeoutMs = 90_000) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	const logs = [];
	const record = (chunk) => {
		logs.push(chunk.toString());
		if (logs.length > 2000) logs.splice(0, 1000);
	};
	child.stdout.on('data', record);
	child.stderr.on('data', record);
	let exited = null;
	child.on('exit', (code, signal) => {
		exited = { code, signal };
		running.delete(child);
	});
	const deadline = Date.now() + timeoutMs;
	while (!ready(logs.join(''))) {
		if (exited) throw new Error(`${what} exited early (${JSON.stringify(exited)}):\n${logs.join('')}`);
		if (Date.now() > deadline) throw new Error(`${what} not up in ${timeoutMs} ms:\n${logs.join('')}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	const provider = new WsProvider(url, 500);
	const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
	async function stop() {
		await api.disconnect().catch(() => {});
		if (!exited) {
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await gone;
			clearTimeout(timer);
		}
	}
	return { api, stop, logs, url, pid: child.pid };
}

/** `restake-node <chainArgs> --tmp` on free ports: { api, stop, logs, url, pid }. */
export async function startNode(chainArgs = ['--dev']) {
	const [rpc, p2p, prom] = [await freePort(), await freePort(), await freePort()];
	const args = [
		...chainArgs, '--tmp', '--no-telemetry', '--no-mdns',
		'--rpc-port', String(rpc), '--port', String(p2p), '--prometheus-port', String(prom),
	];
	return launch('restake-node', nodeBinary(), args, (out) => /Running JSON-RPC server/.test(out), `ws://127.0.0.1:${rpc}`);
}

/** `restake-node --dev --tmp` on free ports. */
export const startDevNode = () => startNode(['--dev']);

/** A new @polkadot/api connection (e.g. to read a fork with the metadata of its new runtime). */
export const connect = (url) => ApiPromise.create({ provider: new WsProvider(url, 500), noInitWarn: true, throwOnConnect: true });

/** `scripts/fork.sh --endpoint <endpoint> --port <free> [extra]`: { api, stop, logs, url, pid }. */
export async function startFork(endpoint, extra = []) {
	const port = await freePort();
	const args = [join(ROOT, 'scripts', 'fork.sh'), '--endpoint', endpoint, '--port', String(port), ...extra];
	return launch('scripts/fork.sh', 'bash', args, (out) => /RPC listening on/.test(out), `ws://127.0.0.1:${port}`);
}

/**
 * Signs and sends `tx`, resolves with { events, dispatchError, blockHash } once it is in a block.
 * Two things differ from a real node, both handled here:
 * - `nonce: -1` asks the runtime for the nonce. @polkadot/api's default reads it from its
 *   `system.account` subscription, which Chopsticks updates only after it has reported the
 *   previous transaction in a block: a second transaction sent at once reuses the nonce (Stale).
 * - Chopsticks reports a transaction finalized 100 ms after in a block, and @polkadot/api drops
 *   the in-block result when the finalized one comes before it has read the block's events (a
 *   busy machine, a big block): either status resolves.
 */
export function sendAndWait(api, tx, signer) {
	return new Promise((resolve, reject) => {
		let unsub = () => {};
		tx.signAndSend(signer, { nonce: -1 }, (result) => {
			const { status } = result;
			if (status.isInBlock || status.isFinalized) {
				unsub();
				resolve({
					events: result.events,
					dispatchError: result.dispatchError,
					blockHash: status.isInBlock ? status.asInBlock : status.asFinalized,
				});
			} else if (result.isError) {
				unsub();
				reject(new Error(`transaction failed: ${status.toString()}`));
			}
		})
			.then((u) => (unsub = u))
			.catch(reject);
	});
}

/** "section.Name" of a module error, else its JSON form; null for none. */
export function errorName(api, dispatchError) {
	if (!dispatchError) return null;
	if (dispatchError.isModule) {
		const { section, name } = api.registry.findMetaError(dispatchError.asModule);
		return `${section}.${name}`;
	}
	return dispatchError.toString();
}

/** Resolves with the first head (`best` or finalized) at or above `height`. */
export function waitForHead(api, height, { finalized = false, timeoutMs = 60_000 } = {}) {
	const subscribe = finalized ? api.rpc.chain.subscribeFinalizedHeads : api.rpc.chain.subscribeNewHeads;
	return new Promise((resolve, reject) => {
		let unsub = () => {};
		const timer = setTimeout(() => {
			unsub();
			reject(new Error(`${finalized ? 'finalized' : 'best'} height ${height} not reached in ${timeoutMs} ms`));
		}, timeoutMs);
		subscribe((header) => {
			if (header.number.toNumber() >= height) {
				clearTimeout(timer);
				unsub();
				resolve(header);
			}
		})
			.then((u) => (unsub = u))
			.catch(reject);
	});
}
