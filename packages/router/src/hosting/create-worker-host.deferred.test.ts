import type { BlockInput } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { ledgerTransaction, testAddress } from '../__fixtures__/ledger-transaction.js'
import { ledgerWorker } from '../__fixtures__/ledger-worker.js'
import { testContext } from '../__fixtures__/test-context.js'
import { EnvironmentHostError } from '../errors/environment-host-error.js'
import type { LedgerEnvironmentOptions } from '../__fixtures__/ledger-environment.js'
import { createWorkerHost } from './create-worker-host.js'
import type { SegmentOutput } from './run-segment.js'

const committing = { quarantined: {}, deployers: '*' as const, facts: [], commit: true }
const empty = (height: bigint): BlockInput => ({ context: testContext(height), deliveries: [], transactions: [] })
const genesis = { [testAddress(1)]: 1_000_000n }

/** A worker-hosted ledger and the count of blocks it began, read without calling it. */
function idleLedger(options: Partial<LedgerEnvironmentOptions> = {}, emptyBlockDelayMs?: number) {
  const blocksBegun = new Int32Array(new SharedArrayBuffer(8))
  const source = ledgerWorker({ id: 'idle', genesis, emptyBlocksKeepState: true, blocksBegun, ...options })
  const host = createWorkerHost({
    id: 'idle',
    module: source.module,
    export: source.export,
    options: source.options,
    resourceLimits: source.resourceLimits ?? {},
    backstopMs: 5_000,
    startupTimeoutMs: 10_000,
    ...(emptyBlockDelayMs === undefined ? {} : { emptyBlockDelayMs }),
  })
  return { host, begun: () => Atomics.load(blocksBegun, 0) }
}

const run = async (host: ReturnType<typeof idleLedger>['host'], input: BlockInput) =>
  (await host.runSegment(input, committing)) as SegmentOutput

describe('a worker host and empty blocks that keep the state', () => {
  it('answers them itself with what the environment would have answered, and runs them later in one call', async () => {
    const idle = idleLedger()
    const reference = idleLedger({ emptyBlocksKeepState: false })
    try {
      const transfer = ledgerTransaction('idle', { sender: testAddress(1), nonce: 0, gasLimit: 50_000, op: 'transfer', to: testAddress(2), amount: '7' })
      const first = { context: testContext(1n), deliveries: [], transactions: [transfer] }
      expect(await run(idle.host, first)).toEqual(await run(reference.host, first))
      for (let height = 2n; height <= 11n; height++) {
        expect(await run(idle.host, empty(height))).toEqual(await run(reference.host, empty(height)))
      }
      expect(reference.begun()).toBe(11)
      // Ten blocks answered, none run yet: the worker was not woken for them.
      expect(idle.begun()).toBe(1)
      expect(await idle.host.call('head')).toEqual(await reference.host.call('head'))
      expect(idle.begun()).toBe(11)
    } finally {
      await Promise.all([idle.host.close(), reference.host.close()])
    }
  })

  it('runs owed blocks after a short delay without any call, and before a block with work', async () => {
    const idle = idleLedger()
    try {
      await run(idle.host, empty(1n))
      for (let height = 2n; height <= 4n; height++) await run(idle.host, empty(height))
      expect(idle.begun()).toBe(1)
      await expect.poll(() => idle.begun(), { timeout: 5_000 }).toBe(4)
      await run(idle.host, empty(5n))
      const transfer = ledgerTransaction('idle', { sender: testAddress(1), nonce: 0, gasLimit: 50_000, op: 'transfer', to: testAddress(2), amount: '7' })
      const output = await run(idle.host, { context: testContext(6n), deliveries: [], transactions: [transfer] })
      expect(output.committed?.height).toBe(6n)
      expect(output.receipts.map((receipt) => receipt.status)).toEqual(['ok'])
      expect(idle.begun()).toBe(6)
    } finally {
      await idle.host.close()
    }
  })

  it('sends 256 owed blocks at once, without waiting for the delay or a call', async () => {
    const idle = idleLedger({}, 600_000)
    try {
      await run(idle.host, empty(1n))
      for (let height = 2n; height <= 256n; height++) await run(idle.host, empty(height))
      expect(idle.begun()).toBe(1)
      await run(idle.host, empty(257n))
      await expect.poll(() => idle.begun(), { timeout: 20_000 }).toBe(257)
    } finally {
      await idle.host.close()
    }
  })

  it('runs them again in a restarted worker when the worker dies catching up', async () => {
    const idle = idleLedger({ exitOnceAtHeight: 4n })
    try {
      await run(idle.host, empty(1n))
      for (let height = 2n; height <= 6n; height++) await run(idle.host, empty(height))
      const failure = await idle.host.call('head').catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(EnvironmentHostError)
      expect((failure as EnvironmentHostError).failure).toBe('crashed')
      await idle.host.restart()
      expect((await idle.host.call('head')).height).toBe(6n)
      // 1, 2, 3 and the 4 that exited, then 4, 5, 6 in the new worker.
      expect(idle.begun()).toBe(7)
    } finally {
      await idle.host.close()
    }
  })

  it('catches an environment whose empty blocks change its state, though it says they do not', async () => {
    const idle = idleLedger({ driftInEmptyBlocks: true })
    try {
      await run(idle.host, empty(1n))
      await run(idle.host, empty(2n))
      await expect(idle.host.call('head')).rejects.toThrow(/changed in the empty block 2/)
    } finally {
      await idle.host.close()
    }
  })

  it('runs every block of an environment that does not declare it', async () => {
    const busy = idleLedger({ emptyBlocksKeepState: false })
    try {
      for (let height = 1n; height <= 3n; height++) await run(busy.host, empty(height))
      expect(busy.begun()).toBe(3)
    } finally {
      await busy.host.close()
    }
  })
})
