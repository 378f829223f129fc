// @polkadot/api definitions of the `restake_*` JSON-RPC methods of `restake-node`.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { restakeRpc } from './clients/restake-rpc.mjs';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), rpc: restakeRpc });
//   const rate = await api.rpc.restake.exchangeRate(0);   // amounts are decimal strings
//
// Every method takes an optional block hash `at` last. Errors: code 8001 (not found) or 8002
// (the runtime would refuse), with the pallet error's name as the message; for the risk/yield
// views below, 8000 (runtime failure), 8003 `InvalidLimit` (a page limit of 0 or above 16) and
// 8004 `InvalidFilter` (a malformed subscription filter).
//
// Risk and yield views (what clients/dashboard/ shows): `vaultProfile`, `operatorProfile` and
// `avsProfile` answer `null` for an unknown id (read through the `Json` type as an empty
// object: check `.isEmpty`); the `*Profiles` methods page through every vault, AVS or
// operator (`{ items, next }`: pass `next` as `from` until it is null; limit 1 to 16).
// `subscribeSlashes` pushes every slashing event of each new best block:
//
//   const unsub = await api.rpc.restake.subscribeSlashes({ avs: 1 }, (event) => console.log(event.toJSON()));
//   // { blockNumber, blockHash, kind: 'requested' | 'executed' | …, id, avs, operator, fractionPpb, vaults }

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const vault = { name: 'vault', type: 'u32' };
const avs = { name: 'avs', type: 'u32' };
const id = { name: 'id', type: 'u32' };
const who = { name: 'who', type: 'AccountId' };
const operator = { name: 'operator', type: 'AccountId' };
const text = (name) => ({ name, type: 'Text' });
/** A page of every vault, AVS or operator: from the id `from` (of type `idType`) on, at most `limit`. */
const page = (idType) => [
	{ name: 'from', type: `Option<${idType}>`, isOptional: true },
	{ name: 'limit', type: 'Option<u32>', isOptional: true },
];
/** A method answering `type`, taking `params` and then the optional block hash `at`. */
const method = (type, description, ...params) => ({ description, params: [...params, at], type });

export const restakeRpc = {
	restake: {
		vault: method('Json', 'A vault: curator, asset, LRT, totals, limits, fee, allowlist', vault),
		exchangeRate: method('Json', "A vault's totals and what one whole LRT redeems for", vault),
		previewDeposit: method('Text', 'LRT shares a deposit would mint now (decimal string)', vault, text('assets')),
		previewWithdraw: method(
			'Text',
			'Assets a withdrawal request for `shares` would queue now (decimal string)',
			vault,
			text('shares'),
		),
		pendingWithdrawals: method('Vec<Json>', "An account's queued withdrawals in a vault", vault, who),
		pairAllocations: method('Vec<Json>', 'Every vault allocation to an (operator, AVS) pair', operator, avs),
		avsWeightedStake: method('Text', "An AVS's stake weighted by its accepted assets (decimal string)", avs),
		avsState: method(
			'Json',
			"An AVS's lifecycle: roles in force and scheduled, deregistration, what still binds it",
			avs,
		),
		operatorState: method(
			'Json',
			"An operator's lifecycle: its opt-ins (active, pending, leaving until) and when it can leave",
			who,
		),
		slashRecord: method('Json', 'A settled slash: outcome (executed/vetoed/cancelled/logged), block, amounts taken', id),
		pendingRewards: method('Vec<Json>', "An account's claimable LRT² rewards by source and asset", who),
		points: method('Vec<Json>', "An account's points by programme", who),
		stream: method('Json', "A reward stream's funded, paid, remaining and reclaimable amounts", id),
		pendingSlashes: method(
			'Vec<Json>',
			'Pending slashes, optionally of one AVS and/or one operator',
			{ name: 'avs', type: 'Option<u32>' },
			{ name: 'operator', type: 'Option<AccountId>' },
		),
		vaultProfile: method(
			'Json',
			"A vault's risk and yield: exposures, worst-case loss, reward and points rates, slashes",
			vault,
		),
		operatorProfile: method(
			'Json',
			"An operator's profile: commission, stake per AVS and vault, pending slashes, slash record",
			who,
		),
		avsProfile: method(
			'Json',
			"An AVS's profile: roles, stake and its concentration, policy, streams, slash record",
			avs,
		),
		vaultProfiles: method('Json', 'Vault profiles from vault `from` on, at most `limit` (≤ 16): { items, next }', ...page('u32')),
		avsProfiles: method('Json', 'AVS profiles from AVS `from` on, at most `limit` (≤ 16): { items, next }', ...page('u32')),
		operatorProfiles: method(
			'Json',
			'Operator profiles from operator `from` on, at most `limit` (≤ 16): { items, next }',
			...page('AccountId'),
		),
		subscribeSlashes: {
			description: 'Every slashing event of each new best block, optionally of one operator, AVS or vault',
			params: [{ name: 'filter', type: 'Json', isOptional: true }],
			pubsub: ['slashEvent', 'subscribeSlashes', 'unsubscribeSlashes'],
			type: 'Json',
		},
	},
};
