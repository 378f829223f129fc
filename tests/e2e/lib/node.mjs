// Starts the real `restake-node --dev` on free ports and connects @polkadot/api to it.
// The node is killed when the test process exits, whatever the outcome.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ApiPromise, WsProvider } from '@polkadot/api';

const running = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const child of running) child.kill('SIGKILL');
		if (signal !== 'exit') process.exit(1);
	});
}

function freePort() {
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

/** Path of the node binary: $RESTAKE_NODE, set by scripts/env.sh. */
export function nodeBinary() {
	const bin = process.env.RESTAKE_NODE;
	if (!bin) throw new Error('RESTAKE_NODE is not set: run through scripts/test.sh');
	return bin;
}

/**
 * Spawns `restake-node --dev --tmp --sealing <sealing>` and resolves once its RPC answers.
 * `sealing` is `instant` by default (a block per transaction, finalized at once: the suites
 * wait for nothing); pass `aura` for the real Aura + GRANDPA path.
 * Returns { api, stop, logs, rpcPort, promPort, pid, sealing, head, waitForBlock, newBlocks }.
 */
export async function startDevNode(extraArgs = [], { sealing = 'instant' } = {}) {
	// Test files run in parallel, each with its own node: a port picked free can be taken by
	// another node before ours binds it. Retry with fresh ports when that happens.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startDevNodeOnce(extraArgs, sealing);
		} catch (e) {
			if (attempt >= 3 || !/address already in use|Address in use/i.test(String(e))) throw e;
		}
	}
}

async function startDevNodeOnce(extraArgs, sealing) {
	const [rpcPort, p2pPort, promPort] = [await freePort(), await freePort(), await freePort()];
	// A node given its own database (`--base-path`) keeps it; otherwise a temporary one.
	const keep = extraArgs.includes('--base-path') ? [] : ['--tmp'];
	const args = [
		'--dev', ...keep, '--no-telemetry', '--no-mdns',
		'--rpc-port', String(rpcPort), '--port', String(p2pPort),
		'--prometheus-port', String(promPort), '--sealing', sealing, ...extraArgs,
	];
	const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

	const provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`, 500);
	const deadline = Date.now() + 60_000;
	while (!provider.isConnected) {
		if (exited) throw new Error(`node exited early (${JSON.stringify(exited)}):\n${logs.join('')}`);
		if (Date.now() > deadline) throw new Error(`node RPC not up in 60 s:\n${logs.join('')}`);
		await new Promise((r) => setTimeout(r, 250));
	}
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
	/** The best block's number. */
	const head = async () => (await api.rpc.chain.getHeader()).number.toNumber();

	/**
	 * Resolves once the best block is at least `height`: with dev sealing, seals (empty,
	 * finalized) blocks up to it through `engine_createBlock`; with Aura, waits for them.
	 */
	async function waitForBlock(height) {
		while ((await head()) < height) {
			if (sealing === 'aura') await new Promise((r) => setTimeout(r, 250));
			else await api.rpc.engine.createBlock(true, true);
		}
	}

	/** Resolves once `n` more blocks are on top of the current best block. */
	const newBlocks = async (n) => waitForBlock((await head()) + n);

	return { api, stop, logs, rpcPort, promPort, pid: child.pid, sealing, head, waitForBlock, newBlocks };
}

/**
 * Signs and sends `tx`, resolves with { events, dispatchError, blockHash } once it is in a
 * block. Rejects if the pool refuses it.
 */
export function sendAndWait(api, tx, signer) {
	return new Promise((resolve, reject) => {
		let unsub = () => {};
		tx.signAndSend(signer, (result) => {
			// A block sealed and finalized at once (dev sealing) may report `Finalized` only.
			if (result.status.isInBlock || result.status.isFinalized) {
				unsub();
				resolve({
					events: result.events,
					dispatchError: result.dispatchError,
					blockHash: result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized,
				});
			} else if (result.isError) {
				unsub();
				reject(new Error(`transaction failed: ${result.status.toString()}`));
			}
		})
			.then((u) => (unsub = u))
			.catch(reject);
	});
}

/** Decodes a dispatch error into "Section.Name" (module errors) or its JSON form. */
export function errorName(api, dispatchError) {
	if (!dispatchError) return null;
	if (dispatchError.isModule) {
		const { section, name } = api.registry.findMetaError(dispatchError.asModule);
		return `${section}.${name}`;
	}
	return dispatchError.toString();
}

/** Resolves when the finalized head reaches `height`, rejects after `timeoutMs`. */
export function waitForFinalized(api, height, timeoutMs = 60_000) {
	return new Promise((resolve, reject) => {
		let unsub = () => {};
		const timer = setTimeout(() => {
			unsub();
			reject(new Error(`finalized height ${height} not reached in ${timeoutMs} ms`));
		}, timeoutMs);
		api.rpc.chain
			.subscribeFinalizedHeads((header) => {
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
