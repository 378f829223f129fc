// The vault lifecycle from polkadot.js against the real `restake-node --dev`: genesis
// vaults, runtime API previews, deposit → LRT → transfer → withdrawal → claim, and the
// documented errors of wrong calls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorName, sendAndWait } from './lib/node.mjs';
import { devAccounts, startDevSuite } from './lib/suite.mjs';

const LST = 10n ** 18n; // one stETH
const VAULT = 0; // genesis stETH vault, LRT asset 1000
const LRT = 1000;
const STETH = 1;

describe('vaults on restake-node --dev', () => {
	let node;
	let api;
	let stop;
	let alice;
	let bob;
	let eve;

	before(async () => {
		({ node, api, stop } = await startDevSuite());
		({ Alice: alice, Bob: bob, Eve: eve } = devAccounts(['Alice', 'Bob', 'Eve']));
	});

	after(async () => {
		await stop?.();
	});

	const lrtOf = async (who, at = api) =>
		(await at.query.assets.account(LRT, who.address)).unwrapOr(null)?.balance.toBigInt() ?? 0n;
	const stethOf = async (who, at = api) =>
		(await at.query.assets.account(STETH, who.address)).unwrap().balance.toBigInt();

	it('starts with the genesis vaults and their LRT metadata', async () => {
		const vault = (await api.query.vaults.vaults(VAULT)).unwrap();
		assert.equal(vault.lrt.toNumber(), LRT);
		assert.equal(vault.totalAssets.toBigInt(), 100n * LST, 'Charlie deposited 100 stETH');
		const meta = await api.query.assets.metadata(LRT);
		assert.equal(meta.symbol.toUtf8(), 'rstETH');
		const viaApi = await api.call.vaultsApi.vault(VAULT);
		assert.equal(viaApi.unwrap().curator.toString(), vault.curator.toString());
		const rate = (await api.call.vaultsApi.exchangeRate(VAULT)).unwrap();
		assert.equal(rate.assetsPerLrt.toBigInt(), LST, '1 rstETH = 1 stETH at genesis');
	});

	it('lets anyone create a vault for a listed LST, with its own LRT', async () => {
		const params = { depositCap: 10n ** 30n, minDeposit: 10n ** 15n, withdrawalDelay: 20, curatorFee: 50_000_000 };
		const tooFast = await sendAndWait(
			api, api.tx.vaults.createVault({ WithId: 2 }, { ...params, withdrawalDelay: 5 }, 'Restaked rETH', 'rrETH', 21), bob,
		);
		assert.equal(errorName(api, tooFast.dispatchError), 'vaults.WithdrawalDelayTooShort');
		const unknown = await sendAndWait(
			api, api.tx.vaults.createVault({ WithId: 77 }, params, 'Nothing', 'rNO', 21), bob,
		);
		assert.equal(errorName(api, unknown.dispatchError), 'vaults.UnknownAsset');
		const created = await sendAndWait(
			api, api.tx.vaults.createVault({ WithId: 2 }, params, 'Restaked rETH', 'rrETH', 21), bob,
		);
		assert.equal(created.dispatchError, undefined);
		const ev = created.events.find(({ event }) => api.events.vaults.VaultCreated.is(event));
		assert.equal(ev.event.data.vault.toNumber(), 2);
		assert.equal(ev.event.data.lrt.toNumber(), 1002);
		assert.equal((await api.query.assets.metadata(1002)).symbol.toUtf8(), 'rrETH');
		const dep = await sendAndWait(api, api.tx.vaults.deposit(2, 2n * LST), eve);
		assert.equal(dep.dispatchError, undefined);
		assert.equal((await api.query.assets.account(1002, eve.address)).unwrap().balance.toBigInt(), 2n * LST * 1000n);
	});

	it('deposits stETH, mints exactly the previewed LRT, and refuses bad deposits', async () => {
		const amount = 5n * LST;
		const preview = (await api.call.vaultsApi.previewDeposit(VAULT, amount)).asOk.toBigInt();
		const v = (await api.query.vaults.vaults(VAULT)).unwrap();
		const [A, S] = [v.totalAssets.toBigInt(), v.totalShares.toBigInt()];
		assert.equal(preview, (amount * (S + 1000n)) / (A + 1n), 'shares = assets × (S + V) / (A + 1)');
		const before = await stethOf(bob);
		const { events, dispatchError, blockHash } = await sendAndWait(
			api, api.tx.vaults.deposit(VAULT, amount), bob,
		);
		assert.equal(dispatchError, undefined);
		const deposited = events.find(({ event }) => api.events.vaults.Deposited.is(event));
		assert.equal(deposited.event.data.shares.toBigInt(), preview);
		const at = await api.at(blockHash);
		assert.equal(await lrtOf(bob, at), preview);
		assert.equal(before - (await stethOf(bob, at)), amount);

		const tooSmall = await sendAndWait(api, api.tx.vaults.deposit(VAULT, 1), bob);
		assert.equal(errorName(api, tooSmall.dispatchError), 'vaults.BelowMinimumDeposit');
		const unknown = await sendAndWait(api, api.tx.vaults.deposit(42, LST), bob);
		assert.equal(errorName(api, unknown.dispatchError), 'vaults.VaultNotFound');
		const previewErr = await api.call.vaultsApi.previewDeposit(42, LST);
		assert.ok(previewErr.isErr);
		assert.equal(errorName(api, previewErr.asErr), 'vaults.VaultNotFound');
	});

	it('moves LRT through the vault (rewards settle first) and lets the receiver withdraw and claim after the delay', async () => {
		const shares = await lrtOf(bob);
		const half = shares / 2n;
		const plain = await sendAndWait(api, api.tx.assets.transfer(LRT, eve.address, half), bob);
		assert.equal(errorName(api, plain.dispatchError), 'system.CallFiltered', 'plain LRT transfers are refused');
		const moved = await sendAndWait(api, api.tx.vaults.transferShares(VAULT, eve.address, half), bob);
		assert.equal(moved.dispatchError, undefined);
		assert.equal(await lrtOf(eve), half);
		const sent = moved.events.find(({ event }) => api.events.vaults.SharesTransferred.is(event));
		assert.equal(sent.event.data.shares.toBigInt(), half);

		const mint = await sendAndWait(api, api.tx.assets.mint(LRT, alice.address, 1), alice);
		assert.equal(errorName(api, mint.dispatchError), 'system.CallFiltered', 'no pallet-assets call reaches an LRT id');
		const tooMany = await sendAndWait(api, api.tx.vaults.requestWithdrawal(VAULT, half + 1n), eve);
		assert.equal(errorName(api, tooMany.dispatchError), 'vaults.InsufficientShares');

		const expected = (await api.call.vaultsApi.previewWithdraw(VAULT, half)).asOk.toBigInt();
		const requested = await sendAndWait(api, api.tx.vaults.requestWithdrawal(VAULT, half), eve);
		assert.equal(requested.dispatchError, undefined);
		const ev = requested.events.find(({ event }) => api.events.vaults.WithdrawalRequested.is(event));
		assert.equal(ev.event.data.assets.toBigInt(), expected);
		const unlockAt = ev.event.data.unlockAt.toNumber();

		const pending = await api.call.vaultsApi.pendingWithdrawals(VAULT, eve.address);
		assert.equal(pending.length, 1);
		assert.equal(pending[0].claimable.isTrue, false);

		const early = await sendAndWait(api, api.tx.vaults.claimWithdrawals(VAULT, eve.address), alice);
		assert.equal(errorName(api, early.dispatchError), 'vaults.NothingToClaim');

		// Wait for the unlock block, then Alice (a keeper) claims for Eve.
		await node.waitForBlock(unlockAt);
		const before = await stethOf(eve);
		const claimed = await sendAndWait(api, api.tx.vaults.claimWithdrawals(VAULT, eve.address), alice);
		assert.equal(claimed.dispatchError, undefined);
		const at = await api.at(claimed.blockHash);
		assert.equal((await stethOf(eve, at)) - before, expected);
		assert.equal((await api.call.vaultsApi.pendingWithdrawals(VAULT, eve.address)).length, 0);
	});

	it('cancels a queued withdrawal: LRT back at the current rate, nobody else can cancel it', async () => {
		const shares = await lrtOf(bob);
		const part = shares / 4n;
		const requested = await sendAndWait(api, api.tx.vaults.requestWithdrawal(VAULT, part), bob);
		assert.equal(requested.dispatchError, undefined);
		const ev = requested.events.find(({ event }) => api.events.vaults.WithdrawalRequested.is(event));
		const unlockAt = ev.event.data.unlockAt.toNumber();
		const queued = ev.event.data.assets.toBigInt();
		const list = await api.call.vaultsApi.pendingWithdrawals(VAULT, bob.address);
		const index = list.findIndex((w) => w.unlockAt.toNumber() === unlockAt);
		assert.ok(index >= 0);

		const stranger = await sendAndWait(api, api.tx.vaults.cancelWithdrawal(VAULT, index, unlockAt), eve);
		assert.equal(errorName(api, stranger.dispatchError), 'vaults.WithdrawalNotFound');
		const wrongBlock = await sendAndWait(api, api.tx.vaults.cancelWithdrawal(VAULT, index, unlockAt + 1), bob);
		assert.equal(errorName(api, wrongBlock.dispatchError), 'vaults.WithdrawalNotFound');

		const before = await lrtOf(bob);
		const cancelled = await sendAndWait(api, api.tx.vaults.cancelWithdrawal(VAULT, index, unlockAt), bob);
		assert.equal(cancelled.dispatchError, undefined);
		const done = cancelled.events.find(({ event }) => api.events.vaults.WithdrawalCancelled.is(event));
		assert.ok(done, 'WithdrawalCancelled emitted');
		assert.equal(done.event.data.assets.toBigInt(), queued, 'no slash: the full queued value returns');
		const minted = done.event.data.shares.toBigInt();
		const at = await api.at(cancelled.blockHash);
		assert.equal((await lrtOf(bob, at)) - before, minted);
		// Rounding is in the vault's favour: never more LRT than was burnt.
		assert.ok(minted <= part && minted > 0n);
		const left = await api.call.vaultsApi.pendingWithdrawals(VAULT, bob.address);
		assert.ok(!left.some((w) => w.unlockAt.toNumber() === unlockAt && w.shares.toBigInt() === part));
	});
});
