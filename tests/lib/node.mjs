// What every JavaScript test and harness of Restake shares (tests/e2e, tests/chopsticks,
// bench/): free ports, the node binary, starting a process and connecting @polkadot/api to it,
// sending a transaction and naming its error, waiting for a head. Every process started here
// is killed when the test process exits, whatever the outcome.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

/** The repository's root directory. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const running = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const child of running) child.kill('SIGKILL');
		if (signal !== 'exit') process.exit(1);
	});
}

/** Resolves with `port` if it can be bound on 127.0.0.1 now, else with null. */
function tryPort(port) {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', () => resolve(null));
		srv.listen(port, '127.0.0.1', () => {
			const bound = srv.address().port;
			srv.close(() => resolve(bound));
		});
	});
}

/** Ports this process has handed out: never handed out twice (a node takes three at once). */
const handedOut = new Set();

/**
 * A port free on 127.0.0.1 that this process has not handed out before: one the system picks,
 * or, when $RESTAKE_PORTS is `FIRST-LAST` (e.g. `24000-24999`, to keep several test runs on one
 * machine apart), one from that range. In a range each process walks from its own place (set by
 * its pid), so test files running side by side rarely try the same ports; a port another process
 * took in between fails that node's start visibly (address in use), never silently.
 */
export async function freePort() {
	const range = /^(\d+)-(\d+)$/.exec(process.env.RESTAKE_PORTS ?? '');
	if (!range) {
		for (let attempt = 0; attempt < 64; attempt++) {
			const port = await tryPort(0);
			if (port !== null && !handedOut.has(port)) {
				handedOut.add(port);
				return port;
			}
		}
		throw new Error('no free port');
	}
	const [first, last] = [Number(range[1]), Number(range[2])];
	const size = last - first + 1;
	const start = (process.pid * 97 + handedOut.size) % size;
	for (let i = 0; i < size; i++) {
		const candidate = first + ((start + i) % size);
		if (handedOut.has(candidate)) continue;
		const port = await tryPort(candidate);
		if (port !== null) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error(`no free port in RESTAKE_PORTS=${process.env.RESTAKE_PORTS}`);
}

/** $RESTAKE_NODE (set by scripts/env.sh), else the release build where scripts/env.sh puts it. */
export function nodeBinary() {
	const bin = process.env.RESTAKE_NODE
		?? join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'restake', 'target'), 'release', 'restake-node');
	if (!existsSync(bin)) throw new Error(`no node binary at ${bin}: build it (scripts/dev.sh) or set RESTAKE_NODE`);
	return bin;
}

/** A new @polkadot/api connection that fails rather than retries when nothing answers. */
export const connect = (url, options = {}) =>
	ApiPromise.create({ provider: new WsProvider(url, 500), noInitWarn: true, throwOnConnect: true, ...options });

/**
 * Spawns `cmd args`, keeps its last output, resolves once `ready(output)` holds, then connects
 * @polkadot/api to `url`. Rejects with the output if the process exits first or is not ready
 * within `timeoutMs`. Returns { api, stop, logs, url, pid }; `stop()` disconnects, then ends
 * the process (SIGTERM, SIGKILL after 10 s).
 */
export async function launch(what, cmd, args, ready, url, timeoutMs = 90_000) {
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
	async function stop() {
		await api?.disconnect().catch(() => {});
		if (!exited) {
			const gone = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await gone;
			clearTimeout(timer);
		}
	}
	let api;
	try {
		const deadline = Date.now() + timeoutMs;
		while (!ready(logs.join(''))) {
			if (exited) throw new Error(`${what} exited early (${JSON.stringify(exited)}):\n${logs.join('')}`);
			if (Date.now() > deadline) throw new Error(`${what} not up in ${timeoutMs} ms:\n${logs.join('')}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		api = await connect(url);
	} catch (e) {
		await stop();
		throw e;
	}
	return { api, stop, logs, url, pid: child.pid };
}

/**
 * `restake-node <chainArgs> [--tmp] <extraArgs>` on free ports, ready once its JSON-RPC server
 * runs: { api, stop, logs, url, pid, rpcPort, promPort }. A node given its own database
 * (`--base-path`) keeps it; otherwise it gets a temporary one.
 */
export async function launchNode(chainArgs, extraArgs = []) {
	const [rpcPort, p2pPort, promPort] = [await freePort(), await freePort(), await freePort()];
	const keep = extraArgs.includes('--base-path') ? [] : ['--tmp'];
	const args = [
		...chainArgs, ...keep, '--no-telemetry', '--no-mdns',
		'--rpc-port', String(rpcPort), '--port', String(p2pPort), '--prometheus-port', String(promPort),
		...extraArgs,
	];
	const node = await launch(
		'restake-node', nodeBinary(), args, (out) => /Running JSON-RPC server/.test(out), `ws://127.0.0.1:${rpcPort}`,
	);
	return { ...node, rpcPort, promPort };
}

/**
 * Signs and sends `tx`, resolves with { events, dispatchError, blockHash } once it is in a
 * block; rejects if the pool refuses it. `options` go to `signAndSend` (e.g. `{ nonce: -1 }`).
 * A block sealed and finalized at once (dev sealing, Chopsticks) may report `Finalized` only,
 * or before @polkadot/api has read the in-block events: either status resolves.
 */
export function sendAndWait(api, tx, signer, options = {}) {
	return new Promise((resolve, reject) => {
		let unsub = () => {};
		tx.signAndSend(signer, options, (result) => {
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

/** Resolves when the finalized head reaches `height`, rejects after `timeoutMs`. */
export const waitForFinalized = (api, height, timeoutMs = 60_000) =>
	waitForHead(api, height, { finalized: true, timeoutMs });
