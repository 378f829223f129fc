// Re-exports the @polkadot packages installed here, for scripts outside this package
// (bench/) that resolve bare imports from their own directory.
export { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
export { cryptoWaitReady } from '@polkadot/util-crypto';
