// Throughput harness: how many transactions per second the real `restake-node --dev` includes.
//
//   scripts/throughput.sh            (builds the node, installs @polkadot/api, runs this)
//   ACCOUNTS=4000 node bench/throughput.mjs   (with RESTAKE_NODE set by scripts/env.sh)
//   BASE_PATH=dir CHAIN=spec.json …           (keep the database; run a raw dev spec)
//
// It starts its own `restake-node --dev --tmp`, funds ACCOUNTS accounts (not measured), then
// runs five phases in one run. In each phase every account signs one transaction in advance,
// and all of them are submitted as fast as the node takes them:
//   (a) balances.transfer_keep_alive   (b) vaults.deposit into vault 0 (stETH)
//   (c) vaults.transfer_shares (LRT transfer with the ledger's settlement of both holders)
//   (d) lrt2.claim (rewards of the Oracle stream accrued since the deposit)
//   (e) lrt2.claim_from([0]) (the same, settling vault 0 only: it reserves one vault's worst case)
// Per phase it reports the sustained rate (transactions included ÷ time from the first
// submission to the block holding the last one) and its ratio to (a), the blocks used and
// their fullness (normal dispatch weight used ÷ the normal class's maximum), and the most
// transactions one block took with its ratio to (a)'s (the capacity per full block, which
// does not depend on partial first and last blocks), and the fee multiplier after the phase
// (it rises while blocks are fuller than 25 %). JSON_OUT=file writes all of it. At the end it
// reports the node's peak resident memory (VmHWM) and checks that every transaction the pool
// accepted was included and succeeded; it exits non-zero otherwise.
import { readFileSync, writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode } from '../tests/e2e/lib/node.mjs';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 4000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 256);
const PHASE_TIMEOUT_MS = Number(process.env.PHASE_TIMEOUT_MS ?? 180_000);
const JSON_OUT = process.env.JSON_OUT;
const UNIT = 10n ** 12n; // RSTK
const LST = 10n ** 18n; // stETH
const VAULT = 0;
const STETH = 1;
const TARGET_RATIO = 0.5;

const log = (...args) => console.error(`[throughput ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** Follows new blocks; resolves waiters once all of a set of hashes are in blocks. */
class InclusionTracker {
	constructor(api) {
		this.api = api;
		this.blocks = []; // { number, hash, at, hashes: string[] }
		this.where = new Map(); // tx hash -> block number
		this.waiters = [];
		this.last = null;
		this.queue = Promise.resolve();
	}

	async start() {
		const head = await this.api.rpc.chain.getHeader();
		this.last = head.number.toNumber();
		this.unsub = await this.api.rpc.chain.subscribeNewHeads((header) => {
			const at = Date.now();
			const number = header.number.toNumber();
			// Serialise: fetch every block in order, including any the subscription skipped.
			this.queue = this.queue.then(() => this.catchUp(number, at)).catch((e) => log('tracker:', e.message));
		});
	}

	async catchUp(number, at) {
		for (let n = this.last + 1; n <= number; n++) {
			const hash = await this.api.rpc.chain.getBlockHash(n);
			const block = await this.api.rpc.chain.getBlock(hash);
			const hashes = block.block.extrinsics.map((ex) => ex.hash.toHex());
			this.blocks.push({ number: n, hash: hash.toHex(), at, hashes });
			for (const h of hashes) this.where.set(h, n);
			this.last = n;
		}
		this.waiters = this.waiters.filter((w) => !w.check());
	}

	/** Resolves with the arrival time of the block that completed `hashes`. */
	waitAll(hashes, timeoutMs) {
		return new Promise((resolve, reject) => {
			const waiter = {
				check: () => {
					if (!hashes.every((h) => this.where.has(h))) return false;
					clearTimeout(waiter.timer);
					const last = Math.max(...hashes.map((h) => this.where.get(h)));
					resolve(this.blocks.find((b) => b.number === last).at);
					return true;
				},
			};
			waiter.timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				const missing = hashes.filter((h) => !this.where.has(h)).length;
				reject(new Error(`${missing} of ${hashes.length} transactions not included in ${timeoutMs} ms`));
			}, timeoutMs);
			if (!waiter.check()) this.waiters.push(waiter);
		});
	}

	stop() {
		if (this.unsub) this.unsub();
	}
}

/** Signs `build(account, i)` for every account at its next nonce (immortal era). */
async function presign(api, accounts, build) {
	const txs = [];
	for (let i = 0; i < accounts.length; i++) {
		const nonce = await api.rpc.system.accountNextIndex(accounts[i].address);
		const tx = build(accounts[i], i);
		await tx.signAsync(accounts[i], { nonce, era: 0 });
		txs.push(tx);
	}
	return txs;
}

/** Submits every transaction with at most IN_FLIGHT outstanding; returns the accepted hashes. */
async function submitAll(api, txs) {
	const accepted = [];
	const refused = [];
	let next = 0;
	async function worker() {
		while (next < txs.length) {
			const tx = txs[next++];
			try {
				await api.rpc.author.submitExtrinsic(tx);
				accepted.push(tx.hash.toHex());
			} catch (e) {
				refused.push(e.message);
			}
		}
	}
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return { accepted, refused };
}

/** Events and fullness of the blocks holding `hashes`, after the phase. */
async function analyse(api, tracker, hashes, maxNormal) {
	const mine = new Set(hashes);
	const numbers = [...new Set(hashes.map((h) => tracker.where.get(h)))].sort((a, b) => a - b);
	let succeeded = 0;
	const failures = new Map();
	const fullness = [];
	const perBlock = [];
	for (const n of numbers) {
		const block = tracker.blocks.find((b) => b.number === n);
		const apiAt = await api.at(block.hash);
		const [events, weight] = await Promise.all([apiAt.query.system.events(), apiAt.query.system.blockWeight()]);
		const indexes = new Set(block.hashes.map((h, i) => (mine.has(h) ? i : -1)).filter((i) => i >= 0));
		perBlock.push(indexes.size);
		for (const { phase, event } of events) {
			if (!phase.isApplyExtrinsic || !indexes.has(phase.asApplyExtrinsic.toNumber())) continue;
			if (api.events.system.ExtrinsicSuccess.is(event)) succeeded++;
			if (api.events.system.ExtrinsicFailed.is(event)) {
				const err = event.data[0];
				const name = err.isModule
					? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule))
					: err.toString();
				failures.set(name, (failures.get(name) ?? 0) + 1);
			}
		}
		fullness.push(Number(weight.normal.refTime.toBigInt()) / maxNormal);
	}
	return { numbers, succeeded, failures, fullness, perBlock };
}

async function runPhase(api, tracker, name, accounts, build, maxNormal) {
	log(`${name}: signing ${accounts.length} transactions`);
	const txs = await presign(api, accounts, build);
	log(`${name}: submitting`);
	const started = Date.now();
	const { accepted, refused } = await submitAll(api, txs);
	const submittedIn = Date.now() - started;
	const endedAt = await tracker.waitAll(accepted, PHASE_TIMEOUT_MS);
	const seconds = (endedAt - started) / 1000;
	const a = await analyse(api, tracker, accepted, maxNormal);
	// The fee multiplier after the phase's last block: above 1 when its blocks were fuller
	// than the 25 % target (the fee market, runtime/src/configs/fees.rs).
	const lastHash = tracker.blocks.find((b) => b.number === a.numbers[a.numbers.length - 1]).hash;
	const multiplier = Number((await (await api.at(lastHash)).query.transactionPayment.nextFeeMultiplier())
		.toBigInt()) / 1e18;
	const result = {
		phase: name,
		submitted: txs.length,
		accepted: accepted.length,
		refused: refused.length,
		refusedReasons: [...new Set(refused)].slice(0, 3),
		included: accepted.filter((h) => tracker.where.has(h)).length,
		succeeded: a.succeeded,
		failures: Object.fromEntries(a.failures),
		seconds,
		submitSeconds: submittedIn / 1000,
		tps: accepted.length / seconds,
		blocks: a.numbers.length,
		firstBlock: a.numbers[0],
		lastBlock: a.numbers[a.numbers.length - 1],
		maxPerBlock: Math.max(...a.perBlock),
		avgFullness: a.fullness.reduce((x, y) => x + y, 0) / a.fullness.length,
		maxFullness: Math.max(...a.fullness),
		feeMultiplier: multiplier,
	};
	log(`${name}: ${result.included}/${result.submitted} included in ${seconds.toFixed(1)} s = ${result.tps.toFixed(1)} tx/s`);
	return result;
}

function peakRssMiB(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]);
	return kb / 1024;
}

async function main() {
	await cryptoWaitReady();
	// BASE_PATH keeps the node's database (scripts/benchmark.sh measures storage on it);
	// CHAIN runs another spec of the dev chain (the raw one that database was built from).
	const keepDb = process.env.BASE_PATH ? ['--base-path', process.env.BASE_PATH] : [];
	const chain = process.env.CHAIN ? ['--chain', process.env.CHAIN] : [];
	const node = await startDevNode([
		...keepDb, ...chain,
		'--pool-limit', String(ACCOUNTS * 4),
		'--pool-kbytes', String(Math.max(20_480, ACCOUNTS * 4)),
		'--rpc-max-connections', '100',
	], { sealing: 'aura' }); // throughput is measured on the real 3-second Aura blocks
	const { api } = node;
	let ok = false;
	try {
		const keyring = new Keyring({ type: 'sr25519', ss58Format: 4242 });
		const alice = keyring.addFromUri('//Alice');
		log(`deriving ${ACCOUNTS} accounts`);
		const accounts = Array.from({ length: ACCOUNTS }, (_, i) => keyring.addFromUri(`//Alice//load//${i}`));
		const maxNormal = Number(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt());
		const tracker = new InclusionTracker(api);
		await tracker.start();

		// Setup, not measured: native for fees and 1 stETH each, from Alice (the stETH issuer).
		log('funding accounts');
		const batches = [];
		for (let i = 0; i < accounts.length; i += 200) {
			const calls = accounts.slice(i, i + 200).flatMap((acc) => [
				api.tx.balances.transferKeepAlive(acc.address, 50n * UNIT),
				api.tx.assets.mint(STETH, acc.address, LST),
			]);
			batches.push(api.tx.utility.batchAll(calls));
		}
		let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
		for (const b of batches) await b.signAsync(alice, { nonce: nonce++, era: 0 });
		const funding = await submitAll(api, batches);
		if (funding.refused.length) throw new Error(`funding refused: ${funding.refused[0]}`);
		await tracker.waitAll(funding.accepted, PHASE_TIMEOUT_MS);

		const next = (i) => accounts[(i + 1) % accounts.length].address;
		const results = [];
		results.push(await runPhase(api, tracker, '(a) balances.transfer_keep_alive', accounts,
			(_, i) => api.tx.balances.transferKeepAlive(next(i), UNIT / 100n), maxNormal));
		results.push(await runPhase(api, tracker, '(b) vaults.deposit', accounts,
			() => api.tx.vaults.deposit(VAULT, LST / 10n), maxNormal));
		results.push(await runPhase(api, tracker, '(c) vaults.transfer_shares (LRT)', accounts,
			(_, i) => api.tx.vaults.transferShares(VAULT, next(i), 10n ** 18n), maxNormal));
		results.push(await runPhase(api, tracker, '(d) lrt2.claim', accounts,
			() => api.tx.lrt2.claim(), maxNormal));
		results.push(await runPhase(api, tracker, '(e) lrt2.claim_from([0])', accounts,
			() => api.tx.lrt2.claimFrom([VAULT]), maxNormal));
		tracker.stop();

		const rss = peakRssMiB(node.pid);
		const base = results[0].tps;
		const basePerBlock = results[0].maxPerBlock;
		// A block's capacity is known only when the load did not fit in one block and the block
		// builder stopped: a block ≥ 90 % full, or one that stopped early because each
		// transaction reserves its declared worst case (then the phase spans ≥ 3 blocks).
		const full = (r) => r.blocks >= 2 && (r.maxFullness >= 0.9 || r.blocks >= 3);
		for (const r of results) {
			r.ratio = r.tps / base;
			r.perBlockRatio = full(r) && full(results[0]) ? r.maxPerBlock / basePerBlock : null;
		}
		const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm).length;
		console.log(`\nThroughput of restake-node --dev (${ACCOUNTS} accounts, one transaction each per phase, ` +
			`3 s blocks, ${cores} cores, harness on the same machine)\n`);
		console.log('| phase | included / submitted | seconds | tx/s | × (a) | blocks | max tx/block | × (a) per full block | avg fullness | max fullness | fee multiplier after |');
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const r of results) {
			console.log(`| ${r.phase} | ${r.included} / ${r.submitted} | ${r.seconds.toFixed(1)} | ${r.tps.toFixed(1)} | ` +
				`${r.ratio.toFixed(2)} | ${r.blocks} | ${r.maxPerBlock} | ${r.perBlockRatio?.toFixed(2) ?? '–'} | ` +
				`${(100 * r.avgFullness).toFixed(1)} % | ${(100 * r.maxFullness).toFixed(1)} % | ${r.feeMultiplier.toFixed(4)} |`);
		}
		console.log(`\nPeak resident memory of the node (VmHWM): ${rss.toFixed(0)} MiB`);

		const problems = [];
		for (const r of results) {
			if (r.refused) problems.push(`${r.phase}: the pool refused ${r.refused} (${r.refusedReasons.join('; ')})`);
			if (r.included !== r.accepted) problems.push(`${r.phase}: ${r.accepted - r.included} accepted but not included`);
			if (r.succeeded !== r.accepted) problems.push(`${r.phase}: ${r.accepted - r.succeeded} failed: ${JSON.stringify(r.failures)}`);
		}
		if (results.some((r) => r.maxFullness < 0.9)) {
			const light = results.filter((r) => r.maxFullness < 0.9).map((r) => r.phase.slice(0, 3)).join(', ');
			console.log(`\nnote: ${light} never filled a block to 90 %: either the load was too small to fill blocks ` +
				'(use ACCOUNTS ≥ 4000 for capacity) or each transaction reserves far more weight than it ' +
				'uses (a declared worst case), which stops the block builder first.');
		}
		for (const r of results.slice(1)) {
			const met = (x) => (x >= TARGET_RATIO ? 'met' : 'NOT met');
			const perBlock = r.perBlockRatio === null ? 'not measured (no full block)' :
				`${r.perBlockRatio.toFixed(2)} ${met(r.perBlockRatio)}`;
			console.log(`target ${r.phase} ≥ ${TARGET_RATIO} × (a): rate ${r.ratio.toFixed(2)} ${met(r.ratio)}; ` +
				`per full block ${perBlock}; ` +
				`fullest block ${(100 * r.maxFullness).toFixed(1)} % ${r.maxFullness > 0.9 ? '(past 90 %)' : '(NOT past 90 %)'}`);
		}
		console.log(problems.length ? `\nFAILED:\n- ${problems.join('\n- ')}` :
			`\nAll ${results.reduce((n, r) => n + r.submitted, 0)} submitted transactions were included and succeeded.`);
		if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ accounts: ACCOUNTS, results, peakRssMiB: rss }, null, 2));
		ok = problems.length === 0;
	} finally {
		await node.stop();
	}
	process.exit(ok ? 0 : 1);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
