// polkadot-api (PAPI) helpers for the end-to-end tests: a typed client of a running node, dev
// accounts signed with hdkd, dispatch errors by name, and reads that go through a pallet's view
// function when the runtime serves it (else the runtime API it mirrors).
//
// The typed descriptors (`@polkadot-api/descriptors`) are generated from the checked-in
// metadata, clients/metadata/restake.scale, by `papi generate` (tests/e2e/.papi/polkadot-api.json;
// run by `npm ci`'s postinstall and by scripts/setup.sh).
import { CompatibilityLevel, createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { WebSocket } from 'ws';
import { restake } from '@polkadot-api/descriptors';

export const SS58_PREFIX = 4242;

/**
 * Connects PAPI to `ws://127.0.0.1:<port>` and returns { client, api }. Node 20 has no global
 * WebSocket: `ws` provides it.
 */
export function connect(port) {
	const client = createClient(getWsProvider(`ws://127.0.0.1:${port}`, { websocketClass: WebSocket }));
	return { client, api: client.getTypedApi(restake) };
}

const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));

/** A dev account (`//Alice`, `//Bob`, …): { address (SS58, prefix 4242), publicKey, signer }. */
export function devAccount(path) {
	const pair = derive(path);
	return {
		address: ss58Address(pair.publicKey, SS58_PREFIX),
		publicKey: pair.publicKey,
		signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
	};
}

/**
 * Signs and submits `tx`, resolving once it is in a best block (not waiting for finality as
 * `signAndSubmit` does) with { ok, events, dispatchError, block: { hash, number, index } }.
 * The next transaction of the same signer can follow at once: PAPI takes the nonce from the
 * best blocks.
 */
export function submitToBestBlock(tx, signer) {
	return new Promise((resolve, reject) => {
		let done = false;
		let sub = null;
		sub = tx.signSubmitAndWatch(signer).subscribe({
			next: (ev) => {
				if (done || ev.type !== 'txBestBlocksState' || !ev.found) return;
				done = true;
				sub?.unsubscribe();
				resolve(ev);
			},
			error: (e) => {
				done = true;
				reject(e);
			},
		});
		if (done) sub.unsubscribe();
	});
}

/** "Pallet.Error" for a module error (`Vaults.BelowMinimumDeposit`), else the error as JSON. */
export function errorName(dispatchError) {
	if (!dispatchError) return null;
	if (dispatchError.type === 'Module') return `${dispatchError.value.type}.${dispatchError.value.value.type}`;
	return JSON.stringify(dispatchError, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** JSON with bigints as strings, for messages. */
export const show = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * The reads that view functions (`#[pallet::view_functions]`) will mirror: a name, the view
 * function [pallet, function] and the runtime API [api, method] that answers the same question
 * with the same arguments. Add a line when the runtime gains a view function; rename here if it
 * picks other names than these.
 */
export const MIRRORED_READS = {
	exchangeRate: { view: ['Vaults', 'exchange_rate'], api: ['VaultsApi', 'exchange_rate'] },
	previewDeposit: { view: ['Vaults', 'preview_deposit'], api: ['VaultsApi', 'preview_deposit'] },
	previewWithdraw: { view: ['Vaults', 'preview_withdraw'], api: ['VaultsApi', 'preview_withdraw'] },
	pendingWithdrawals: { view: ['Vaults', 'pending_withdrawals'], api: ['VaultsApi', 'pending_withdrawals'] },
	pairAllocations: { view: ['Operators', 'pair_allocations'], api: ['OperatorsApi', 'pair_allocations'] },
	pendingSlashes: { view: ['Slashing', 'pending_slashes'], api: ['SlashingApi', 'pending_slashes'] },
	pendingRewards: { view: ['Lrt2', 'pending_rewards'], api: ['Lrt2Api', 'pending_rewards'] },
	points: { view: ['Lrt2', 'points_of'], api: ['Lrt2Api', 'points'] },
	stream: { view: ['Lrt2', 'stream_status'], api: ['Lrt2Api', 'stream'] },
};

/**
 * What the connected runtime serves of view functions, by the live runtime's metadata and the
 * descriptors: `callable` when it implements the `RuntimeViewFunction` runtime API (without
 * it no view function can run), `has(pallet, fn)` when the function is also declared by both.
 */
export async function viewFunctions(api, at) {
	const { compat } = await api.getStaticApis(at ? { at } : undefined);
	const callable = compat.apis.RuntimeViewFunction.execute_view_function.isCompatible(CompatibilityLevel.Partial);
	return {
		callable,
		declared: (pallet, fn) => compat.view[pallet][fn].isCompatible(CompatibilityLevel.Partial),
		has: (pallet, fn) => callable && compat.view[pallet][fn].isCompatible(),
	};
}

/** Every view function the descriptors (the checked-in metadata) declare: [[pallet, fn]]. */
export async function declaredViewFunctions() {
	const { viewFns } = await restake.descriptors;
	return Object.entries(viewFns).flatMap(([pallet, fns]) => Object.keys(fns).map((fn) => [pallet, fn]));
}

/**
 * A reader of MIRRORED_READS at block `at`: `read(name, ...args)` answers through the runtime
 * API and, where the runtime serves the view function too, calls that as well and hands both
 * answers to `compare(name, viaView, viaApi)` (a test asserts they are equal). `used` records
 * which path each read took.
 */
export async function mirroredReader(api, at, compare) {
	const views = await viewFunctions(api, at);
	const { compat } = await api.getStaticApis({ at });
	const used = new Map();
	async function read(name, ...args) {
		const entry = MIRRORED_READS[name];
		if (!entry) throw new Error(`no mirrored read "${name}"`);
		const [runtimeApi, method] = entry.api;
		const [pallet, fn] = entry.view;
		const hasApi = compat.apis[runtimeApi][method].isCompatible();
		const hasView = views.has(pallet, fn);
		if (!hasApi && !hasView) throw new Error(`neither ${runtimeApi}.${method} nor view ${pallet}.${fn} is served`);
		const viaApi = hasApi ? await api.apis[runtimeApi][method](...args, { at }) : undefined;
		const viaView = hasView ? await api.view[pallet][fn](...args, { at }) : undefined;
		used.set(name, hasApi && hasView ? 'view function + runtime API' : hasView ? 'view function' : 'runtime API');
		if (hasApi && hasView) compare?.(name, viaView, viaApi);
		return hasView ? viaView : viaApi;
	}
	return { read, used, views };
}
