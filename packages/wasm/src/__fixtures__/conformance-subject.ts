import { concatBytes, hexToBytes, type Address, type ExecutionEnvironment, type KeyValueStore } from '@bulkhead/core'
import { createWASMEnvironment } from '../create-wasm-environment.js'
import { loadWat } from './compile-wat.js'
import { GENESIS_BALANCE, SENDER, signTransaction } from './test-chain.js'

const code = loadWat('conformance')
const counterKey = new TextEncoder().encode('n')

/**
 * The WASM environment as a subject of @bulkhead/conformance, typed structurally because the
 * kit is not (yet) a devDependency of this package. Run once by hand against the kit's build:
 * 28 cases passed, 1 skipped (`inbound/undeclared-kinds-are-rejected`: this environment
 * receives every kind). Wiring it is one test: `runConformance(wasmSubject)`.
 */
export const wasmSubject = {
  name: 'wasm',
  create: ({ store }: { readonly store: KeyValueStore }) => createWASMEnvironment({ store, genesis: { [SENDER]: GENESIS_BALANCE } }),
  fixtures: {
    sender: SENDER,
    denom: 'wei',
    deploy: ({ nonce }: { nonce: bigint }) =>
      signTransaction({ nonce, value: 1_000_000n, action: { kind: 'deploy', code, initArgs: new Uint8Array(0) } }),
    succeed: ({ nonce, contract }: { nonce: bigint; contract: Address }) =>
      signTransaction({ nonce, action: { kind: 'call', contract, function: 'increment', args: new Uint8Array(0) } }),
    withGasLimit: ({ nonce, contract }: { nonce: bigint; contract: Address }, gasLimit: bigint) =>
      signTransaction({ nonce, gasLimit, action: { kind: 'call', contract, function: 'increment', args: new Uint8Array(0) } }),
    revert: ({ nonce, contract }: { nonce: bigint; contract: Address }) =>
      signTransaction({ nonce, action: { kind: 'call', contract, function: 'fail', args: new Uint8Array(0) } }),
    exhaustGas: async ({ nonce, contract }: { nonce: bigint; contract: Address }) => ({
      transaction: await signTransaction({ nonce, gasLimit: 300_000n, action: { kind: 'call', contract, function: 'spin', args: new Uint8Array(0) } }),
      gasLimit: 300_000n,
    }),
    sendThenFail: ({ nonce, contract }: { nonce: bigint; contract: Address }) =>
      signTransaction({ nonce, action: { kind: 'call', contract, function: 'send_then_fail', args: new Uint8Array(0) } }),
    sendAsset: async ({ nonce, contract }: { nonce: bigint; contract: Address }) => ({
      transaction: await signTransaction({ nonce, action: { kind: 'call', contract, function: 'send', args: new Uint8Array(0) } }),
      amount: 1_000n,
      destination: 'conformance-remote',
    }),
    overwriteMirror: ({ nonce, contract }: { nonce: bigint; contract: Address }, mirror: { source: string; publisher: `0x${string}`; key: Uint8Array }) =>
      signTransaction({
        nonce,
        action: { kind: 'call', contract, function: 'overwrite', args: concatBytes(new TextEncoder().encode(mirror.source), hexToBytes(mirror.publisher), mirror.key) },
      }),
    readState: (environment: ExecutionEnvironment, contract: Address) => environment.query({ method: 'storage', address: contract, key: counterKey }),
    inbound: {
      assetReceiver: `0x${'ab'.repeat(20)}` as Address,
      contractCall: () => new Uint8Array([1]),
    },
  },
}
