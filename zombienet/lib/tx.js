// Shared by the zombienet js-scripts (they run in zombienet's process, which provides
// `zombie`; this module only needs the api it is given).

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

module.exports = { finalized };
