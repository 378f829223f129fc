// The whole restaking lifecycle through the real `restake-node --dev`, from polkadot.js:
// deposit an LST → LRT → an AVS funds a stream → pending rewards equal via runtime API and
// RPC → LRT transfer → a slash vetoed, a second executed → exchange rate drops exactly →
// withdrawal claimed after the delay → rewards claimed in one call → totals reconcile.
// Every step also tries one wrong thing and asserts the documented error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorName, sendAndWait } from './lib/node.mjs';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

const LST = 10n ** 18n;
const STETH = 1;
const VAULT = 0; // stETH vault, LRT asset 1000
const LRT = 1000;
const ORACLE = 0; // veto policy: 10 blocks, resolver Ferdie
const PERCENT = 10_000_000;
const EVIDENCE = `0x${'cd'.repeat(32)}`;
const ceilDiv = (a, b) => (a + b - 1n) / b;

describe('restaking lifecycle on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let k;
	const state = {};

	before(async () => {
		({ node, api, stop } = await startDevSuite({ rpc: true }));
		k = devAccounts(['Alice', 'Bob', 'Eve', 'Ferdie', 'Dave//stash']);
	});

	after(async () => {
		await stop?.();
	});

	const head = () => node.head();
	const waitForBlock = (n) => node.waitForBlock(n);
	const steth = async (who, at = api) => (await at.query.assets.account(STETH, who.address)).unwrap().balance.toBigInt();
	const lrt = async (who, at = api) =>
		(await at.query.assets.account(LRT, who.address)).unwrapOr(null)?.balance.toBigInt() ?? 0n;
	const isOracleSteth = (json) => json.avs?.avs === ORACLE && json.avs.asset.withId === STETH;

	it('1. Bob deposits 10 stETH and receives exactly the previewed LRT', async () => {
		const tooSmall = await sendAndWait(api, api.tx.vaults.deposit(VAULT, 0), k.Bob);
		assert.equal(errorName(api, tooSmall.dispatchError), 'vaults.ZeroAmount');
		state.bobSteth0 = await steth(k.Bob);
		const preview = (await api.call.vaultsApi.previewDeposit(VAULT, 10n * LST)).asOk.toBigInt();
		const dep = await sendAndWait(api, api.tx.vaults.deposit(VAULT, 10n * LST), k.Bob);
		assert.equal(dep.dispatchError, undefined);
		assert.equal(await lrt(k.Bob), preview);
		state.bobShares = preview;
	});

	it('2. the oracle AVS funds a stream; only its owner may', async () => {
		const notOwner = await sendAndWait(api, api.tx.lrt2.fundStream(ORACLE, { WithId: STETH }, 50n * LST, 20), k.Bob);
		assert.equal(errorName(api, notOwner.dispatchError), 'lrt2.NotAvsOwner');
		const funded = await sendAndWait(api, api.tx.lrt2.fundStream(ORACLE, { WithId: STETH }, 50n * LST, 20), k.Eve);
		assert.equal(funded.dispatchError, undefined);
		state.stream = funded.events.find(({ event }) => api.events.lrt2.StreamFunded.is(event)).event.data.stream.toNumber();
	});

	it('3. blocks pass; pending rewards are equal via the runtime API and the restake_* RPC', async () => {
		await waitForBlock((await head()) + 3);
		const at = await api.rpc.chain.getBlockHash();
		const viaApi = (await (await api.at(at)).call.lrt2Api.pendingRewards(k.Bob.address))
			.map(([s, a]) => [s.toJSON(), a.toBigInt()]);
		const fromApi = viaApi.find(([s]) => isOracleSteth(s))?.[1];
		assert.ok(fromApi > 0n, 'Bob earns from the oracle streams');
		const viaRpc = (await api.rpc.restake.pendingRewards(k.Bob.address, at)).toJSON();
		const fromRpc = viaRpc.find((r) => r.source === 'avs' && r.id === ORACLE && r.assetId === STETH);
		assert.equal(fromRpc.amount, fromApi.toString());
		await assert.rejects(api.rpc.restake.stream(4242), /8001.*StreamNotFound/);
	});

	it('4. Bob moves half his LRT to Alice through the vault; plain transfers are refused', async () => {
		const half = state.bobShares / 2n;
		const plain = await sendAndWait(api, api.tx.assets.transfer(LRT, k.Alice.address, half), k.Bob);
		assert.equal(errorName(api, plain.dispatchError), 'system.CallFiltered');
		const tooMuch = await sendAndWait(api, api.tx.vaults.transferShares(VAULT, k.Alice.address, state.bobShares + 1n), k.Bob);
		assert.equal(errorName(api, tooMuch.dispatchError), 'vaults.InsufficientShares');
		state.aliceLrt0 = await lrt(k.Alice);
		const moved = await sendAndWait(api, api.tx.vaults.transferShares(VAULT, k.Alice.address, half), k.Bob);
		assert.equal(moved.dispatchError, undefined);
		assert.equal(await lrt(k.Alice), state.aliceLrt0 + half);
		state.aliceShares = half;
	});

	const request = (who, percent) =>
		sendAndWait(
			api,
			api.tx.slashing.requestSlash(ORACLE, k.Davestash.address, percent * PERCENT, EVIDENCE, 'lifecycle'),
			who,
		);

	it('5. a slash is requested and vetoed by the resolver; it takes nothing', async () => {
		const notSlasher = await request(k.Bob, 5);
		assert.equal(errorName(api, notSlasher.dispatchError), 'slashing.NotSlasher');
		const rate0 = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		const req = await request(k.Eve, 5);
		const id = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event)).event.data.id.toNumber();
		const wrongVeto = await sendAndWait(api, api.tx.slashing.vetoSlash(id), k.Bob);
		assert.equal(errorName(api, wrongVeto.dispatchError), 'slashing.NotResolver');
		const veto = await sendAndWait(api, api.tx.slashing.vetoSlash(id), k.Ferdie);
		assert.equal(veto.dispatchError, undefined);
		const rate1 = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		assert.equal(rate1, rate0);
		const record = (await api.rpc.restake.slashRecord(id)).toJSON();
		assert.equal(record.outcome, 'vetoed');
		assert.deepEqual(record.taken, []);
	});

	it('6. a second slash cannot be escaped by deallocating first; it takes 5 % of what it captured', async () => {
		// The escape attempt: the curator starts winding the oracle allocation down, the slash
		// is requested while it is still in force, and the deallocation falls due inside the
		// request's deadline. The captured stake must stay, and be slashed.
		const dealloc = await sendAndWait(api, api.tx.operators.allocate(VAULT, k.Davestash.address, ORACLE, 0), k.Alice);
		assert.equal(dealloc.dispatchError, undefined);
		const leavingAt = dealloc.events
			.find(({ event }) => api.events.operators.AllocationScheduled.is(event)).event.data.effectiveAt.toNumber();
		const max = (await api.query.operators.vaultMagnitudes(VAULT)).max.toBigInt();
		const allocation = (await api.query.operators.allocations(VAULT, k.Davestash.address, ORACLE)).unwrap();
		const req = await request(k.Eve, 5);
		const ev = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event));
		const id = ev.event.data.id.toNumber();
		const [[, captured]] = ev.event.data.captured.map(([v, c]) => [v.toNumber(), c.toBigInt()]);
		const atRequest = (await (await api.at(req.blockHash)).query.vaults.vaults(VAULT)).unwrap();
		const total = atRequest.totalAssets.toBigInt() + atRequest.queuedAssets.toBigInt();
		assert.equal(captured, ceilDiv(total * allocation.current.toBigInt(), max), 'captured = ⌈(A + Qa) × magnitude / max⌉');
		assert.ok(leavingAt < ev.event.data.expiresAt.toNumber(), 'the deallocation falls due while the request is pending');
		const early = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(errorName(api, early.dispatchError), 'slashing.NotYetExecutable');
		await assert.rejects(api.rpc.restake.slashRecord(id), /8001.*SlashNotFound/, 'pending: no record yet');
		await waitForBlock(Math.max(leavingAt, ev.event.data.executableAt.toNumber()));
		const escape = await sendAndWait(
			api, api.tx.operators.settleAllocation(VAULT, k.Davestash.address, ORACLE), k.Alice,
		);
		assert.equal(errorName(api, escape.dispatchError), 'operators.StakeCaptured', 'captured stake cannot leave');
		const exec = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(exec.dispatchError, undefined);
		const executed = exec.events.find(({ event }) => api.events.slashing.SlashExecuted.is(event));
		const taken = executed.event.data.taken[0][1].toBigInt();
		assert.equal(taken, ceilDiv(captured * 5n, 100n), 'taken = ⌈5 % × captured⌉');
		const settled = await sendAndWait(
			api, api.tx.operators.settleAllocation(VAULT, k.Davestash.address, ORACLE), k.Alice,
		);
		assert.equal(settled.dispatchError, undefined, 'resolved: the deallocation completes');
		const record = (await api.rpc.restake.slashRecord(id, exec.blockHash)).toJSON();
		assert.equal(record.outcome, 'executed');
		assert.deepEqual(record.taken, [[VAULT, taken.toString()]], 'history over RPC = what was taken');
		assert.equal(record.fractionPpb, 5 * PERCENT);
		const after = (await (await api.at(exec.blockHash)).query.vaults.vaults(VAULT)).unwrap();
		const rate = (await (await api.at(exec.blockHash)).call.vaultsApi.exchangeRate(VAULT)).unwrap().assetsPerLrt.toBigInt();
		assert.equal(rate, (10n ** 21n * (after.totalAssets.toBigInt() + 1n)) / (after.totalShares.toBigInt() + 1000n));
		state.rateAfterSlash = rate;
	});

	it('7. Alice requests a withdrawal and claims it after the delay, not before', async () => {
		const preview = (await api.call.vaultsApi.previewWithdraw(VAULT, state.aliceShares)).asOk.toBigInt();
		const req = await sendAndWait(api, api.tx.vaults.requestWithdrawal(VAULT, state.aliceShares), k.Alice);
		assert.equal(req.dispatchError, undefined);
		const ev = req.events.find(({ event }) => api.events.vaults.WithdrawalRequested.is(event));
		assert.equal(ev.event.data.assets.toBigInt(), preview);
		const early = await sendAndWait(api, api.tx.vaults.claimWithdrawals(VAULT, k.Alice.address), k.Alice);
		assert.equal(errorName(api, early.dispatchError), 'vaults.NothingToClaim');
		await waitForBlock(ev.event.data.unlockAt.toNumber());
		const before = await steth(k.Alice);
		const claim = await sendAndWait(api, api.tx.vaults.claimWithdrawals(VAULT, k.Alice.address), k.Alice);
		assert.equal(claim.dispatchError, undefined);
		assert.equal((await steth(k.Alice, await api.at(claim.blockHash))) - before, preview, 'paid the requested value');
	});

	it('8. Bob claims every reward in one transaction; the totals reconcile to the unit', async (t) => {
		await waitForBlock((await head()) + 1);
		// The operator has commission to claim; a stranger has nothing.
		const commission = await sendAndWait(api, api.tx.lrt2.claim(), k.Davestash);
		assert.equal(commission.dispatchError, undefined, 'the operator claims its commission');
		assert.ok(commission.events.some(({ event }) => api.events.lrt2.Claimed.is(event) && event.data.source.isCommission));
		const stranger = devAccounts(['Nobody']).Nobody;
		// A claim's fee is reserved for its declared worst case (every vault a holder and an
		// operator can list, each fully synced) and refunded down to the work done.
		const declared = (await api.tx.lrt2.claim().paymentInfo(k.Bob)).partialFee.toBigInt();
		const fund = await sendAndWait(api, api.tx.balances.transferKeepAlive(stranger.address, declared + 10n ** 12n), k.Alice);
		assert.equal(fund.dispatchError, undefined);
		const none = await sendAndWait(api, api.tx.lrt2.claim(), stranger);
		assert.equal(errorName(api, none.dispatchError), 'lrt2.NothingToClaim');

		const before = await steth(k.Bob);
		const claim = await sendAndWait(api, api.tx.lrt2.claim(), k.Bob);
		assert.equal(claim.dispatchError, undefined);
		const fee = claim.events
			.filter(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event))
			.reduce((sum, { event }) => sum + event.data.actualFee.toBigInt(), 0n);
		assert.ok(fee > 0n && fee * 10n < declared, `claim refunded to its work: paid ${fee} of ${declared} reserved`);
		t.diagnostic(`claim fee: ${fee} paid of ${declared} reserved`);
		const paid = claim.events
			.filter(({ event }) => api.events.lrt2.Claimed.is(event))
			.map(({ event }) => [event.data.source.toJSON(), event.data.amount.toBigInt()]);
		const stethPaid = paid.filter(([s]) => isOracleSteth(s)).reduce((a, [, x]) => a + x, 0n);
		assert.ok(stethPaid > 0n);
		const at = await api.at(claim.blockHash);
		const after = await steth(k.Bob, at);
		assert.equal(after - before, stethPaid, 'stETH received = Claimed');
		// Bob's stETH: start − deposit + rewards; his remaining LRT is the other half.
		assert.equal(after, state.bobSteth0 - 10n * LST + stethPaid);
		assert.equal(await lrt(k.Bob, at), state.bobShares - state.aliceShares);
		const left = (await at.call.lrt2Api.pendingRewards(k.Bob.address)).filter(([s]) => isOracleSteth(s.toJSON()));
		assert.equal(left.length, 0, 'nothing from the oracle left unclaimed at the claim block');
		// The stream's books: funded = paid + remaining + reclaimable.
		const s = (await at.call.lrt2Api.stream(state.stream)).unwrap();
		assert.equal(s.paid.toBigInt() + s.remaining.toBigInt() + s.reclaimable.toBigInt(), 50n * LST);
		const totals = await at.query.lrt2.totals({ WithId: STETH });
		const held = (await at.query.assets.account(STETH, ledgerAccount(api))).unwrap().balance.toBigInt();
		// Plus its permanent seed: stETH's minimum balance, so payouts never reap the account.
		const seed = (await at.query.assets.asset(STETH)).unwrap().minBalance.toBigInt();
		assert.equal(held, totals.funded.toBigInt() - totals.paidOut.toBigInt() + seed, 'the ledger holds exactly what is owed, plus its seed');
	});
});

/** The LRT² ledger's account: `modl` ++ `rs/lrt2 ` padded with zeros. */
function ledgerAccount(api) {
	const bytes = new Uint8Array(32);
	bytes.set(new TextEncoder().encode('modlrs/lrt2 '));
	return api.createType('AccountId', bytes).toString();
}
