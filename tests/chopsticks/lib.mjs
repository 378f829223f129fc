// Starts the real `restake-node --dev --tmp` and a Chopsticks fork of it (through
// scripts/fork.sh, as a user would), each on free ports, and connects @polkadot/api to them.
// The process handling, ports and transaction helpers are tests/lib/node.mjs's (shared with
// tests/e2e and bench/): every process started here is killed when the test process exits.
import { join } from 'node:path';
import { ROOT, freePort, launch, launchNode, sendAndWait as send } from '../lib/node.mjs';

export { ROOT, connect, errorName, freePort, nodeBinary, waitForHead } from '../lib/node.mjs';

/** `restake-node <chainArgs> --tmp` on free ports: { api, stop, logs, url, pid }. */
export const startNode = (chainArgs = ['--dev']) => launchNode(chainArgs);

/** `restake-node --dev --tmp` on free ports. */
export const startDevNode = () => startNode(['--dev']);

/** `scripts/fork.sh --endpoint <endpoint> --port <free> [extra]`: { api, stop, logs, url, pid }. */
export async function startFork(endpoint, extra = []) {
	const port = await freePort();
	const args = [join(ROOT, 'scripts', 'fork.sh'), '--endpoint', endpoint, '--port', String(port), ...extra];
	return launch('scripts/fork.sh', 'bash', args, (out) => /RPC listening on/.test(out), `ws://127.0.0.1:${port}`);
}

/**
 * Signs and sends `tx`, resolves with { events, dispatchError, blockHash } once it is in a block
 * (tests/lib/node.mjs's `sendAndWait`, with `nonce: -1`). Two things differ from a real node:
 * - `nonce: -1` asks the runtime for the nonce. @polkadot/api's default reads it from its
 *   `system.account` subscription, which Chopsticks updates only after it has reported the
 *   previous transaction in a block: a second transaction sent at once reuses the nonce (Stale).
 * - Chopsticks reports a transaction finalized 100 ms after in a block, and @polkadot/api drops
 *   the in-block result when the finalized one comes before it has read the block's events (a
 *   busy machine, a big block): either status resolves.
 */
export const sendAndWait = (api, tx, signer) => send(api, tx, signer, { nonce: -1 });
