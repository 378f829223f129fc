// The dashboard (clients/dashboard/) in headless Chromium against the real `restake-node --dev`:
// the page loads without an error, shows the genesis vaults with non-zero reward rates, opens
// an operator's and an AVS's profile, shows a slash in its live feed within a few blocks of it
// being executed, with the vault's pending slashes and TVL following, and a resolver's veto.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { restakeRpc } from '../../clients/restake-rpc.mjs';
import { chromiumBinary, launchBrowser } from './lib/browser.mjs';
import { errorName, sendAndWait, startDevNode } from './lib/node.mjs';

const ORACLE = 0; // veto policy: Eve requests, Ferdie may veto for 10 blocks
const DA = 1; // instant policy: Ferdie's request executes at once
const PERCENT = 10_000_000; // Perbill parts per percent
const EVIDENCE = `0x${'cd'.repeat(32)}`;
const serveScript = fileURLToPath(new URL('../../clients/dashboard/serve.mjs', import.meta.url));

/** Starts serve.mjs on a free port; resolves with { url, stop }. */
async function startServer() {
	const child = spawn(process.execPath, [serveScript, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	process.on('exit', () => child.kill('SIGKILL'));
	let out = '';
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}`)), 10_000);
		const read = (chunk) => {
			out += chunk;
			const m = /dashboard: (http:\/\/\S+)/.exec(out);
			if (m) { clearTimeout(timer); resolve(m[1]); }
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.mjs exited (${code}): ${out}`)); });
	});
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await gone;
	};
	return { url, stop };
}

describe('dashboard in headless Chromium on restake-node --dev', () => {
	let node;
	let api;
	let rpc; // with the restake_* definitions the page uses
	let server;
	let browser;
	let page;
	let k;
	let oracleRequest; // the oracle slash request test 3 leaves pending
	const started = Date.now();

	before(async () => {
		chromiumBinary(); // fails first, with what to do, when Chromium is missing
		await cryptoWaitReady();
		node = await startDevNode();
		api = node.api;
		rpc = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.rpcPort}`), rpc: restakeRpc, noInitWarn: true });
		const keyring = new Keyring({ type: 'sr25519', ss58Format: 4242 }); // addresses as the node shows them
		k = Object.fromEntries(['Alice', 'Eve', 'Ferdie', 'Dave//stash'].map((n) => [n.replace('//', ''), keyring.addFromUri(`//${n}`)]));
		server = await startServer();
		browser = await launchBrowser();
		page = await browser.newPage();
		await page.goto(`${server.url}?rpc=ws://127.0.0.1:${node.rpcPort}`);
	});

	after(async () => {
		await browser?.close();
		await server?.stop();
		await rpc?.disconnect();
		await node?.stop();
		console.log(`dashboard suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});

	/** The vault cards as the page shows them, read from the DOM. */
	const readVaults = () =>
		page.evaluate(`[...document.querySelectorAll('#vaults [data-vault]')].map((card) => ({
			vault: Number(card.dataset.vault),
			title: card.querySelector('h3').textContent,
			tvl: card.querySelector('[data-field="tvl"]').dataset.raw,
			tvlText: card.querySelector('[data-field="tvl"]').textContent,
			rewardRates: [...card.querySelectorAll('[data-field="reward-rates"] li[data-kind]')].map((li) => ({
				kind: li.dataset.kind, avs: li.dataset.avs, perLrtPerDay: li.dataset.perLrtPerDay, text: li.textContent,
			})),
			pending: [...card.querySelectorAll('[data-field="pending-slashes"] li[data-slash]')].map((li) => Number(li.dataset.slash)),
			history: [...card.querySelectorAll('[data-field="slash-history"] li[data-slash]')].map((li) => [Number(li.dataset.slash), li.dataset.outcome]),
		}))`);
	const vaultShown = async (id) => (await readVaults()).find((v) => v.vault === id);
	const shownBlock = () => page.evaluate('Number(document.body.dataset.block ?? -1)');
	/** Resolves once the page shows data read at `height` or later. */
	const shows = (height) => page.waitFor(`Number(document.body.dataset.block ?? -1) >= ${height}`, { what: `block ${height} on the page` });

	it('loads without an error and shows the genesis vaults with non-zero reward rates', async () => {
		await page.waitFor(`document.querySelectorAll('#vaults [data-vault]').length >= 2`, { what: 'two vault cards' });
		const vaults = await readVaults();
		const { items: served } = (await rpc.rpc.restake.vaultProfiles()).toJSON();
		for (const id of [0, 1]) {
			const shown = vaults.find((v) => v.vault === id);
			assert.ok(shown, `vault ${id} shown`);
			assert.ok(BigInt(shown.tvl) > 0n, `vault ${id} TVL`);
			assert.ok(shown.rewardRates.length > 0, `vault ${id} has reward rates: ${JSON.stringify(shown)}`);
			for (const r of shown.rewardRates) assert.ok(BigInt(r.perLrtPerDay) > 0n, `vault ${id} rate ${r.text}`);
			assert.deepEqual(
				shown.rewardRates.map((r) => r.perLrtPerDay),
				served.find((v) => v.vault === id).rewardRates.map((r) => r.perLrtPerDay),
				'the rates the node serves',
			);
		}
		// Formatted with the assets' decimals and symbols (genesis: 100 stETH and 1 000 RSTK).
		const [v0, v1] = [0, 1].map((id) => vaults.find((v) => v.vault === id));
		assert.match(v0.title, /rstETH/);
		assert.equal(v0.tvlText, '100 stETH');
		assert.equal(v1.tvlText, '1,000 RSTK');
		assert.deepEqual(page.problems, []);
	});

	it("opens an operator's and an AVS's profile", async () => {
		const dave = k.Davestash.address;
		await page.click(`#vaults [data-vault="0"] [data-show-operator="${dave}"]`);
		await page.waitFor(`document.querySelector('#profile[data-operator="${dave}"]')`, { what: "DaveStash's profile" });
		const avss = await page.evaluate(`[...document.querySelectorAll('#profile [data-field="avss"] tr[data-avs]')].map((tr) => Number(tr.dataset.avs))`);
		assert.deepEqual(avss.sort(), [ORACLE, DA], 'DaveStash is opted in to both AVSs');
		assert.equal(await page.evaluate(`document.querySelector('#profile [data-field="commission"]').textContent`), '10 %');

		await page.click(`#profile [data-show-avs="${DA}"]`);
		await page.waitFor(`document.querySelector('#profile[data-avs="${DA}"]')`, { what: "the DA AVS's profile" });
		const da = await page.evaluate(`({
			policy: document.querySelector('#profile [data-field="policy"]').textContent,
			largest: document.querySelector('#profile [data-field="largest-share"]').dataset.raw,
			herfindahl: document.querySelector('#profile [data-field="herfindahl"]').dataset.raw,
			operators: [...document.querySelectorAll('#profile [data-field="operators"] tr[data-operator]')].map((tr) => tr.dataset.operator),
		})`);
		assert.match(da.policy, /^instant, ≤ 20 % per incident/);
		assert.deepEqual(da.operators, [dave]);
		assert.equal(Number(da.largest), 1e9, 'one operator holds all of it');
		assert.equal(Number(da.herfindahl), 1e9);
		assert.deepEqual(page.problems, []);
	});

	it('shows a pending slash, then an executed one in the live feed within a few blocks', async (t) => {
		const dave = k.Davestash.address;
		// A veto-window request on the oracle: pending on vault 0 (40 % to DaveStash there).
		const req = await sendAndWait(
			api, api.tx.slashing.requestSlash(ORACLE, dave, 10 * PERCENT, EVIDENCE, 'missed attestations'), k.Eve,
		);
		assert.equal(errorName(api, req.dispatchError), null);
		const requested = req.events.find(({ event }) => api.events.slashing.SlashRequested.is(event)).event.data.id.toNumber();
		await page.waitFor(`document.querySelector('#slash-feed li[data-kind="requested"][data-id="${requested}"]')`, { what: 'the request in the feed' });
		await shows((await api.rpc.chain.getHeader(req.blockHash)).number.toNumber());
		let vault0 = await vaultShown(0);
		assert.deepEqual(vault0.pending, [requested], 'vault 0 shows the pending request');
		oracleRequest = requested;

		// The DA AVS's instant slash executes in the block of its request.
		const tvlBefore = BigInt(vault0.tvl);
		const slash = await sendAndWait(
			api, api.tx.slashing.requestSlash(DA, dave, 20 * PERCENT, EVIDENCE, 'withheld data'), k.Ferdie,
		);
		assert.equal(errorName(api, slash.dispatchError), null);
		const executed = slash.events.find(({ event }) => api.events.slashing.SlashExecuted.is(event));
		assert.ok(executed, 'instant policy: executed at once');
		const id = executed.event.data.id.toNumber();
		const taken = executed.event.data.taken.map(([v, t]) => [v.toNumber(), t.toBigInt()]);
		const executedAt = (await api.rpc.chain.getHeader(slash.blockHash)).number.toNumber();

		// Within a few blocks: give the page a moment per block, seal another only if needed.
		const inFeed = `document.querySelector('#slash-feed li[data-kind="executed"][data-id="${id}"]')`;
		let seen = false;
		let extra = 0;
		for (; extra <= 3; extra++) {
			if (extra > 0) await node.newBlocks(1);
			seen = await page.waitFor(inFeed, { timeout: 3_000 }).then(() => true, () => false);
			if (seen) break;
		}
		assert.ok(seen, `executed slash ${id} (block ${executedAt}) in the feed within 3 blocks; problems: ${JSON.stringify(page.problems)}`);
		t.diagnostic(`the executed slash was in the feed after ${extra} more block(s)`);
		const item = await page.evaluate(`(() => { const li = ${inFeed}; return { block: Number(li.dataset.block), avs: Number(li.dataset.avs), operator: li.dataset.operator, text: li.textContent }; })()`);
		assert.equal(item.block, executedAt);
		assert.equal(item.avs, DA);
		assert.equal(item.operator, dave);
		assert.match(item.text, /20 %/);

		// The vault card follows: TVL down by exactly what was taken, the slash in its operators' record.
		await shows(executedAt);
		vault0 = await vaultShown(0);
		const takenFromVault0 = taken.find(([v]) => v === 0)?.[1];
		assert.ok(takenFromVault0 > 0n, `vault 0 paid: ${taken}`);
		assert.equal(tvlBefore - BigInt(vault0.tvl), takenFromVault0);
		assert.ok(vault0.history.some(([s, outcome]) => s === id && outcome === 'executed'), JSON.stringify(vault0.history));
		assert.deepEqual(vault0.pending, [requested], 'the oracle request is still pending');
		assert.ok((await shownBlock()) >= executedAt);
		assert.deepEqual(page.problems, []);
	});

	it("shows the resolver's veto in the feed and clears the vault's pending slash", async () => {
		assert.ok(oracleRequest !== undefined, 'the previous test left a request pending');
		const veto = await sendAndWait(api, api.tx.slashing.vetoSlash(oracleRequest), k.Ferdie);
		assert.equal(errorName(api, veto.dispatchError), null);
		const vetoedAt = (await api.rpc.chain.getHeader(veto.blockHash)).number.toNumber();
		await page.waitFor(`document.querySelector('#slash-feed li[data-kind="vetoed"][data-id="${oracleRequest}"]')`, {
			timeout: 5_000,
			what: `vetoed slash ${oracleRequest} (block ${vetoedAt}) in the feed`,
		});
		await shows(vetoedAt);
		const vault0 = await vaultShown(0);
		assert.deepEqual(vault0.pending, [], 'nothing pending on vault 0');
		assert.ok(vault0.history.some(([s, outcome]) => s === oracleRequest && outcome === 'vetoed'), JSON.stringify(vault0.history));
		assert.deepEqual(page.problems, []);
	});
});
