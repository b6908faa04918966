import { EnvironmentClosedError } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { EnvironmentHostError } from '../errors/environment-host-error.js'
import { ledgerTransaction, testAddress } from '../__fixtures__/ledger-transaction.js'
import { ledgerWorker } from '../__fixtures__/ledger-worker.js'
import { testContext } from '../__fixtures__/test-context.js'
import { createWorkerHost } from './create-worker-host.js'

const noPolicy = { quarantined: {}, deployers: '*' as const, facts: [] }
const hostOf = (source: ReturnType<typeof ledgerWorker>, backstopMs = 1_000) =>
  createWorkerHost({
    id: 'hostile',
    module: source.module,
    export: source.export,
    options: source.options,
    resourceLimits: source.resourceLimits ?? {},
    backstopMs,
    startupTimeoutMs: 10_000,
  })

describe(createWorkerHost.name, () => {
  it('describes the environment it built, with bigint limits intact', async () => {
    const host = hostOf(ledgerWorker({ id: 'hostile', hostile: true }))
    try {
      const description = await host.start()
      expect(description).toMatchObject({
        id: 'hostile',
        vm: 'hostile-ledger',
        limits: { transactionGasLimit: 30_000_000n },
      })
      expect(host.mode).toBe('worker')
    } finally {
      await host.close()
    }
  })

  it('reports a missing factory export', async () => {
    const host = hostOf({ ...ledgerWorker({ id: 'hostile' }), export: 'nope' })
    try {
      await expect(host.start()).rejects.toThrow(/has no function export "nope"/)
    } finally {
      await host.close()
    }
  })

  it('rejects calls in flight when the worker dies, and comes back at the last committed head', async () => {
    const host = hostOf(ledgerWorker({ id: 'hostile', hostile: true }))
    try {
      const call = ledgerTransaction('hostile', {
        sender: testAddress(1),
        nonce: 0,
        gasLimit: 50_000,
        op: 'call',
        to: testAddress(2),
      })
      await host.runSegment({ context: testContext(1n), deliveries: [], transactions: [call] }, noPolicy)
      const committed = await host.call('commit')
      const exit = ledgerTransaction('hostile', { sender: testAddress(1), nonce: 1, gasLimit: 50_000, op: 'exit' })
      const failure = await host
        .runSegment({ context: testContext(2n), deliveries: [], transactions: [exit] }, noPolicy)
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(EnvironmentHostError)
      expect(failure).toMatchObject({ failure: 'crashed', environment: 'hostile', code: 'ENVIRONMENT_HOST' })
      expect((failure as Error).message).toMatch(/exited with code 3/)
      expect(await host.call('head')).toEqual(committed)
    } finally {
      await host.close()
    }
  })

  it('passes errors the environment throws on purpose through with their code', async () => {
    const host = hostOf(ledgerWorker({ id: 'hostile' }))
    try {
      await expect(host.call('commit')).rejects.toMatchObject({ code: 'BLOCK_PHASE', name: 'BlockPhaseError' })
      await expect(host.call('rollback', 5n)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    } finally {
      await host.close()
    }
    await expect(host.call('head')).rejects.toBeInstanceOf(EnvironmentClosedError)
  })

  it('starts the backstop when a call is sent, not while it waits behind a long block', async () => {
    const host = hostOf(ledgerWorker({ id: 'hostile', hostile: true }), 2_000)
    try {
      await host.start()
      const busy = ledgerTransaction('hostile', {
        sender: testAddress(1),
        nonce: 0,
        gasLimit: 50_000,
        op: 'busy',
        ms: 1_100,
      })
      const [segment, queried] = await Promise.all([
        host.runSegment({ context: testContext(1n), deliveries: [], transactions: [busy] }, noPolicy),
        // Sent while the segment runs; together they take 2.2 s, each well under the 2 s backstop.
        host.call('query', { method: 'extension', name: 'busy', params: [1_100] }),
      ])
      expect(segment.end.height).toBe(1n)
      expect(queried).toBe(0n)
    } finally {
      await host.close()
    }
  })

  it('terminates the worker when the environment throws a non-Bulkhead error', async () => {
    const host = hostOf(ledgerWorker({ id: 'hostile', hostile: true }))
    try {
      const thrower = ledgerTransaction('hostile', { sender: testAddress(1), nonce: 0, gasLimit: 50_000, op: 'throw' })
      await expect(
        host.runSegment({ context: testContext(1n), deliveries: [], transactions: [thrower] }, noPolicy),
      ).rejects.toMatchObject({
        failure: 'threw',
        message: expect.stringMatching(/threw Error: hostile environment threw on purpose/),
      })
      await host.restart()
      expect((await host.call('head')).height).toBe(0n)
    } finally {
      await host.close()
    }
  })

  it('refuses options or arguments that cannot cross the thread boundary, leaving the worker alive', async () => {
    const unclonable = hostOf({ ...ledgerWorker({ id: 'hostile' }), options: { id: 'hostile', callback: () => 1 } })
    await expect(unclonable.start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await unclonable.close()
    const host = hostOf(ledgerWorker({ id: 'hostile' }))
    try {
      const bad = { environment: 'hostile', payload: new Uint8Array(0), extra: () => 1 }
      await expect(host.call('checkTransaction', bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      expect((await host.call('head')).height).toBe(0n)
    } finally {
      await host.close()
    }
  })

  it('treats a Node error with a code (not a BulkheadError) as a host failure', async () => {
    const host = hostOf({ ...ledgerWorker({ id: 'hostile' }), module: 'file:///nonexistent/environment.js' })
    try {
      await expect(host.start()).rejects.toMatchObject({
        code: 'ENVIRONMENT_HOST',
        failure: 'threw',
        message: expect.stringMatching(/Cannot find module/),
      })
    } finally {
      await host.close()
    }
  })
})
