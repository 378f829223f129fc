#!/usr/bin/env node
// Serves the dashboard: a static file server, no dependency, no backend logic (the page talks
// to the node's RPC itself, from the browser).
//
//   node clients/dashboard/serve.mjs [--port 9955] [--host 127.0.0.1]
//   # then open http://127.0.0.1:9955/dashboard/?rpc=ws://127.0.0.1:9944
//
// It serves `clients/` (the page and the clients/*.mjs modules it imports) and, under
// `/vendor/`, the browser bundles of @polkadot/api and its companions from the repository's
// node_modules (the root npm workspace, installed by scripts/setup.sh). `--port 0` (or
// $DASHBOARD_PORT) picks a free port; the URL it listens on is printed on stdout.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const clients = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modules = process.env.RESTAKE_NODE_MODULES ?? resolve(clients, '../node_modules');

/** `/vendor/<name>` → the UMD bundle it is, in the order index.html loads them. */
const vendor = {
	'polkadot-util.js': '@polkadot/util/bundle-polkadot-util.js',
	'polkadot-util-crypto.js': '@polkadot/util-crypto/bundle-polkadot-util-crypto.js',
	'polkadot-keyring.js': '@polkadot/keyring/bundle-polkadot-keyring.js',
	'polkadot-types.js': '@polkadot/types/bundle-polkadot-types.js',
	'polkadot-api.js': '@polkadot/api/bundle-polkadot-api.js',
};

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
};

function option(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const port = Number(option('port', process.env.DASHBOARD_PORT ?? 9955));
const host = option('host', '127.0.0.1');

const missing = Object.values(vendor).filter((file) => !existsSync(join(modules, file)));
if (missing.length > 0) {
	console.error(`serve.mjs: ${missing.join(', ')} missing under ${modules}: run scripts/setup.sh`);
	process.exit(1);
}

/** The file a URL path names, or null when it is outside what is served. */
function fileOf(pathname) {
	if (pathname.startsWith('/vendor/')) {
		const file = vendor[pathname.slice('/vendor/'.length)];
		return file ? join(modules, file) : null;
	}
	const file = normalize(join(clients, decodeURIComponent(pathname)));
	if (file !== clients && !file.startsWith(clients + sep)) return null;
	if (existsSync(file) && statSync(file).isDirectory()) return join(file, 'index.html');
	return file;
}

const server = createServer((req, res) => {
	const { pathname } = new URL(req.url, 'http://localhost');
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405).end();
		return;
	}
	if (pathname === '/') {
		res.writeHead(302, { location: '/dashboard/' }).end();
		return;
	}
	// A directory without its trailing slash: redirect, so the page's relative URLs resolve.
	if (pathname === '/dashboard') {
		res.writeHead(301, { location: '/dashboard/' }).end();
		return;
	}
	let file;
	try {
		file = fileOf(pathname);
	} catch {
		file = null; // a malformed %-escape
	}
	const type = file && types[extname(file)];
	if (!type || !existsSync(file) || !statSync(file).isFile()) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
		return;
	}
	res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
	if (req.method === 'HEAD') res.end();
	else createReadStream(file).pipe(res);
});

server.on('error', (e) => {
	console.error(`serve.mjs: ${e.message}`);
	process.exit(1);
});
server.listen(port, host, () => {
	const { port: bound } = server.address();
	console.log(`dashboard: http://${host}:${bound}/dashboard/ (add ?rpc=ws://host:port for a node other than ws://127.0.0.1:9944)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
