// Chopsticks against the real `restake-node --dev`: fork the node with scripts/fork.sh, replay
// a deposit on the fork, fund a fresh account with dev_setStorage, rehearse a slash (the
// slasher role taken with dev_setStorage, the veto window passed with dev_newBlock) and
// set_code through a sudo key taken the same way — and check that the node saw none of it.
// The commands are the ones docs/use-chopsticks.md gives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { errorName, sendAndWait, startDevNode, startFork, waitForHead } from './lib.mjs';

const LST = 10n ** 18n; // one stETH
const UNIT = 10n ** 12n; // one RSTK
const STETH = 1;
const STETH_VAULT = 0; // genesis: stETH → rstETH (asset 1000)
const RSTETH = 1000;
const NATIVE_VAULT = 1; // genesis: RSTK → rRSTK (asset 1001)
const RRSTK = 1001;
const ORACLE = 0; // genesis AVS: slasher Eve, 10-block veto window
const PERCENT = 10_000_000; // Perbill parts per percent

describe('chopsticks fork of restake-node --dev', () => {
	let node;
	let fork;
	let k;
	let forkedAt; // block of the node's own deposit, finalized before forking
	let nodeState; // what the node holds before anything happens on the fork

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode();
		const keyring = new Keyring({ type: 'sr25519', ss58Format: node.api.registry.chainSS58 });
		k = Object.fromEntries(
			['Alice', 'Bob', 'Eve', 'Dave//stash', 'ForkOnly'].map((n) => [n.replace('//', ''), keyring.addFromUri(`//${n}`)]),
		);
	});

	after(async () => {
		await fork?.stop();
		await node?.stop();
	});

	const lrtOf = async (api, asset, who) =>
		(await api.query.assets.account(asset, who)).unwrapOr(null)?.balance.toBigInt() ?? 0n;
	const eventsOf = (api, events, pallet, name) =>
		events.filter(({ event }) => api.events[pallet][name].is(event)).map(({ event }) => event.data);
	const snapshot = async (api) => {
		const vault = (await api.query.vaults.vaults(STETH_VAULT)).unwrap();
		return {
			totalAssets: vault.totalAssets.toBigInt(),
			totalShares: vault.totalShares.toBigInt(),
			bobLrt: await lrtOf(api, RSTETH, k.Bob.address),
			bobNonce: (await api.query.system.account(k.Bob.address)).nonce.toNumber(),
			freshFree: (await api.query.system.account(k.ForkOnly.address)).data.free.toBigInt(),
			freshLrt: await lrtOf(api, RRSTK, k.ForkOnly.address),
			pendingSlashes: (await api.call.slashingApi.pendingSlashes(ORACLE, null)).length,
			specVersion: (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(),
		};
	};

	it('the node makes blocks and takes a deposit, then finalizes it', async () => {
		const dep = await sendAndWait(node.api, node.api.tx.vaults.deposit(STETH_VAULT, 2n * LST), k.Bob);
		assert.equal(dep.dispatchError, undefined);
		forkedAt = (await node.api.rpc.chain.getHeader(dep.blockHash)).number.toNumber();
		// Chopsticks forks the finalized head by default.
		await waitForHead(node.api, forkedAt, { finalized: true });
		nodeState = await snapshot(node.api);
		assert.ok(nodeState.bobLrt > 0n, 'Bob holds rstETH on the node');
		assert.equal(nodeState.freshFree, 0n, '//ForkOnly has nothing on the node');
	});

	it('scripts/fork.sh forks the finalized head and serves the same state', async () => {
		fork = await startFork(node.url);
		const api = fork.api;
		const head = (await api.rpc.chain.getHeader()).number.toNumber();
		assert.ok(head >= forkedAt, `fork head #${head} includes the node's deposit at #${forkedAt}`);
		const nodeHash = await node.api.rpc.chain.getBlockHash(head);
		assert.equal((await api.rpc.chain.getBlockHash(head)).toHex(), nodeHash.toHex(), 'forked from the node\'s own block');
		const v = await api.rpc.state.getRuntimeVersion();
		assert.equal(v.specName.toString(), 'restake');
		assert.deepEqual(await snapshot(api), nodeState);
	});

	it('replays a deposit on the fork: events and LRT there, nothing on the node', async () => {
		const api = fork.api;
		const amount = 3n * LST;
		const headBefore = (await api.rpc.chain.getHeader()).number.toNumber();
		const preview = (await api.call.vaultsApi.previewDeposit(STETH_VAULT, amount)).asOk.toBigInt();
		const { events, dispatchError, blockHash } = await sendAndWait(api, api.tx.vaults.deposit(STETH_VAULT, amount), k.Bob);
		assert.equal(dispatchError, undefined);
		const built = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
		assert.equal(built, headBefore + 1, 'instant mode: one block for the transaction');

		const [deposited] = eventsOf(api, events, 'vaults', 'Deposited');
		assert.equal(deposited.vault.toNumber(), STETH_VAULT);
		assert.equal(deposited.who.toString(), k.Bob.address);
		assert.equal(deposited.assets.toBigInt(), amount);
		assert.equal(deposited.shares.toBigInt(), preview, 'mints exactly the previewed rstETH');
		const [issued] = eventsOf(api, events, 'assets', 'Issued');
		assert.equal(issued.assetId.toNumber(), RSTETH);
		assert.equal(issued.owner.toString(), k.Bob.address);
		assert.equal(issued.amount.toBigInt(), preview);
		const [moved] = eventsOf(api, events, 'assets', 'Transferred');
		assert.equal(moved.assetId.toNumber(), STETH);
		assert.equal(moved.from.toString(), k.Bob.address);
		assert.equal(moved.amount.toBigInt(), amount);
		assert.equal(eventsOf(api, events, 'system', 'ExtrinsicSuccess').length, 1);
		const vaultAccount = moved.to.toString();

		assert.equal(await lrtOf(api, RSTETH, k.Bob.address), nodeState.bobLrt + preview);
		const vault = (await api.query.vaults.vaults(STETH_VAULT)).unwrap();
		assert.equal(vault.totalAssets.toBigInt(), nodeState.totalAssets + amount);
		assert.equal(vault.totalShares.toBigInt(), nodeState.totalShares + preview);

		// The node goes on with its own blocks and knows nothing of the fork's.
		const best = (await node.api.rpc.chain.getHeader()).number.toNumber();
		await waitForHead(node.api, best + 1);
		assert.deepEqual(await snapshot(node.api), nodeState);
		assert.equal(
			await lrtOf(node.api, STETH, vaultAccount) + amount,
			await lrtOf(api, STETH, vaultAccount),
			'the vault holds the deposit on the fork only',
		);
		assert.notEqual((await node.api.rpc.chain.getBlockHash(built)).toHex(), blockHash.toHex());
	});

	it('dev_setStorage funds a fresh account, which deposits RSTK into the native vault', async () => {
		const api = fork.api;
		const amount = 1_000n * UNIT;
		const issuance = (await api.query.balances.totalIssuance()).toBigInt();
		await api.rpc('dev_setStorage', {
			System: { Account: [[[k.ForkOnly.address], { providers: 1, data: { free: amount } }]] },
			Balances: { TotalIssuance: issuance + amount },
		});
		assert.equal((await api.query.system.account(k.ForkOnly.address)).data.free.toBigInt(), amount);

		const deposit = 100n * UNIT;
		const preview = (await api.call.vaultsApi.previewDeposit(NATIVE_VAULT, deposit)).asOk.toBigInt();
		const { events, dispatchError } = await sendAndWait(api, api.tx.vaults.deposit(NATIVE_VAULT, deposit), k.ForkOnly);
		assert.equal(dispatchError, undefined);
		const [deposited] = eventsOf(api, events, 'vaults', 'Deposited');
		assert.equal(deposited.vault.toNumber(), NATIVE_VAULT);
		assert.equal(deposited.who.toString(), k.ForkOnly.address);
		assert.equal(deposited.assets.toBigInt(), deposit);
		assert.equal(deposited.shares.toBigInt(), preview);
		assert.equal(await lrtOf(api, RRSTK, k.ForkOnly.address), preview);
		const [fee] = eventsOf(api, events, 'transactionPayment', 'TransactionFeePaid');
		const free = (await api.query.system.account(k.ForkOnly.address)).data.free.toBigInt();
		assert.equal(free, amount - deposit - fee.actualFee.toBigInt());

		assert.equal((await node.api.query.system.account(k.ForkOnly.address)).data.free.toBigInt(), 0n);
		assert.equal(await lrtOf(node.api, RRSTK, k.ForkOnly.address), 0n);
	});

	it('rehearses a slash: dev_setStorage makes a fresh key the slasher, dev_newBlock passes the veto window', async () => {
		const api = fork.api;
		// On a live chain nobody here holds the AVS's slasher key: write a key we hold into the role.
		const avs = (await api.query.operators.avss(ORACLE)).unwrap();
		const mine = api.createType(avs.toRawType(), { ...Object.fromEntries(avs.entries()), slasher: k.ForkOnly.address });
		await api.rpc('dev_setStorage', [[api.query.operators.avss.key(ORACLE), mine.toHex()]]);
		assert.equal((await api.query.operators.avss(ORACLE)).unwrap().slasher.toString(), k.ForkOnly.address);
		const request = (who) => sendAndWait(
			api,
			api.tx.slashing.requestSlash(ORACLE, k.Davestash.address, 10 * PERCENT, `0x${'ab'.repeat(32)}`, 'rehearsal'),
			who,
		);
		assert.equal(errorName(api, (await request(k.Eve)).dispatchError), 'slashing.NotSlasher', 'Eve is no longer the slasher');
		const req = await request(k.ForkOnly);
		assert.equal(req.dispatchError, undefined);
		const [requested] = eventsOf(api, req.events, 'slashing', 'SlashRequested');
		const id = requested.id.toNumber();
		const executableAt = requested.executableAt.toNumber();
		const early = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(errorName(api, early.dispatchError), 'slashing.NotYetExecutable');

		const head = (await api.rpc.chain.getHeader()).number.toNumber();
		await api.rpc('dev_newBlock', { count: executableAt - head });
		assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), executableAt);

		const before = (await api.query.vaults.vaults(STETH_VAULT)).unwrap().totalAssets.toBigInt();
		const rateBefore = (await api.call.vaultsApi.exchangeRate(STETH_VAULT)).unwrap().assetsPerLrt.toBigInt();
		const exec = await sendAndWait(api, api.tx.slashing.executeSlash(id), k.Alice);
		assert.equal(exec.dispatchError, undefined);
		const [executed] = eventsOf(api, exec.events, 'slashing', 'SlashExecuted');
		assert.equal(executed.id.toNumber(), id);
		const taken = executed.taken.reduce((sum, [vault, amount]) => sum + (vault.toNumber() === STETH_VAULT ? amount.toBigInt() : 0n), 0n);
		assert.ok(taken > 0n, 'the slash takes stETH from vault 0');
		const after = (await api.query.vaults.vaults(STETH_VAULT)).unwrap().totalAssets.toBigInt();
		assert.equal(before - after, taken);
		const rateAfter = (await api.call.vaultsApi.exchangeRate(STETH_VAULT)).unwrap().assetsPerLrt.toBigInt();
		assert.ok(rateAfter < rateBefore, 'rstETH is worth less stETH after the slash');

		assert.equal((await node.api.call.slashingApi.pendingSlashes(ORACLE, null)).length, 0, 'the node has no slash request');
		assert.equal((await node.api.query.operators.avss(ORACLE)).unwrap().slasher.toString(), k.Eve.address);
		assert.deepEqual(await snapshot(node.api), nodeState);
	});

	it('rehearses a runtime upgrade through sudo after dev_setStorage hands the sudo key over', async () => {
		const api = fork.api;
		await api.rpc('dev_setStorage', { Sudo: { Key: k.ForkOnly.address } });
		assert.equal((await api.query.sudo.key()).unwrap().toString(), k.ForkOnly.address);
		const code = (await api.rpc.state.getStorage(':code')).toHex();
		const noWeight = { refTime: 0, proofSize: 0 };

		// The same runtime again: the real upgrade check runs on the fork and refuses it.
		const same = await sendAndWait(api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(code), noWeight), k.ForkOnly);
		const [refused] = eventsOf(api, same.events, 'sudo', 'Sudid');
		assert.ok(refused.sudoResult.isErr);
		assert.equal(errorName(api, refused.sudoResult.asErr), 'system.SpecVersionNeedsToIncrease');

		const forced = await sendAndWait(
			api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCodeWithoutChecks(code), noWeight), k.ForkOnly,
		);
		assert.ok(eventsOf(api, forced.events, 'sudo', 'Sudid')[0].sudoResult.isOk);
		assert.equal(eventsOf(api, forced.events, 'system', 'CodeUpdated').length, 1);
		// The next blocks run the new code, and the state survived it.
		const head = (await api.rpc.chain.getHeader()).number.toNumber();
		await api.rpc('dev_newBlock', { count: 1 });
		assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), head + 1);
		assert.ok((await lrtOf(api, RRSTK, k.ForkOnly.address)) > 0n);

		assert.equal((await node.api.query.sudo.key()).unwrap().toString(), k.Alice.address, 'the node keeps Alice as sudo');
		assert.deepEqual(await snapshot(node.api), nodeState);
	});
});
