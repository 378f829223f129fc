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
const page = (from) => [
	{ name: 'from', type: `Option<${from}>`, isOptional: true },
	{ name: 'limit', type: 'Option<u32>', isOptional: true },
	at,
];

export const restakeRpc = {
	restake: {
		vault: {
			description: 'A vault: curator, asset, LRT, totals, limits, fee, allowlist',
			params: [{ name: 'vault', type: 'u32' }, at],
			type: 'Json',
		},
		exchangeRate: {
			description: "A vault's totals and what one whole LRT redeems for",
			params: [{ name: 'vault', type: 'u32' }, at],
			type: 'Json',
		},
		previewDeposit: {
			description: 'LRT shares a deposit would mint now (decimal string)',
			params: [{ name: 'vault', type: 'u32' }, { name: 'assets', type: 'Text' }, at],
			type: 'Text',
		},
		previewWithdraw: {
			description: 'Assets a withdrawal request for `shares` would queue now (decimal string)',
			params: [{ name: 'vault', type: 'u32' }, { name: 'shares', type: 'Text' }, at],
			type: 'Text',
		},
		pendingWithdrawals: {
			description: "An account's queued withdrawals in a vault",
			params: [{ name: 'vault', type: 'u32' }, { name: 'who', type: 'AccountId' }, at],
			type: 'Vec<Json>',
		},
		pairAllocations: {
			description: 'Every vault allocation to an (operator, AVS) pair',
			params: [{ name: 'operator', type: 'AccountId' }, { name: 'avs', type: 'u32' }, at],
			type: 'Vec<Json>',
		},
		avsWeightedStake: {
			description: "An AVS's stake weighted by its accepted assets (decimal string)",
			params: [{ name: 'avs', type: 'u32' }, at],
			type: 'Text',
		},
		avsState: {
			description: "An AVS's lifecycle: roles in force and scheduled, deregistration, what still binds it",
			params: [{ name: 'avs', type: 'u32' }, at],
			type: 'Json',
		},
		operatorState: {
			description: "An operator's lifecycle: its opt-ins (active, pending, leaving until) and when it can leave",
			params: [{ name: 'who', type: 'AccountId' }, at],
			type: 'Json',
		},
		slashRecord: {
			description: 'A settled slash: outcome (executed/vetoed/cancelled/logged), block, amounts taken',
			params: [{ name: 'id', type: 'u32' }, at],
			type: 'Json',
		},
		pendingRewards: {
			description: "An account's claimable LRT² rewards by source and asset",
			params: [{ name: 'who', type: 'AccountId' }, at],
			type: 'Vec<Json>',
		},
		points: {
			description: "An account's points by programme",
			params: [{ name: 'who', type: 'AccountId' }, at],
			type: 'Vec<Json>',
		},
		stream: {
			description: "A reward stream's funded, paid, remaining and reclaimable amounts",
			params: [{ name: 'id', type: 'u32' }, at],
			type: 'Json',
		},
		pendingSlashes: {
			description: 'Pending slashes, optionally of one AVS and/or one operator',
			params: [
				{ name: 'avs', type: 'Option<u32>' },
				{ name: 'operator', type: 'Option<AccountId>' },
				at,
			],
			type: 'Vec<Json>',
		},
		vaultProfile: {
			description: "A vault's risk and yield: exposures, worst-case loss, reward and points rates, slashes",
			params: [{ name: 'vault', type: 'u32' }, at],
			type: 'Json',
		},
		operatorProfile: {
			description: "An operator's profile: commission, stake per AVS and vault, pending slashes, slash record",
			params: [{ name: 'who', type: 'AccountId' }, at],
			type: 'Json',
		},
		avsProfile: {
			description: "An AVS's profile: roles, stake and its concentration, policy, streams, slash record",
			params: [{ name: 'avs', type: 'u32' }, at],
			type: 'Json',
		},
		vaultProfiles: {
			description: 'Vault profiles from vault `from` on, at most `limit` (≤ 16): { items, next }',
			params: page('u32'),
			type: 'Json',
		},
		avsProfiles: {
			description: 'AVS profiles from AVS `from` on, at most `limit` (≤ 16): { items, next }',
			params: page('u32'),
			type: 'Json',
		},
		operatorProfiles: {
			description: 'Operator profiles from operator `from` on, at most `limit` (≤ 16): { items, next }',
			params: page('AccountId'),
			type: 'Json',
		},
		subscribeSlashes: {
			description: 'Every slashing event of each new best block, optionally of one operator, AVS or vault',
			params: [{ name: 'filter', type: 'Json', isOptional: true }],
			pubsub: ['slashEvent', 'subscribeSlashes', 'unsubscribeSlashes'],
			type: 'Json',
		},
	},
};
