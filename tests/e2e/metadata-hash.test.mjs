// Offline signers (the Polkadot Ledger app) sign with `CheckMetadataHash` (RFC-0078): the
// release node's runtime is built with its metadata hash, so a transaction signed with
// `mode: 1` and the hash computed from the chain's own metadata is accepted, and one signed
// against any other metadata is refused before it reaches a block.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { sendAndWait, startDevNode } from './lib/node.mjs';

const UNIT = 10n ** 12n;
const hex = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;

describe('CheckMetadataHash on restake-node --dev', () => {
	let node;
	let alice;
	let digest;

	before(async () => {
		await cryptoWaitReady();
		node = await startDevNode();
		alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
		// What a Ledger does: hash the chain's metadata (V15) with its token symbol and decimals.
		const metadata = (await node.api.call.metadata.metadataAtVersion(15)).unwrap().toU8a(true);
		digest = merkleizeMetadata(metadata, { decimals: 12, tokenSymbol: 'RSTK' }).digest();
	});

	after(async () => {
		await node?.stop();
	});

	it('accepts a transfer signed with the metadata hash of this runtime', async () => {
		const { api } = node;
		const dest = new Keyring({ type: 'sr25519' }).addFromUri('//ledger-dest');
		const tx = api.tx.balances.transferKeepAlive(dest.address, 2n * UNIT);
		const sent = await new Promise((resolve, reject) => {
			tx.signAndSend(alice, { mode: 1, metadataHash: hex(digest) }, (r) => {
				if (r.status.isInBlock || r.status.isFinalized) resolve(r);
				else if (r.isError) reject(new Error(r.status.toString()));
			}).catch(reject);
		});
		assert.equal(sent.dispatchError, undefined);
		assert.equal((await api.query.system.account(dest.address)).data.free.toBigInt(), 2n * UNIT);
		// The extension is in the transaction as signed: mode 1.
		const block = await api.rpc.chain.getBlock(sent.status.isInBlock ? sent.status.asInBlock : sent.status.asFinalized);
		const ext = block.block.extrinsics.find((x) => x.isSigned && x.method.section === 'balances');
		assert.equal(ext.mode.toNumber(), 1);
	});

	it('refuses a transaction signed against other metadata', async () => {
		const { api } = node;
		const wrong = new Uint8Array(digest);
		wrong[0] ^= 0xff;
		const tx = api.tx.balances.transferKeepAlive(alice.address, UNIT);
		await assert.rejects(
			tx.signAndSend(alice, { mode: 1, metadataHash: hex(wrong) }),
			/bad signature|BadProof|Invalid Transaction/i,
		);
		// Without the hash (mode 0) the same transfer goes through.
		const plain = await sendAndWait(api, api.tx.balances.transferKeepAlive(alice.address, UNIT), new Keyring({ type: 'sr25519' }).addFromUri('//Bob'));
		assert.equal(plain.dispatchError, undefined);
	});
});
