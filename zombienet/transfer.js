// zombienet js-script: `from` sends `to` 1.5 RSTK with transferKeepAlive, waits until the
// block is finalized, and checks the events and both balances. Returns 1 on success; throws
// (failing the assertion) otherwise.
const { connectNode } = require('./lib/tx.js');

const UNIT = 10n ** 12n;
const AMOUNT = (3n * UNIT) / 2n;

async function run(nodeName, networkInfo, args) {
	// zombienet passes `with "Dave,Eve"` as ["Dave", "Eve"].
	const [fromName, toName] = args.length > 1 ? args : String(args[0]).split(',');
	if (!fromName || !toName) throw new Error(`expected "From,To", got ${JSON.stringify(args)}`);
	const { api, keyring } = await connectNode(networkInfo, nodeName);
	const from = keyring.addFromUri(`//${fromName}`);
	const to = keyring.addFromUri(`//${toName}`);

	const before = (await api.query.system.account(to.address)).data.free.toBigInt();

	const events = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('transfer not finalized in 90 s')), 90_000);
		api.tx.balances
			.transferKeepAlive(to.address, AMOUNT)
			.signAndSend(from, ({ status, events, dispatchError }) => {
				if (dispatchError) {
					clearTimeout(timer);
					reject(new Error(`transfer failed: ${dispatchError.toString()}`));
				}
				if (status.isFinalized) {
					clearTimeout(timer);
					resolve(events);
				}
			})
			.catch(reject);
	});

	const transferred = events.find(({ event }) => api.events.balances.Transfer.is(event));
	if (!transferred) throw new Error('no Balances.Transfer event');
	if (transferred.event.data[2].toBigInt() !== AMOUNT) throw new Error('wrong amount in event');

	const after = (await api.query.system.account(to.address)).data.free.toBigInt();
	if (after - before !== AMOUNT) throw new Error(`balance moved by ${after - before}, not ${AMOUNT}`);

	console.log(`transferred ${AMOUNT} from ${fromName} to ${toName}; ${toName} now has ${after}`);
	await api.disconnect();
	return 1;
}

module.exports = { run };
