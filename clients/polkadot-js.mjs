// Everything @polkadot/api needs to talk to `restake-node` without a warning:
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { restakeApiOptions, viewFunctions } from './clients/polkadot-js.mjs';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), ...restakeApiOptions });
//   const rate = await api.rpc.restake.exchangeRate(0);            // restake_* JSON-RPC
//   const view = viewFunctions(api);                               // metadata V16 view functions
//   const shares = await view.vaults.previewDeposit(0, 10n ** 18n); // Result<u128, DispatchError>
//
// - `signedExtensions`: `AuthorizeCall` (frame-system's; @polkadot/api 16 does not know it)
//   adds nothing to a transaction; `CheckMetadataHash` is known (mode 0 by default; pass
//   `{ mode: 1, metadataHash }` to `signAndSend` for offline signers such as Ledger).
// - `rpc`: the `restake_*` methods (see restake-rpc.mjs) and the node's standard methods
//   @polkadot/api 16 has no definition for (the new JSON-RPC spec's `chainHead_v1_*`,
//   `transaction_v1_*`…: PAPI uses those); declaring them silences "RPC methods not decorated".
// No dependency: this file only builds plain objects and calls the `api` it is given.
import { restakeRpc } from './restake-rpc.mjs';

/** Transaction extensions of the runtime that @polkadot/api does not know. */
export const restakeSignedExtensions = {
	AuthorizeCall: { extrinsic: {}, payload: {} },
};

const hash = { name: 'hash', type: 'Text' };
const followId = { name: 'followSubscription', type: 'Text' };
const json = (description, params = []) => ({ description, params, type: 'Json' });
const text = (name) => ({ name, type: 'Text' });
/** A `chainHead_v1_*` method on a followed block: the subscription, the block hash, then `params`. */
const followed = (description, ...params) => json(description, [followId, hash, ...params]);

/** Standard node methods without a definition in @polkadot/api 16 (typed loosely as Json). */
export const standardRpc = {
	author: {
		rotateKeysWithOwner: json('Generates session keys bound to an owner', [{ name: 'owner', type: 'Bytes' }]),
	},
	bitswap: { v1_get: json('A block body part by CID (IPFS bitswap)', [{ name: 'cid', type: 'Text' }]) },
	chainHead: {
		v1_follow: json('Starts following the chain (new JSON-RPC spec; use PAPI for its events)', [
			{ name: 'withRuntime', type: 'bool' },
		]),
		v1_unfollow: json('Stops a follow subscription', [followId]),
		v1_body: followed('Body of a followed block'),
		v1_call: followed('Runtime call at a followed block', text('function'), { name: 'callParameters', type: 'Bytes' }),
		v1_header: followed('Header of a followed block'),
		v1_storage: followed(
			'Storage queries at a followed block',
			{ name: 'items', type: 'Json' },
			{ name: 'childTrie', type: 'Option<Text>' },
		),
		v1_continue: json('Continues a paused operation', [followId, text('operationId')]),
		v1_stopOperation: json('Stops an operation', [followId, text('operationId')]),
		v1_unpin: json('Unpins blocks', [followId, { name: 'hashOrHashes', type: 'Json' }]),
	},
	chainSpec: {
		v1_chainName: json('The chain name of the chain spec'),
		v1_genesisHash: json('The genesis hash'),
		v1_properties: json('The chain spec properties (token symbol, decimals, SS58)'),
	},
	state: {
		callRecorded: json('A runtime call with its storage proof recorded', [
			{ name: 'method', type: 'Text' },
			{ name: 'data', type: 'Bytes' },
			{ name: 'at', type: 'BlockHash', isOptional: true },
		]),
	},
	transaction: {
		v1_broadcast: json('Broadcasts a transaction (new JSON-RPC spec)', [{ name: 'transaction', type: 'Bytes' }]),
		v1_stop: json('Stops broadcasting', [{ name: 'operationId', type: 'Text' }]),
	},
	transactionWatch: {
		v1_submitAndWatch: json('Submits and watches a transaction (use PAPI for its events)', [
			{ name: 'transaction', type: 'Bytes' },
		]),
		v1_unwatch: json('Stops watching', [{ name: 'subscription', type: 'Text' }]),
	},
};

/** Spread into `ApiPromise.create({ provider, ...restakeApiOptions })`. */
export const restakeApiOptions = {
	rpc: { ...standardRpc, ...restakeRpc },
	signedExtensions: restakeSignedExtensions,
};

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());

/**
 * The runtime's view functions (metadata V16), as `view.<pallet>.<function>(...args)`, each
 * resolving with the decoded output (a @polkadot/types codec). Arguments are encoded with the
 * metadata's types; a wrong count throws. Calls go through the `RuntimeViewFunction` runtime
 * API, at the best block or at `{ at: blockHash }` passed as an extra last argument.
 */
export function viewFunctions(api) {
	const { registry } = api;
	const typeOf = (ty) => registry.createLookupType(ty);
	const views = {};
	for (const pallet of api.runtimeMetadata.asLatest.pallets) {
		const fns = pallet.viewFunctions ?? [];
		if (fns.length === 0) continue;
		const section = (views[camel(pallet.name.toString())] = {});
		for (const f of fns) {
			const name = `${pallet.name}.${f.name}`;
			section[camel(f.name.toString())] = async (...args) => {
				const last = args[args.length - 1];
				const at = args.length === f.inputs.length + 1 && last && last.at ? last.at : null;
				if (at) args = args.slice(0, -1);
				if (args.length !== f.inputs.length) {
					throw new Error(`${name} takes ${f.inputs.length} arguments (${f.inputs.map((i) => i.name).join(', ')}), got ${args.length}`);
				}
				const parts = f.inputs.map((input, i) => {
					// @polkadot/types reads a missing value as zero (vault 0, the all-zero account):
					// refuse it, except for an `Option`, where null/undefined means None.
					const isOption = registry.lookup.getTypeDef(input.type).type.startsWith('Option<');
					const arg = args[i];
					if (arg === '' || ((arg === undefined || arg === null) && !isOption)) {
						throw new Error(`${name}: argument ${input.name} is missing (got ${JSON.stringify(arg)})`);
					}
					return registry.createTypeUnsafe(typeOf(input.type), [arg ?? null]).toU8a();
				});
				const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
				parts.reduce((offset, p) => (input.set(p, offset), offset + p.length), 0);
				const id = f.id.toU8a();
				const caller = at ? await api.at(at) : api;
				// As a hex string: a Uint8Array given for `Bytes` is read as already length-prefixed.
				const inputHex = `0x${Array.from(input, (b) => b.toString(16).padStart(2, '0')).join('')}`;
				const result = await caller.call.runtimeViewFunction.executeViewFunction(
					{ prefix: id.slice(0, 16), suffix: id.slice(16) },
					inputHex,
				);
				if (result.isErr) throw new Error(`${name} failed: ${result.asErr.toString()}`);
				return registry.createTypeUnsafe(typeOf(f.output), [result.asOk.toU8a(true)]);
			};
		}
	}
	return views;
}
