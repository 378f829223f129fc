// Headless Chromium (from the OS packages: scripts/setup.sh installs it) driven over the
// Chrome DevTools Protocol with `ws`: enough to open a page, read its DOM, click, and collect
// what went wrong in it. The browser is killed when the test process exits, whatever the outcome.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const running = new Set();
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/** Path of Chromium: $CHROMIUM, else `chromium` (Debian) or `chromium-browser` on the PATH. */
export function chromiumBinary() {
	const names = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser'];
	for (const name of names) {
		const found = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' }).stdout.trim();
		if (found) return found;
	}
	throw new Error(`Chromium not found (${names.join(', ')}): run scripts/setup.sh, which installs it from the OS packages`);
}

/**
 * Starts headless Chromium with a throwaway profile. Returns { newPage, close }; a page is
 * { goto, evaluate, waitFor, click, problems, send, on }, `problems` collecting uncaught
 * exceptions, console.error calls and error log entries (failed loads) as strings.
 */
export async function launchBrowser() {
	const profile = mkdtempSync(join(tmpdir(), 'restake-chromium-'));
	const args = ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
		'--no-first-run', '--no-default-browser-check', '--disable-gpu', '--disable-dev-shm-usage', 'about:blank'];
	if (process.getuid?.() === 0) args.unshift('--no-sandbox'); // Chromium refuses root otherwise
	const child = spawn(chromiumBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
	running.add(child);
	child.on('exit', () => running.delete(child));
	let stderr = '';
	const endpoint = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Chromium did not start in 30 s:\n${stderr}`)), 30_000);
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
			if (m) { clearTimeout(timer); resolve(m[1]); }
		});
		child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code}):\n${stderr}`)); });
	});
	const ws = new WebSocket(endpoint, { perMessageDeflate: false });
	await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

	// One connection, one flat session per page: { id, method, params, sessionId }.
	let nextId = 0;
	const calls = new Map();
	const listeners = [];
	ws.on('message', (data) => {
		const msg = JSON.parse(data);
		if (msg.id !== undefined) {
			const call = calls.get(msg.id);
			calls.delete(msg.id);
			if (msg.error) call?.reject(new Error(`${call.method}: ${msg.error.message}`));
			else call?.resolve(msg.result);
		} else {
			for (const l of listeners) if (l.method === msg.method && l.sessionId === msg.sessionId) l.fn(msg.params);
		}
	});
	const send = (method, params = {}, sessionId = undefined) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			calls.set(id, { resolve, reject, method });
			ws.send(JSON.stringify({ id, method, params, sessionId }));
		});

	async function newPage() {
		const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
		const page = {
			problems: [],
			send: (method, params) => send(method, params, sessionId),
			on: (method, fn) => listeners.push({ method, sessionId, fn }),
		};
		page.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) =>
			page.problems.push(`exception: ${d.exception?.description ?? d.text} (${d.url ?? ''}:${d.lineNumber})`));
		page.on('Runtime.consoleAPICalled', ({ type, args: a }) => {
			if (type === 'error' || type === 'assert') page.problems.push(`console.${type}: ${a.map((x) => x.value ?? x.description).join(' ')}`);
		});
		page.on('Log.entryAdded', ({ entry }) => {
			if (entry.level === 'error') page.problems.push(`log: ${entry.text} ${entry.url ?? ''}`);
		});
		await Promise.all(['Runtime.enable', 'Log.enable', 'Page.enable'].map((m) => page.send(m)));

		/** Loads `url`, resolves once its load event fired. */
		page.goto = async (url) => {
			const loaded = new Promise((resolve) => page.on('Page.loadEventFired', resolve));
			const { errorText } = await page.send('Page.navigate', { url });
			if (errorText) throw new Error(`${url}: ${errorText}`);
			await loaded;
		};
		/** The (JSON) value of a JavaScript expression in the page, promises awaited. */
		page.evaluate = async (expression) => {
			const { result, exceptionDetails } = await page.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
			if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
			return result.value;
		};
		/** Polls `expression` until it is truthy; resolves with its value. */
		page.waitFor = async (expression, { timeout = 20_000, what = expression } = {}) => {
			const deadline = Date.now() + timeout;
			for (;;) {
				const value = await page.evaluate(expression);
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; page problems: ${JSON.stringify(page.problems)}`);
				await new Promise((r) => setTimeout(r, 100));
			}
		};
		/** Clicks the first element matching `selector`. */
		page.click = (selector) =>
			page.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) throw new Error('no ' + ${JSON.stringify(selector)}); el.click(); return true; })()`);
		return page;
	}

	async function close() {
		if (child.exitCode === null && child.signalCode === null) {
			const gone = new Promise((r) => child.once('exit', r));
			send('Browser.close').catch(() => {});
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await gone;
			clearTimeout(timer);
		}
		ws.terminate();
		rmSync(profile, { recursive: true, force: true });
	}
	return { newPage, close, pid: child.pid };
}
