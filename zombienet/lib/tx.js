// Shared by the zombienet js-scripts. They run in zombienet's process, which provides the
// global `zombie` while a script runs: `connectNode` uses it, `finalized` only needs the api
// it is given.

// Connects to the network's node `nodeName` and waits for the crypto; resolves with
// `{ api, keyring }`, the keyring (sr25519) for the dev accounts (`keyring.addFromUri('//Alice')`).
async function connectNode(networkInfo, nodeName) {
	const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
	const api = await zombie.connect(wsUri, userDefinedTypes);
	await zombie.util.cryptoWaitReady();
	return { api, keyring: new zombie.Keyring({ type: 'sr25519' }) };
}

// Signs and sends `tx`, resolves once its block is finalized with `{ events, block }`, and
// rejects with the pallet error's name if it fails, or after 150 s.
function finalized(api, tx, signer) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('not finalized in 150 s')), 150_000);
		tx.signAndSend(signer, ({ status, events, dispatchError }) => {
			if (dispatchError) {
				clearTimeout(timer);
				const d = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
				reject(new Error(`failed: ${d ? `${d.section}.${d.name}` : dispatchError.toString()}`));
			}
			if (status.isFinalized) {
				clearTimeout(timer);
				resolve({ events, block: status.asFinalized });
			}
		}).catch(reject);
	});
}

module.exports = { connectNode, finalized };
