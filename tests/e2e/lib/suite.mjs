// The setup the polkadot.js test files share: one dev node for the file, optionally a second
// connection that also knows the `restake_*` RPC methods, and the dev accounts by name.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { restakeRpc } from '../../../clients/restake-rpc.mjs';
import { connect } from '../../lib/node.mjs';
import { startDevNode } from './node.mjs';

/**
 * The dev accounts (sr25519) of `names`, keyed by the name without `//`:
 * `devAccounts(['Alice', 'Dave//stash'])` → `{ Alice, Davestash }`. Call it once the crypto is
 * ready (after `startDevSuite`).
 */
export function devAccounts(names) {
	const keyring = new Keyring({ type: 'sr25519' });
	return Object.fromEntries(names.map((n) => [n.replace('//', ''), keyring.addFromUri(`//${n}`)]));
}

/**
 * Waits for the crypto, starts `restake-node --dev` (instant sealing) and resolves with
 * { node, api, stop }. `api` is the node's own connection, or with `rpc: true` a second one
 * that decorates the `restake_*` RPC methods (clients/restake-rpc.mjs). `stop()` closes both.
 */
export async function startDevSuite({ rpc = false } = {}) {
	await cryptoWaitReady();
	const node = await startDevNode();
	const api = rpc ? await connect(`ws://127.0.0.1:${node.rpcPort}`, { rpc: restakeRpc }) : node.api;
	async function stop() {
		if (api !== node.api) await api.disconnect().catch(() => {});
		await node.stop();
	}
	return { node, api, stop };
}
