// Starts the real `restake-node --dev` on free ports and connects @polkadot/api to it (the
// process handling, ports and transaction helpers are tests/lib/node.mjs's, shared with
// tests/chopsticks and bench/). The node is killed when the test process exits, whatever the
// outcome.
import { launchNode } from '../../lib/node.mjs';

export { errorName, nodeBinary, sendAndWait, waitForFinalized } from '../../lib/node.mjs';

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
	const node = await launchNode(['--dev'], ['--sealing', sealing, ...extraArgs]);
	const { api } = node;

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

	return { ...node, sealing, head, waitForBlock, newBlocks };
}
