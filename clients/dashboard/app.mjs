// The Restake dashboard: vaults side by side with their risk and yield, an operator's or an
// AVS's profile, and slashing events as they happen. It has no backend: it reads the node's
// `restake_*` risk/yield views (see ../restake-rpc.mjs) with @polkadot/api, loaded by
// index.html as browser bundles, and refreshes everything at each new best block.
//
// URL: index.html?rpc=ws://host:port (default ws://127.0.0.1:9944); #operator=<ss58> or
// #avs=<id> opens that profile. Elements carry data attributes for tests and scripts:
// `[data-vault]` cards, `[data-field]` values with the raw amount in `data-raw`,
// `#profile[data-operator|data-avs]`, `#slash-feed li[data-kind][data-id]`, and
// `body[data-block]`: the block everything shown was read at.
import { restakeApiOptions } from '../polkadot-js.mjs';

const { ApiPromise, WsProvider } = globalThis.polkadotApi;
const rpcUrl = new URLSearchParams(location.search).get('rpc') ?? 'ws://127.0.0.1:9944';
const PAGE = 16; // the largest page the *Profiles methods serve

const $ = (selector) => document.querySelector(selector);

/** A DOM element: h('td', { class: 'x', 'data-raw': 5 }, 'text', child…). Text is never parsed as HTML. */
function h(tag, attrs = {}, ...children) {
	const el = document.createElement(tag);
	for (const [key, value] of Object.entries(attrs)) {
		if (value === null || value === undefined || value === false) continue;
		if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
		else el.setAttribute(key, value === true ? '' : String(value));
	}
	for (const child of children.flat(Infinity)) {
		if (child === null || child === undefined || child === false) continue;
		el.append(child instanceof Node ? child : String(child));
	}
	return el;
}

/** A table's header row: one `th` per title. */
const headerRow = (titles) => h('tr', {}, titles.map((t) => h('th', {}, t)));

/** An opt-in's status as shown: `active`, `pending`, or `opting out until #<block>`. */
const optInStatus = (x) => (x.status === 'optingOut' ? `opting out until #${x.until}` : x.status);

// ---- formatting -------------------------------------------------------------------------

/** `raw` base units with `decimals` decimals: 4 decimals, or 4 significant digits below 1. */
function amount(raw, decimals) {
	let v = BigInt(raw ?? 0);
	const sign = v < 0n ? '-' : '';
	if (v < 0n) v = -v;
	const base = 10n ** BigInt(decimals);
	const whole = v / base;
	let frac = (v % base).toString().padStart(decimals, '0');
	let keep = 4;
	if (whole === 0n && v !== 0n) keep = Math.max(keep, frac.search(/[1-9]/) + 4);
	frac = frac.slice(0, keep).replace(/0+$/, '');
	return `${sign}${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
}
/** Parts per billion as a percentage. */
const percent = (ppb) => `${(Number(ppb) / 1e7).toLocaleString('en-US', { maximumFractionDigits: 3 })} %`;
/** A unitless (weighted) stake, e.g. 7.00e19. */
const weighted = (raw) => (BigInt(raw ?? 0) < 1_000_000n ? String(raw) : Number(raw).toExponential(2));
const short = (address) => (address ? `${address.slice(0, 6)}…${address.slice(-4)}` : '—');

const state = {
	api: null,
	block: null, // { number, hash } the data was read at
	slotMs: 6000,
	vaults: [],
	avss: [],
	operators: [],
	assets: new Map(), // assetId ('native' for null) → { symbol, decimals }
	feed: [],
};

const assetKey = (id) => (id === null || id === undefined ? 'native' : String(id));
const asset = (id) => state.assets.get(assetKey(id)) ?? { symbol: `asset ${id}`, decimals: 0 };
/** An amount of an asset with its symbol, the raw value in data-raw. */
const money = (raw, assetId, attrs = {}) =>
	h('span', { class: 'amount', 'data-raw': raw, title: `${raw} base units`, ...attrs }, `${amount(raw, asset(assetId).decimals)} ${asset(assetId).symbol}`);

function duration(blocks) {
	const s = (Number(blocks) * state.slotMs) / 1000;
	const text = s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
	return `${blocks} blocks (≈ ${text})`;
}

const avsName = (id) => state.avss.find((a) => a.avs === Number(id))?.name || `AVS ${id}`;
// A name is chosen by its operator (two may pick the same): always with the address's start.
const operatorName = (who) => {
	const name = state.operators.find((o) => o.operator === who)?.name;
	return name ? `${name} (${short(who)})` : short(who);
};

/** A link-like button that opens a profile. */
const avsLink = (id) => h('button', { class: 'link', type: 'button', 'data-show-avs': id }, avsName(id));
const operatorLink = (who) => h('button', { class: 'link', type: 'button', 'data-show-operator': who, title: who }, operatorName(who));
const account = (who) => (who ? h('span', { class: 'account', title: who }, operatorName(who)) : '—');

function policyText(policy) {
	if (!policy) return 'no policy (cannot slash)';
	const parts = [
		policy.vetoWindow === null ? 'instant' : `veto window ${policy.vetoWindow} blocks`,
		`≤ ${percent(policy.maxPerIncidentPpb)} per incident`,
		`≤ ${percent(policy.maxPerEpochPpb)} per ${policy.epochBlocks} blocks`,
	];
	if (Number(policy.cooldown) > 0) parts.push(`${policy.cooldown}-block cooldown`);
	parts.push(policy.destination === null ? 'burnt' : `to ${operatorName(policy.destination)}`);
	if (policy.status !== 'enabled') parts.push(policy.status === 'logOnly' ? 'log only' : 'disabled');
	return parts.join(', ');
}

// ---- reading ----------------------------------------------------------------------------

/** Every item of a paginated *Profiles method, at block `at`. */
async function allPages(method, at) {
	const items = [];
	let from = null;
	do {
		const page = (await state.api.rpc.restake[method](from, PAGE, at)).toJSON();
		items.push(...page.items);
		from = page.next ?? null;
	} while (from !== null);
	return items;
}

/** Symbol and decimals of every asset in `ids` not known yet (the native token's from the chain). */
async function learnAssets(ids) {
	const { api } = state;
	for (const id of new Set(ids.map(assetKey))) {
		if (state.assets.has(id)) continue;
		if (id === 'native') {
			state.assets.set(id, { symbol: api.registry.chainTokens[0], decimals: api.registry.chainDecimals[0] });
		} else {
			const meta = await api.query.assets.metadata(Number(id));
			state.assets.set(id, { symbol: meta.symbol.toUtf8() || `asset ${id}`, decimals: meta.decimals.toNumber() });
		}
	}
}

/** What the URL's fragment asks to show: { operator } or { avs }, or null. */
function selection() {
	const params = new URLSearchParams(location.hash.slice(1));
	if (params.get('operator')) return { operator: params.get('operator') };
	if (params.get('avs') !== null && params.get('avs') !== '') return { avs: Number(params.get('avs')) };
	return null;
}

async function refresh(header) {
	const { api } = state;
	const at = header.hash.toHex();
	const [vaults, avss, operators] = await Promise.all([
		allPages('vaultProfiles', at),
		allPages('avsProfiles', at),
		allPages('operatorProfiles', at),
	]);
	const selected = selection();
	let profile = null;
	// A mistyped address in the URL shows "No operator …" (asking would log an RPC-CORE error).
	if (selected?.operator && globalThis.polkadotUtilCrypto.isAddress(selected.operator)) {
		profile = await api.rpc.restake.operatorProfile(selected.operator, at);
	}
	if (Number.isInteger(selected?.avs) && selected.avs >= 0) profile = await api.rpc.restake.avsProfile(selected.avs, at);
	await learnAssets([
		...vaults.flatMap((v) => [v.assetId, v.lrt, ...v.rewardRates.map((r) => r.assetId)]),
		...avss.flatMap((a) => a.streams.map((s) => s.assetId)),
	]);
	Object.assign(state, { vaults, avss, operators, block: { number: header.number.toNumber(), hash: at } });
	for (const v of vaults) state.assets.set(assetKey(v.lrt), { ...asset(v.lrt), decimals: v.lrtDecimals });
	render(selected, profile && !profile.isEmpty ? profile.toJSON() : null);
}

// ---- rendering --------------------------------------------------------------------------

function render(selected, profile) {
	$('#status').dataset.state = 'connected';
	$('#status').replaceChildren(
		`${state.chain} at ${rpcUrl} · best block `,
		h('span', { id: 'block', 'data-block': state.block.number, title: state.block.hash }, `#${state.block.number.toLocaleString('en-US')}`),
	);
	$('#vaults').replaceChildren(...state.vaults.map(vaultCard));
	renderAvss();
	renderOperators();
	renderProfile(selected, profile);
	if (state.feed.length) renderFeed();
	document.body.dataset.block = state.block.number;
}

function slashList(field, slashes, assetOf, empty) {
	if (slashes.length === 0) return h('ul', { 'data-field': field, class: 'slashes' }, h('li', { class: 'none' }, empty));
	return h(
		'ul',
		{ 'data-field': field, class: 'slashes' },
		slashes.map((s) => {
			const settled = s.outcome !== undefined;
			return h(
				'li',
				{ 'data-slash': s.id, 'data-outcome': s.outcome, class: settled ? s.outcome : 'pending' },
				h('strong', {}, `#${s.id} ${settled ? s.outcome : 'pending'}`),
				' · ', avsLink(s.avs), ' → ', operatorLink(s.operator), ` · ${percent(s.fractionPpb)}`,
				settled
					? [` · block ${s.settledAt}`, vaultAmounts(s.taken, assetOf, 'took')]
					: [` · executable at #${s.executableAt}, expires #${s.expiresAt}`, vaultAmounts(s.vaults, assetOf, 'captured')],
			);
		}),
	);
}

/** What a slash captured or took, per vault: `[{ vault, amount }]`. */
function vaultAmounts(list, assetOf, verb) {
	if (!list?.length) return null;
	return [` · ${verb} `, list.map(({ vault, amount: raw }, i) => [i ? ', ' : '', `vault ${vault}: `, money(raw, assetOf(vault))])];
}

/** A higher worst case the scheduled changes (allocations, riskier policies) will bring. */
function scheduled(now, later, assetId) {
	if (later === undefined || BigInt(later) <= BigInt(now)) return null;
	return h('small', { class: 'warn', 'data-scheduled': later }, ' → ', money(later, assetId), ' once scheduled changes apply');
}

/** The asset of a vault (for the amounts of slashes and feed entries). */
const vaultAsset = (vault) => state.vaults.find((v) => v.vault === Number(vault))?.assetId;

function vaultCard(v) {
	const lrt = asset(v.lrt).symbol;
	const tvl = BigInt(v.totalAssets);
	const ofTvl = (raw) => (tvl > 0n ? ` (${percent((BigInt(raw) * 1_000_000_000n) / tvl)} of TVL)` : '');
	const fact = (label, field, value, raw) => [h('dt', {}, label), h('dd', { 'data-field': field, 'data-raw': raw }, value)];
	return h(
		'article',
		{ class: 'card vault', 'data-vault': v.vault, 'data-paused': v.paused ? 'true' : 'false' },
		h('h3', {}, `Vault ${v.vault} · ${lrt}`, v.paused ? h('span', { class: 'badge bad' }, 'paused') : null),
		h('p', { class: 'sub' }, `${asset(v.assetId).symbol} → ${lrt} · curator `, account(v.curator)),
		h(
			'dl',
			{},
			fact('TVL', 'tvl', money(v.totalAssets, v.assetId), v.totalAssets),
			fact(`1 ${lrt}`, 'assets-per-lrt', money(v.assetsPerLrt, v.assetId), v.assetsPerLrt),
			fact('Curator fee', 'curator-fee', [
				percent(v.curatorFeePpb),
				v.pendingCuratorFee ? ` → ${percent(v.pendingCuratorFee.ppb)} from #${v.pendingCuratorFee.from}` : '',
			], v.curatorFeePpb),
			fact('Withdrawal delay', 'withdrawal-delay', duration(v.withdrawalDelay), v.withdrawalDelay),
		),
		h('h4', {}, 'Yield'),
		h(
			'ul',
			{ 'data-field': 'reward-rates', class: 'rates' },
			v.rewardRates.length === 0 ? h('li', { class: 'none' }, 'no rewards flowing') : null,
			v.rewardRates.map((r) =>
				h(
					'li',
					{ 'data-kind': r.kind, 'data-avs': r.avs, 'data-asset': assetKey(r.assetId), 'data-per-lrt-per-day': r.perLrtPerDay, 'data-apr-ppb': r.aprPpb },
					r.kind === 'avs' ? avsLink(r.avs) : r.kind === 'compound' ? 'compounded into the rate' : 'curator rewards',
					': ', money(r.perLrtPerDay, r.assetId), ` per ${lrt} per day`,
					r.aprPpb !== null && r.aprPpb !== undefined ? h('span', { class: 'apr' }, ` · APR ${percent(r.aprPpb)}`) : null,
					r.until !== undefined ? h('small', {}, ` · until #${r.until}`) : null,
				),
			),
		),
		h(
			'ul',
			{ 'data-field': 'points-rates', class: 'rates' },
			v.pointsRates.map((p) =>
				h(
					'li',
					{ 'data-programme': p.programme, 'data-per-lrt-per-day': p.perLrtPerDay },
					`${p.name || `programme ${p.programme}`}: ${amount(p.perLrtPerDay, 0)} points per ${lrt} per day`,
				),
			),
		),
		h('h4', {}, 'Risk'),
		h(
			'dl',
			{},
			fact('Worst loss / incident', 'worst-loss-incident', [money(v.worstLossPerIncident, v.assetId), ofTvl(v.worstLossPerIncident), scheduled(v.worstLossPerIncident, v.scheduledWorstLossPerIncident, v.assetId)], v.worstLossPerIncident),
			fact('Worst loss / epoch', 'worst-loss-epoch', [money(v.worstLossPerEpoch, v.assetId), ofTvl(v.worstLossPerEpoch), scheduled(v.worstLossPerEpoch, v.scheduledWorstLossPerEpoch, v.assetId)], v.worstLossPerEpoch),
		),
		h(
			'table',
			{ class: 'exposures', 'data-field': 'exposures' },
			headerRow(['Operator', 'AVS', 'Stake', 'Slashable', 'Policy', 'Worst / incident']),
			v.exposures.map((e) =>
				h(
					'tr',
					{ 'data-operator': e.operator, 'data-avs': e.avs },
					h('td', {}, operatorLink(e.operator), h('small', {}, ` ${percent(e.commissionPpb)} fee`,
						e.pendingCommission ? ` → ${percent(e.pendingCommission.ppb)} from #${e.pendingCommission.from}` : '')),
					h('td', {}, avsLink(e.avs)),
					h('td', {}, money(e.stake, v.assetId), e.pending ? h('small', {}, ' → ', money(e.pending.stake, v.assetId), ` from #${e.pending.from}`) : null),
					h('td', {}, money(e.slashable, v.assetId)),
					h('td', { class: 'policy' }, policyText(e.policy), e.pendingPolicy ? [h('br'), `from #${e.pendingPolicy.from}: ${policyText(e.pendingPolicy.policy)}`] : null),
					h('td', {}, money(e.worstLossPerIncident, v.assetId), scheduled(e.worstLossPerIncident, e.scheduledWorstLossPerIncident, v.assetId)),
				),
			),
		),
		h('h4', {}, 'Pending slashes'),
		slashList('pending-slashes', v.pendingSlashes, vaultAsset, 'none'),
		h('h4', {}, "Its operators' slash record"),
		slashRecord(v.operatorsSlashRecord),
		slashList('slash-history', v.operatorsSlashRecord.latest, vaultAsset, 'no slash among the chain\'s latest 1 024'),
	);
}

function renderAvss() {
	$('#avss').replaceChildren(
		headerRow(['AVS', 'Stake (weighted)', 'Operators', 'Largest share', 'Herfindahl', 'Policy', 'Pending slashes']),
		...state.avss.map((a) =>
			h(
				'tr',
				{ 'data-avs': a.avs },
				h('td', {}, avsLink(a.avs), a.deregisteredAt !== null ? h('span', { class: 'badge' }, 'leaving') : null),
				h('td', { 'data-raw': a.totalWeightedStake }, weighted(a.totalWeightedStake)),
				h('td', {}, a.operators.length),
				h('td', {}, percent(a.largestSharePpb)),
				h('td', {}, percent(a.herfindahlPpb)),
				h('td', { class: 'policy' }, policyText(a.policy)),
				h('td', {}, a.pendingSlashes.length),
			),
		),
	);
}

function renderOperators() {
	$('#operators').replaceChildren(
		headerRow(['Operator', 'Commission', 'AVSs', 'Pending slashes', 'Slashes executed']),
		...state.operators.map((o) =>
			h(
				'tr',
				{ 'data-operator': o.operator },
				h('td', {}, operatorLink(o.operator)),
				h('td', {}, percent(o.commissionPpb)),
				h('td', {}, o.avss.map((x, i) => [i ? ', ' : '', avsLink(x.avs)])),
				h('td', {}, o.pendingSlashes.length),
				h('td', {}, o.slashRecord.executed),
			),
		),
	);
}

/** A slash record summary: counts of settled slashes (its `latest` are listed by slashList). */
function slashRecord(r) {
	return h(
		'p',
		{ 'data-field': 'slash-record', 'data-settled': r.settled, 'data-executed': r.executed },
		`among the chain's latest 1 024 slash requests, ${r.settled} settled: ${r.executed} executed (${percent(r.executedFractionPpb)} in all), ${r.vetoed} vetoed, ${r.other} otherwise`,
	);
}

function renderProfile(selected, p) {
	const el = $('#profile');
	delete el.dataset.operator;
	delete el.dataset.avs;
	el.hidden = !selected;
	if (!selected) return el.replaceChildren();
	const close = h('button', { class: 'close', type: 'button', title: 'close', onclick: () => (location.hash = '') }, '×');
	if (!p) return el.replaceChildren(close, h('h2', {}, selected.operator ? `No operator ${short(selected.operator)}` : `No AVS ${selected.avs}`));
	if (selected.operator) {
		el.dataset.operator = p.operator;
		return el.replaceChildren(
			close,
			h('h2', {}, p.name || short(p.operator)),
			h('p', { class: 'sub' }, 'operator ', h('span', { class: 'mono' }, p.operator)),
			h(
				'dl',
				{},
				h('dt', {}, 'Commission'),
				h('dd', { 'data-field': 'commission', 'data-raw': p.commissionPpb }, percent(p.commissionPpb),
					p.pendingCommission ? ` → ${percent(p.pendingCommission.ppb)} from #${p.pendingCommission.from}` : ''),
				h('dt', {}, 'Deposit'),
				h('dd', {}, money(p.deposit, null)),
			),
			h('h3', {}, 'Stake per AVS'),
			h(
				'table',
				{ 'data-field': 'avss' },
				headerRow(['AVS', 'Status', 'Weighted', 'Vaults: stake / slashable']),
				p.avss.map((x) =>
					h(
						'tr',
						{ 'data-avs': x.avs },
						h('td', {}, avsLink(x.avs)),
						h('td', {}, optInStatus(x)),
						h('td', { 'data-raw': x.weightedStake }, weighted(x.weightedStake)),
						h('td', {}, x.vaults.map((s, i) => [i ? h('br') : '', `vault ${s.vault}: `, money(s.stake, s.assetId), ' / ', money(s.slashable, s.assetId)])),
					),
				),
			),
			h('h3', {}, 'Pending slashes'),
			slashList('pending-slashes', p.pendingSlashes, vaultAsset, 'none'),
			h('h3', {}, 'Slash record'),
			slashRecord(p.slashRecord),
			slashList('slash-history', p.slashRecord.latest, vaultAsset, 'no slash among the chain\'s latest 1 024'),
		);
	}
	el.dataset.avs = p.avs;
	return el.replaceChildren(
		close,
		h('h2', {}, `AVS ${p.avs} · ${p.name}`),
		p.uri ? h('p', { class: 'sub' }, p.uri) : null,
		h(
			'dl',
			{},
			h('dt', {}, 'Owner'), h('dd', {}, account(p.owner)),
			h('dt', {}, 'Slasher'), h('dd', {}, account(p.slasher)),
			h('dt', {}, 'Resolver'), h('dd', {}, account(p.resolver)),
			p.deregisteredAt !== null ? [h('dt', {}, 'Deregistered'), h('dd', {}, `at #${p.deregisteredAt}`)] : null,
			h('dt', {}, 'Stake (weighted)'), h('dd', { 'data-field': 'total-stake', 'data-raw': p.totalWeightedStake }, weighted(p.totalWeightedStake)),
			h('dt', {}, 'Largest share'), h('dd', { 'data-field': 'largest-share', 'data-raw': p.largestSharePpb }, percent(p.largestSharePpb)),
			h('dt', {}, 'Herfindahl'), h('dd', { 'data-field': 'herfindahl', 'data-raw': p.herfindahlPpb }, percent(p.herfindahlPpb)),
			h('dt', {}, 'Policy'), h('dd', { 'data-field': 'policy', class: 'policy' }, policyText(p.policy)),
			p.pendingPolicy ? [h('dt', {}, 'Next policy'), h('dd', { class: 'policy' }, `from #${p.pendingPolicy.from}: ${policyText(p.pendingPolicy.policy)}`)] : null,
			h('dt', {}, 'Open bounties'), h('dd', {}, p.openBounties),
		),
		h('h3', {}, 'Operators'),
		h(
			'table',
			{ 'data-field': 'operators' },
			headerRow(['Operator', 'Status', 'Weighted stake', 'Share']),
			p.operators.map((o) =>
				h(
					'tr',
					{ 'data-operator': o.operator },
					h('td', {}, operatorLink(o.operator)),
					h('td', {}, optInStatus(o)),
					h('td', { 'data-raw': o.weightedStake }, weighted(o.weightedStake)),
					h('td', { 'data-raw': o.sharePpb }, h('span', { class: 'bar', style: `--share:${Number(o.sharePpb) / 1e7}%` }), percent(o.sharePpb)),
				),
			),
		),
		h('h3', {}, 'Reward streams'),
		h(
			'ul',
			{ 'data-field': 'streams' },
			p.streams.length === 0 ? h('li', { class: 'none' }, 'none') : null,
			p.streams.map((s) =>
				h('li', { 'data-stream': s.id }, `#${s.id}: `, money(s.perBlock, s.assetId), ' per block, ', money(s.remaining, s.assetId), ' of ', money(s.amount, s.assetId), ` left, blocks ${s.start}–${s.end}`),
			),
		),
		h('h3', {}, 'Pending slashes'),
		slashList('pending-slashes', p.pendingSlashes, vaultAsset, 'none'),
		h('h3', {}, 'Slash record'),
		slashRecord(p.slashRecord),
		slashList('slash-history', p.slashRecord.latest, vaultAsset, 'no slash among the chain\'s latest 1 024'),
	);
}

/** The live feed, newest first (drawn again with each refresh: names and assets may be new). */
function renderFeed() {
	$('#slash-feed').replaceChildren(...state.feed.map(feedItem));
	$('#slash-feed-status').textContent = `${state.feed.length} event(s) since the page opened`;
}

/** One slashing event of the live feed. */
function feedItem(e) {
	return h(
		'li',
		{ 'data-kind': e.kind, 'data-id': e.id, 'data-avs': e.avs, 'data-operator': e.operator, 'data-block': e.blockNumber, class: e.kind },
		h('span', { class: 'when', title: e.blockHash }, `#${e.blockNumber}`), ' ',
		h('strong', {}, `${e.kind}`), ` slash #${e.id} · `, avsLink(e.avs), ' → ', operatorLink(e.operator), ` · ${percent(e.fractionPpb)}`,
		vaultAmounts(e.vaults, vaultAsset, e.kind === 'executed' ? 'took' : 'on'),
	);
}

// ---- wiring -----------------------------------------------------------------------------

function fail(error) {
	console.error(error);
	const el = $('#error');
	el.hidden = false;
	el.textContent = String(error?.message ?? error);
}

/** Refreshes at each new best block; one refresh at a time, the latest head wins. */
function follower() {
	let latest = null;
	let running = false;
	return async function onHead(header) {
		latest = header;
		if (running) return;
		running = true;
		while (latest) {
			const head = latest;
			latest = null;
			try {
				await refresh(head);
				$('#error').hidden = true;
			} catch (e) {
				fail(e);
			}
		}
		running = false;
	};
}

async function main() {
	$('#status').textContent = `connecting to ${rpcUrl}…`;
	const provider = new WsProvider(rpcUrl);
	const api = await ApiPromise.create({ provider, ...restakeApiOptions, noInitWarn: true });
	// A lost connection leaves the page as it was: say so, and that events may be missed.
	provider.on('disconnected', () => {
		document.body.dataset.connection = 'lost';
		$('#status').dataset.state = 'disconnected';
		$('#status').textContent = `disconnected from ${rpcUrl}: showing block #${state.block?.number ?? '?'}, reconnecting…`;
		$('#slash-feed-status').textContent = 'disconnected: slashing events after this point may be missing';
	});
	provider.on('connected', () => {
		if (document.body.dataset.connection !== 'lost') return;
		document.body.dataset.connection = 'back';
		$('#slash-feed-status').textContent = 'reconnected: events while disconnected are not shown (see each profile)';
	});
	state.api = api;
	state.chain = (await api.rpc.system.chain()).toString();
	const period = api.consts.timestamp?.minimumPeriod;
	if (period) state.slotMs = period.toNumber() * 2;

	const onHead = follower();
	document.addEventListener('click', (event) => {
		const target = event.target.closest('[data-show-operator], [data-show-avs]');
		if (!target) return;
		location.hash = target.dataset.showOperator ? `operator=${target.dataset.showOperator}` : `avs=${target.dataset.showAvs}`;
	});
	window.addEventListener('hashchange', async () => onHead(await api.rpc.chain.getHeader()));

	// Subscribed before the heads, on the same connection: the node has it by the first render.
	// (Not awaited: @polkadot/api resolves a subscription's promise with its first value.)
	api.rpc.restake
		.subscribeSlashes((event) => {
			const e = event.toJSON();
			if (e.retracted) {
				// Its block left the chain in a re-organisation: the event did not happen.
				state.feed = state.feed.filter((f) => !(f.blockHash === e.blockHash && f.id === e.id && f.kind === e.kind));
			} else {
				state.feed.unshift(e);
				state.feed.length = Math.min(state.feed.length, 200);
			}
			renderFeed();
		})
		.catch(fail);
	$('#slash-feed-status').textContent = 'waiting for slashing events…';
	await api.rpc.chain.subscribeNewHeads(onHead);
}

main().catch(fail);
