// Operators and AVSs from polkadot.js against the real `restake-node --dev`: the genesis
// restaking market, registering an AVS and an operator, opt-in (with and without approval),
// allocating a vault's stake and watching it become effective after the delay.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WsProvider } from '@polkadot/api';
import { errorName, sendAndWait } from './lib/node.mjs';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

const LST = 10n ** 18n;
const MAGNITUDE_ONE = 10n ** 18n;
const ORACLE = 0;
const DA = 1;
const PERCENT = 10_000_000; // Perbill parts per percent

describe('operators on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let k;

	before(async () => {
		({ node, api, stop } = await startDevSuite());
		k = devAccounts(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'Dave//stash']);
	});

	after(async () => {
		await stop?.();
	});

	const waitForBlock = (n) => node.waitForBlock(n);

	it('starts with two AVSs, two operators and allocations in force', async () => {
		const oracle = (await api.call.operatorsApi.avs(ORACLE)).unwrap();
		assert.equal(oracle.name.toUtf8(), 'Restake Oracle');
		assert.equal(oracle.operatorCount.toNumber(), 2);
		const da = (await api.query.operators.avss(DA)).unwrap();
		assert.equal(da.requiresApproval.isTrue, true);
		const views = await api.call.operatorsApi.pairAllocations(k.Davestash.address, ORACLE);
		assert.equal(views.length, 1);
		const vault = (await api.query.vaults.vaults(0)).unwrap();
		assert.equal(views[0].stake.toBigInt(), (vault.totalAssets.toBigInt() * 40n) / 100n);
		const weighted = (await api.call.operatorsApi.avsWeightedStake(ORACLE)).toBigInt();
		assert.ok(weighted >= 40n * LST, `weighted stake ${weighted}`);
	});

	it('registers an AVS and an operator, and opts in with and without approval', async () => {
		const reg = await sendAndWait(
			api,
			api.tx.operators.registerAvs('Keeper AVS', 'https://keeper.invalid', false, k.Dave.address, null),
			k.Dave,
		);
		assert.equal(reg.dispatchError, undefined);
		const ev = reg.events.find(({ event }) => api.events.operators.AvsRegistered.is(event));
		assert.equal(ev.event.data.avs.toNumber(), 2);

		const op = await sendAndWait(
			api, api.tx.operators.registerOperator('Charlie Ops', 5 * PERCENT), k.Charlie,
		);
		assert.equal(op.dispatchError, undefined);
		const again = await sendAndWait(
			api, api.tx.operators.registerOperator('Charlie Ops', 5 * PERCENT), k.Charlie,
		);
		assert.equal(errorName(api, again.dispatchError), 'operators.AlreadyOperator');
		const greedy = await sendAndWait(
			api, api.tx.operators.registerOperator('Greedy', 60 * PERCENT), k.Bob,
		);
		assert.equal(errorName(api, greedy.dispatchError), 'operators.CommissionTooHigh');

		for (const avs of [ORACLE, 2]) {
			const r = await sendAndWait(api, api.tx.operators.optIn(avs), k.Charlie);
			assert.ok(r.events.some(({ event }) => api.events.operators.OperatorOptedIn.is(event)));
		}
		const pending = await sendAndWait(api, api.tx.operators.optIn(DA), k.Charlie);
		assert.ok(pending.events.some(({ event }) => api.events.operators.OptInRequested.is(event)));
		assert.equal((await api.query.operators.optIns(DA, k.Charlie.address)).unwrap().isPending, true);
		const notOwner = await sendAndWait(api, api.tx.operators.approveOperator(DA, k.Charlie.address), k.Eve);
		assert.equal(errorName(api, notOwner.dispatchError), 'operators.NotAvsOwner');
		const approved = await sendAndWait(api, api.tx.operators.approveOperator(DA, k.Charlie.address), k.Ferdie);
		assert.equal(approved.dispatchError, undefined);
		assert.equal((await api.query.operators.optIns(DA, k.Charlie.address)).unwrap().isActive, true);
	});

	it('allocates vault stake that becomes effective only after the delay', async () => {
		const notCurator = await sendAndWait(
			api, api.tx.operators.allocate(0, k.Charlie.address, ORACLE, 10 * PERCENT), k.Bob,
		);
		assert.equal(errorName(api, notCurator.dispatchError), 'operators.NotCurator');
		const tooMuch = await sendAndWait(
			api, api.tx.operators.allocate(0, k.Charlie.address, ORACLE, 31 * PERCENT), k.Alice,
		);
		assert.equal(errorName(api, tooMuch.dispatchError), 'operators.InsufficientCapacity');
		const notAllowed = await sendAndWait(
			api, api.tx.operators.allocate(0, k.Charlie.address, 2, 10 * PERCENT), k.Alice,
		);
		assert.equal(errorName(api, notAllowed.dispatchError), 'operators.AvsNotAllowedByVault');

		const ok = await sendAndWait(
			api, api.tx.operators.allocate(0, k.Charlie.address, ORACLE, 20 * PERCENT), k.Alice,
		);
		assert.equal(ok.dispatchError, undefined);
		const scheduled = ok.events.find(({ event }) => api.events.operators.AllocationScheduled.is(event));
		assert.equal(scheduled.event.data.magnitude.toBigInt(), (MAGNITUDE_ONE * 20n) / 100n);
		const effectiveAt = scheduled.event.data.effectiveAt.toNumber();
		const included = (await api.rpc.chain.getHeader(ok.blockHash)).number.toNumber();
		// The README's walkthrough: the vault's 20-block withdrawal delay, the 41-block risk-change
		// margin, plus one.
		assert.equal(effectiveAt, included + 62, 'the allocation counts after 62 blocks');

		let [view] = await api.call.operatorsApi.pairAllocations(k.Charlie.address, ORACLE);
		assert.equal(view.stake.toBigInt(), 0n, 'not in force before the delay');
		assert.equal(view.pending.unwrap()[1].toNumber(), effectiveAt);

		await waitForBlock(effectiveAt);
		[view] = await api.call.operatorsApi.pairAllocations(k.Charlie.address, ORACLE);
		const vault = (await api.query.vaults.vaults(0)).unwrap();
		assert.equal(view.stake.toBigInt(), (vault.totalAssets.toBigInt() * 20n) / 100n);
		assert.equal(view.pending.isNone, true);
	});

	it('an operator chooses its vaults and ejects one; an AVS ejects an operator (issue 17)', async () => {
		// Charlie accepts only vault 1: vault 0's curator can no longer grow its allocation.
		const notOperator = await sendAndWait(api, api.tx.operators.setVaultAllowlist([1]), k.Bob);
		assert.equal(errorName(api, notOperator.dispatchError), 'operators.NotOperator');
		const unknown = await sendAndWait(api, api.tx.operators.setVaultAllowlist([1, 99]), k.Charlie);
		assert.equal(errorName(api, unknown.dispatchError), 'operators.VaultNotFound');
		const set = await sendAndWait(api, api.tx.operators.setVaultAllowlist([1]), k.Charlie);
		assert.ok(set.events.some(({ event }) => api.events.operators.VaultAllowlistSet.is(event)));
		assert.deepEqual((await api.query.operators.vaultAllowlists(k.Charlie.address)).unwrap().toJSON(), [1]);
		const refused = await sendAndWait(
			api, api.tx.operators.allocate(0, k.Charlie.address, ORACLE, 25 * PERCENT), k.Alice,
		);
		assert.equal(errorName(api, refused.dispatchError), 'operators.VaultNotAllowedByOperator');

		// Charlie winds vault 0 down: still slashable until the deallocation delay has passed.
		const eject = await sendAndWait(api, api.tx.operators.ejectVault(ORACLE, 0), k.Charlie);
		assert.equal(eject.dispatchError, undefined);
		const ejected = eject.events.find(({ event }) => api.events.operators.VaultEjected.is(event));
		const until = ejected.event.data.until.toNumber();
		const [view] = await api.call.operatorsApi.pairAllocations(k.Charlie.address, ORACLE);
		assert.ok(view.stake.toBigInt() > 0n, 'still allocated (and slashable) during the window');
		assert.equal(view.pending.unwrap()[1].toNumber(), until);

		// The oracle's owner (Eve) ejects Charlie; Ferdie, its resolver, may not.
		const notOwner = await sendAndWait(api, api.tx.operators.ejectOperator(ORACLE, k.Charlie.address), k.Ferdie);
		assert.equal(errorName(api, notOwner.dispatchError), 'operators.NotAvsOwner');
		const out = await sendAndWait(api, api.tx.operators.ejectOperator(ORACLE, k.Charlie.address), k.Eve);
		assert.ok(out.events.some(({ event }) => api.events.operators.OperatorEjected.is(event)));
		assert.equal((await api.query.operators.optIns(ORACLE, k.Charlie.address)).unwrap().isOptingOut, true);
	});

	it('an operator leaves with its deposit; an AVS rotates its slasher after the delay (issue 17)', async () => {
		const KEEPER = 2; // Dave's AVS from the first test: Dave is owner and slasher.
		const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`);
		await provider.isReady;
		const rpc = (method, ...params) => provider.send(method, params);
		const isAccount = (address, pair) => api.createType('AccountId', address).eq(pair.address);
		const reserved = async (who) => (await api.query.system.account(who)).data.reserved.toBigInt();

		// Bob registers (the deposit is held), opts in, and cannot leave while bound.
		const reservedBefore = await reserved(k.Bob.address);
		const reg = await sendAndWait(api, api.tx.operators.registerOperator('Bob Ops', 5 * PERCENT), k.Bob);
		assert.equal(reg.dispatchError, undefined);
		const deposit = (await reserved(k.Bob.address)) - reservedBefore;
		assert.equal(deposit, 100n * 10n ** 12n, 'OperatorDeposit held');
		assert.equal((await sendAndWait(api, api.tx.operators.optIn(KEEPER), k.Bob)).dispatchError, undefined);
		const bound = await sendAndWait(api, api.tx.operators.deregisterOperator(), k.Bob);
		assert.equal(errorName(api, bound.dispatchError), 'operators.StillOptedIn');

		// The request to leave: Bob opts out; the RPC shows when he is free.
		const out = await sendAndWait(api, api.tx.operators.optOut(KEEPER), k.Bob);
		const until = out.events
			.find(({ event }) => api.events.operators.OperatorOptingOut.is(event))
			.event.data.until.toNumber();
		let state = await rpc('restake_operatorState', k.Bob.address);
		assert.deepEqual(state.optIns, [{ avs: KEEPER, status: 'leaving', until }]);
		assert.equal(state.freeFrom, until);
		assert.equal(state.canDeregister, false);

		// Meanwhile Dave hands the slasher role to Ferdie: not before the delay.
		const notOwner = await sendAndWait(api, api.tx.operators.setAvsRoles(KEEPER, k.Ferdie.address, null), k.Ferdie);
		assert.equal(errorName(api, notOwner.dispatchError), 'operators.NotAvsOwner');
		const rotate = await sendAndWait(api, api.tx.operators.setAvsRoles(KEEPER, k.Ferdie.address, null), k.Dave);
		const scheduled = rotate.events.find(({ event }) => api.events.operators.AvsRolesChangeScheduled.is(event));
		const effectiveAt = scheduled.event.data.effectiveAt.toNumber();
		const header = await api.rpc.chain.getHeader(rotate.blockHash);
		assert.ok(effectiveAt >= header.number.toNumber() + 20, 'waits at least the deallocation delay');
		let avsState = await rpc('restake_avsState', KEEPER);
		assert.ok(isAccount(avsState.slasher, k.Dave), 'Dave is slasher until then');
		const [next, nextResolver, at] = avsState.pendingRoles;
		assert.ok(isAccount(next, k.Ferdie));
		assert.deepEqual([nextResolver, at], [null, effectiveAt]);
		const slash = (signer) => sendAndWait(
			api, api.tx.slashing.requestSlash(KEEPER, k.Bob.address, 10 * PERCENT, '0x' + '11'.repeat(32), 'test'), signer,
		);
		assert.equal(errorName(api, (await slash(k.Ferdie)).dispatchError), 'slashing.NotSlasher');

		// Bob's opt-out completes (anyone may), then he leaves and gets the deposit back.
		await waitForBlock(Math.max(until, effectiveAt));
		const early = await sendAndWait(api, api.tx.operators.deregisterOperator(), k.Bob);
		assert.equal(errorName(api, early.dispatchError), 'operators.StillOptedIn');
		const done = await sendAndWait(api, api.tx.operators.completeOptOut(k.Bob.address, KEEPER), k.Alice);
		assert.equal(done.dispatchError, undefined);
		const left = await sendAndWait(api, api.tx.operators.deregisterOperator(), k.Bob);
		const ev = left.events.find(({ event }) => api.events.operators.OperatorDeregistered.is(event));
		assert.equal(ev.event.data.released.toBigInt(), deposit);
		assert.equal(await reserved(k.Bob.address), reservedBefore);
		assert.equal((await api.query.operators.operators(k.Bob.address)).isNone, true);
		await assert.rejects(rpc('restake_operatorState', k.Bob.address), /NotOperator/);

		// The new slasher is in force: Dave is refused, Ferdie gets past the role check.
		avsState = await rpc('restake_avsState', KEEPER);
		assert.ok(isAccount(avsState.slasher, k.Ferdie), 'Ferdie is slasher now');
		assert.equal(avsState.pendingRoles, null);
		assert.equal(errorName(api, (await slash(k.Dave)).dispatchError), 'slashing.NotSlasher');
		assert.notEqual(errorName(api, (await slash(k.Ferdie)).dispatchError), 'slashing.NotSlasher');
		await provider.disconnect();
	});
});
