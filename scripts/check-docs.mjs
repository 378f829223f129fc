#!/usr/bin/env node
// Keeps the documentation true to the tree it describes. For every Markdown file git tracks:
//   1. every relative link and every `path/to/file.ext` in backticks names a file of the repository
//      (relative to the repository root, to the Markdown file, or as the tail of a tracked path;
//      backticked paths in the CHANGELOG are history and not checked);
//   2. nothing points outside the repository (`../` out of the root, the old `../shared` notes);
//   3. every `snake_case_name` of three words or more in backticks (a test, a function, a
//      metric, a storage item) occurs in the sources, so a renamed or deleted test cannot stay
//      cited (the CHANGELOG is history: the names and paths it cites may have moved since);
//   4. a test cited by module path (`tests::withdraw::claim_pays_…`, as the crate docs do) is a
//      Rust test function;
//   5. in the design and reliability notes, every behavioural bullet (`- **…**`) names at least
//      one test: a Rust test function (`#[test]` or in `proptest!`), or an end-to-end or
//      zombienet test file (`*.test.mjs`, `*.zndsl`). Prose outside bullets is not checked.
// Only files git tracks count (a fresh clone has nothing else); comments do not count as
// sources.
// Prints each failure as `file:line: message` and exits 1 if there is any. Needs only node.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = normalize(join(dirname(new URL(import.meta.url).pathname), '..'));
// Only what git tracks: a fresh clone (CI) has nothing else, so an untracked file may neither
// make the check pass nor fail. `git add` a new doc or test to have it count.
const tracked = execFileSync('git', ['ls-files', '--cached'], {
	cwd: root,
	encoding: 'utf8',
})
	.split('\n')
	.filter((f) => f && !f.includes('node_modules/') && existsSync(join(root, f)));
const trackedSet = new Set(tracked);
const sourceExt = /\.(rs|mjs|js|ts|sh|toml|zndsl|py|json|yml|yaml|html|css)$/;
const sources = tracked.filter((f) => sourceExt.test(f) && !f.endsWith('.json'));
// Without comments: a name that survives only in a comment is gone from the code.
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const sourceText = sources.map((f) => withoutComments(readFileSync(join(root, f), 'utf8'))).join('\n');

// Names that docs cite from outside this repository (polkadot-sdk, other chains' APIs).
const external = new Set([
	'payout_stakers_alive_staked', // polkadot-sdk's pallet-staking benchmark, a comparison point
	'get_reserves_data', // an EVM lending protocol's view, the PAPI guide's analogy
]);

// Rust tests: functions after #[test] (other attributes may sit between) and inside proptest!.
const rustTests = new Set();
for (const f of sources.filter((f) => f.endsWith('.rs'))) {
	const text = readFileSync(join(root, f), 'utf8');
	for (const m of text.matchAll(/#\[test\]\s*(?:#\[[^\]]*\]\s*)*fn\s+(\w+)/g)) rustTests.add(m[1]);
	for (const block of text.split('proptest!').slice(1)) {
		for (const m of block.slice(0, 20000).matchAll(/\bfn\s+(\w+)\s*\(/g)) rustTests.add(m[1]);
	}
}

const failures = [];
const fail = (file, line, message) => failures.push(`${file}:${line}: ${message}`);

function resolves(mdFile, target) {
	const clean = target.replace(/[#?].*$/, '').replace(/\/$/, '');
	if (!clean) return true;
	const fromDoc = normalize(join(dirname(mdFile), clean));
	const fromRoot = normalize(clean);
	for (const candidate of [fromDoc, fromRoot]) {
		if (candidate.startsWith('..')) continue;
		if (trackedSet.has(candidate)) return true;
		if (tracked.some((f) => f.startsWith(candidate + '/'))) return true; // a directory
	}
	return tracked.some((f) => f.endsWith('/' + clean));
}

function citesTest(text) {
	for (const m of text.matchAll(/`([^`]+)`/g)) {
		const token = m[1].replace(/\(\)$/, '').split('::').pop();
		if (rustTests.has(token)) return true;
		if (/(\.test\.mjs|\.zndsl)$/.test(m[1])) return true; // an end-to-end or zombienet test file
	}
	return false;
}

const testBacked = new Set(['docs/design.md', 'docs/reliability.md']);
for (const file of tracked.filter((f) => f.endsWith('.md'))) {
	const lines = readFileSync(join(root, file), 'utf8').split('\n');
	let fenced = false;
	lines.forEach((line, i) => {
		const n = i + 1;
		if (/^\s*```/.test(line)) fenced = !fenced;
		if (fenced) return;
		if (/\.\.\/shared|ARCHITECTURE\.md/.test(line))
			fail(file, n, 'points outside the repository (the architecture is docs/architecture.md)');
		for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
			const target = m[1];
			if (/^(https?:|mailto:|#)/.test(target)) continue;
			if (normalize(join(dirname(file), target)).startsWith('..'))
				fail(file, n, `link leaves the repository: ${target}`);
			else if (!resolves(file, target)) fail(file, n, `broken link: ${target}`);
		}
		for (const m of line.matchAll(/`([^`\s]+)`/g)) {
			const token = m[1];
			if (/^[\w.@-]+(\/[\w.@*-]+)+\.(rs|mjs|js|sh|toml|zndsl|md|json|py|txt)$/.test(token)) {
				if (!token.includes('*') && file !== 'CHANGELOG.md' && !resolves(file, token))
					fail(file, n, `no such file: ${token}`);
			} else if (/^tests::\w+::[\w:]+$/.test(token)) {
				// A test cited by its module path, as the crate docs do: it must be a Rust test.
				if (file !== 'CHANGELOG.md' && !rustTests.has(token.split('::').pop()))
					fail(file, n, `\`${token}\` names no Rust test`);
			} else if (/^[a-z][a-z0-9]*(_[a-z0-9]+){2,}$/.test(token)) {
				if (file !== 'CHANGELOG.md' && !external.has(token) && !sourceText.includes(token))
					fail(file, n, `\`${token}\` occurs nowhere in the sources (renamed or removed?)`);
			}
		}
	});
	if (!testBacked.has(file)) continue;
	// A bullet runs until the next bullet, heading or blank line.
	let start = -1;
	const flush = (end) => {
		if (start < 0) return;
		const text = lines.slice(start, end).join('\n');
		if (!citesTest(text)) fail(file, start + 1, `behaviour without a test: ${lines[start].slice(0, 70)}…`);
		start = -1;
	};
	fenced = false;
	lines.forEach((line, i) => {
		if (/^\s*```/.test(line)) fenced = !fenced;
		if (fenced) return;
		if (/^- \*\*/.test(line)) {
			flush(i);
			start = i;
		} else if (/^(#|- |\s*$)/.test(line)) flush(i);
	});
	flush(lines.length);
}

if (failures.length) {
	console.error(failures.join('\n'));
	console.error(`\n${failures.length} documentation problem(s): fix the doc or the name it cites.`);
	process.exit(1);
}
console.log(
	`docs: ${tracked.filter((f) => f.endsWith('.md')).length} Markdown files, every link, path and cited name resolves; ` +
		`${rustTests.size} Rust tests known`,
);
