// polkadot.js against the real `restake-node --dev`: chain identity, finality, a transfer,
// and rejected transactions with their documented errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { errorName, sendAndWait, startDevNode, waitForFinalized } from './lib/node.mjs';

const UNIT = 10n ** 12n;
const STETH = 1; // genesis LST asset id

describe('restake-node --dev', () => {
	let node;
	let alice;
	let bob;

	before(async () => {
		await cryptoWaitReady();
		// The real path: Aura authoring and GRANDPA finality (the other suites seal instantly).
		node = await startDevNode([], { sealing: 'aura' });
		const keyring = new Keyring({ type: 'sr25519' });
		alice = keyring.addFromUri('//Alice');
		bob = keyring.addFromUri('//Bob');
	});

	after(async () => {
		await node?.stop();
	});

	it('identifies itself as the Restake dev chain with the RSTK token', async () => {
		const { api } = node;
		assert.equal((await api.rpc.system.chain()).toString(), 'Restake Development');
		assert.equal(api.runtimeVersion.specName.toString(), 'restake');
		const props = await api.rpc.system.properties();
		assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'RSTK');
		assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
		assert.equal(props.ss58Format.unwrap().toNumber(), 4242);
		assert.equal(api.consts.system.ss58Prefix.toNumber(), 4242);
		assert.equal(api.registry.chainSS58, 4242);
	});

	it('lists the genesis LSTs with balances for the dev accounts', async () => {
		const { api } = node;
		const meta = await api.query.assets.metadata(STETH);
		assert.equal(meta.symbol.toUtf8(), 'stETH');
		assert.equal(meta.decimals.toNumber(), 18);
		const account = await api.query.assets.account(STETH, bob.address);
		assert.equal(account.unwrap().balance.toBigInt(), 10_000n * 10n ** 18n);
	});

	it('produces and finalizes blocks', async () => {
		const header = await waitForFinalized(node.api, 2, 60_000);
		assert.ok(header.number.toNumber() >= 2);
	});

	it('includes a signed transfer and moves the balances', async () => {
		const { api } = node;
		const dest = new Keyring({ type: 'sr25519' }).addFromUri(`//e2e-${Date.now()}`);
		const amount = 5n * UNIT;
		const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();

		const { events, dispatchError, blockHash } = await sendAndWait(
			api,
			api.tx.balances.transferKeepAlive(dest.address, amount),
			alice,
		);
		assert.equal(dispatchError, undefined);
		assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));
		const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
		assert.ok(transfer, 'Balances.Transfer emitted');
		assert.equal(transfer.event.data[2].toBigInt(), amount);

		const at = await api.at(blockHash);
		assert.equal((await at.query.system.account(dest.address)).data.free.toBigInt(), amount);
		const aliceAfter = (await at.query.system.account(alice.address)).data.free.toBigInt();
		const fee = aliceBefore - amount - aliceAfter;
		assert.ok(fee > 0n && fee < UNIT, `fee ${fee} is positive and below 1 RSTK`);
	});

	it('rejects an LST transfer above the balance with Assets.BalanceLow and changes nothing', async () => {
		const { api } = node;
		const before = (await api.query.assets.account(STETH, bob.address)).unwrap().balance.toBigInt();
		const { dispatchError, blockHash } = await sendAndWait(
			api,
			api.tx.assets.transfer(STETH, alice.address, before + 1n),
			bob,
		);
		assert.equal(errorName(api, dispatchError), 'assets.BalanceLow');
		const at = await api.at(blockHash);
		assert.equal((await at.query.assets.account(STETH, bob.address)).unwrap().balance.toBigInt(), before);
	});

	it('rejects a native transfer above the balance with FundsUnavailable', async () => {
		const { api } = node;
		const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
		const { dispatchError, blockHash } = await sendAndWait(
			api,
			api.tx.balances.transferAllowDeath(alice.address, before + 1n),
			bob,
		);
		assert.ok(dispatchError?.isToken, `token error, got ${dispatchError?.toString()}`);
		assert.equal(dispatchError.asToken.type, 'FundsUnavailable');
		// Only the fee left Bob's account.
		const at = await api.at(blockHash);
		const afterFree = (await at.query.system.account(bob.address)).data.free.toBigInt();
		assert.ok(before - afterFree < UNIT, 'only a fee was charged');
	});

	it('refuses a transaction from an account that cannot pay fees', async () => {
		const { api } = node;
		const nobody = new Keyring({ type: 'sr25519' }).addFromUri(`//nobody-${Date.now()}`);
		await assert.rejects(
			sendAndWait(api, api.tx.balances.transferKeepAlive(alice.address, 1n), nobody),
			/1010|Inability to pay some fees/,
		);
	});
});
