import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { signDigest, privateKeyToAddress, type TransactionEnvelope } from '@bulkhead/core'
import { encodeSignedWasmTransaction, wasmTransactionSigningHash, type WasmTransaction } from '@bulkhead/proto'
import { createRouter } from '@bulkhead/router'
import { describe, expect, it } from 'vitest'
import { createSharedLog } from '../src/storage/shared-log-store.js'

// The worker entry as the devnet ships it: worker threads run the built JavaScript.
const workerEntry = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'environment-worker.js')).href
const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const sender = privateKeyToAddress(key)
const GAS = 100_000_000_000n

function wasmTransaction(nonce: bigint, action: WasmTransaction['action'], gasLimit: bigint): TransactionEnvelope {
  const transaction = { chainId: 31337n, environment: 'wasm', nonce, gasLimit, gasPrice: 1n, value: 0n, action }
  return { environment: 'wasm', payload: encodeSignedWasmTransaction({ transaction, signature: signDigest(wasmTransactionSigningHash(transaction), key) }) }
}

describe('an in-memory environment worker', () => {
  it('overruns its backstop, is terminated, and resumes from its shared log with every committed block', async () => {
    const wabt = await createRequire(new URL('../../../packages/wasm/package.json', import.meta.url))('wabt')()
    const spin = wabt.parseWat('spin.wat', '(module (memory 1) (func (export "run") (loop $l (br $l))))')
    const spinCode = new Uint8Array(spin.toBinary({}).buffer)
    const router = createRouter({
      environments: [
        {
          id: 'wasm',
          worker: {
            module: workerEntry,
            export: 'createHostedEnvironment',
            options: {
              entry: { id: 'wasm', vm: 'wasm', options: { limits: { transactionGasLimit: GAS, blockGasLimit: GAS } } },
              chainId: 31337n,
              denom: 'wei',
              allocations: { [sender]: 10n ** 24n },
              storage: { sharedLog: createSharedLog(64 * 1024 * 1024) },
              adapterBaseDirectory: import.meta.dirname,
            },
            resourceLimits: { maxOldGenerationSizeMb: 256 },
          },
        },
      ],
      blockGasLimit: GAS * 2n,
      // Far above what deploying takes even on a loaded machine; the spin call runs far longer.
      backstopMs: 5_000,
    })
    const context = (height: bigint) => ({ height, timestamp: 1_700_000_000n + height, parentHash: `0x${'00'.repeat(32)}` as const, gasLimit: GAS * 2n })
    try {
      const deployed = await router.runAndCommitBlock({
        context: context(1n),
        deliveries: [],
        transactions: [wasmTransaction(0n, { kind: 'deploy', code: spinCode, initArgs: new Uint8Array(0) }, 5_000_000n)],
      })
      const spinner = deployed.receipts[0]?.contractAddress as `0x${string}`
      expect(spinner).toMatch(/^0x/)
      const committed = await router.environment('wasm').head()

      // A call whose gas runs far longer than the backstop: the worker is terminated mid-block.
      const overrun = await router.runAndCommitBlock({
        context: context(2n),
        deliveries: [],
        transactions: [wasmTransaction(1n, { kind: 'call', contract: spinner, function: 'run', args: new Uint8Array(0) }, GAS)],
      })
      expect(overrun.end.environments.wasm?.status).toBe('timed_out')
      // The new worker read block 1 back from the log, then committed block 2 empty.
      expect(overrun.end.environments.wasm?.end.stateRoot).toBe(committed.stateRoot)
      expect(await router.environment('wasm').head()).toEqual({ height: 2n, stateRoot: committed.stateRoot })
      const code = await router.environment('wasm').query({ method: 'code', address: spinner })
      expect(code).toBeInstanceOf(Uint8Array)
      expect((code as Uint8Array).length).toBeGreaterThan(0)
    } finally {
      await router.close()
    }
  }, 60_000)
})
