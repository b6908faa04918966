import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { createLedgerEnvironment } from './__fixtures__/ledger-environment.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { ledgerWorker } from './__fixtures__/ledger-worker.js'
import { testContext } from './__fixtures__/test-context.js'
import type { RouterEvent } from './telemetry/router-event.js'

const alice = testAddress(1)
const counter = testAddress(0xc0)
const call = (environment: string, nonce: number, work = 0) =>
  ledgerTransaction(environment, { sender: alice, nonce, gasLimit: 100_000, op: 'call', to: counter, work })
const hostile = (op: 'spin' | 'allocate' | 'throw' | 'exit' | 'uncaught', nonce = 99) =>
  ledgerTransaction('hostile', { sender: alice, nonce, gasLimit: 100_000, op, to: counter })

/** A quiet in-process environment next to a hostile one in a worker. */
async function hostileSetup(backstopMs = 1_000) {
  const events: RouterEvent[] = []
  const router = createRouter({
    backstopMs,
    environments: [
      { id: 'quiet', environment: await createLedgerEnvironment({ id: 'quiet', genesis: { [alice]: 1_000n } }) },
      { id: 'hostile', worker: ledgerWorker({ id: 'hostile', hostile: true }, { maxOldGenerationSizeMb: 48 }) },
    ],
    onEvent: (event) => events.push(event),
  })
  // Block 1 commits something in the hostile environment, so "its root" is not genesis.
  await router.runBlock({
    context: testContext(1n),
    deliveries: [],
    transactions: [call('quiet', 0), call('hostile', 0)],
  })
  await router.commit()
  const before = await router.environment('hostile').head()
  return { router, events, before }
}

const causes = {
  spin: /overran the 1000 ms wall-clock backstop in runSegment/,
  allocate: /crashed: .*out of memory/i,
  throw: /threw Error: hostile environment threw on purpose/,
  exit: /exited with code 3/,
  uncaught: /crashed: hostile environment threw from a callback/,
} as const

describe(`${createRouter.name} with a hostile worker-hosted environment`, () => {
  it.each([
    ['spin', 'timed_out'],
    ['allocate', 'rejected'],
    ['throw', 'rejected'],
    ['exit', 'rejected'],
    ['uncaught', 'rejected'],
  ] as const)('%s: its segment ends %s, it restarts from its root, the quiet one commits', async (op, status) => {
    // Only the spin needs the backstop; the others must fail on their own even on a loaded machine.
    const { router, events, before } = await hostileSetup(op === 'spin' ? 1_000 : 20_000)
    try {
      const output = await router.runBlock({
        context: testContext(2n),
        deliveries: [],
        transactions: [call('quiet', 1), hostile(op), call('hostile', 2)],
      })
      expect(output.receipts.map((receipt) => [receipt.environment, receipt.status])).toEqual([
        ['quiet', 'ok'],
        ['hostile', status],
        ['hostile', status],
      ])
      expect(output.receipts[1]?.reason).toMatch(/dropped and the environment restarted/)
      expect(output.receipts[1]?.reason).toMatch(causes[op])
      expect(output.end.environments.hostile?.status).toBe(status)
      expect(output.end.environments.hostile?.end.stateRoot).toBe(before.stateRoot)
      expect(output.end.environments.hostile?.end.messages).toEqual([])
      expect(output.end.environments.quiet?.status).toBe('ok')
      const head = await router.commit()
      expect(head.height).toBe(2n)
      expect(await router.environment('quiet').query({ method: 'extension', name: 'counter', params: [counter] })).toBe(
        2n,
      )
      expect(await router.environment('hostile').head()).toEqual({ height: 2n, stateRoot: before.stateRoot })
      expect(events.filter((event) => event.kind === 'restarted')).toMatchObject([
        {
          environment: 'hostile',
          height: 2n,
          failure: status === 'timed_out' ? 'timed_out' : op === 'throw' ? 'threw' : 'crashed',
        },
      ])
      expect(router.telemetry().environments.find((environment) => environment.id === 'hostile')).toMatchObject({
        restarts: 1,
        status: 'degraded',
        detail: expect.stringMatching(causes[op]),
        outcomes: { [status]: 2 },
      })
      expect((await router.health()).status).toBe('degraded')
      expect((await router.environment('hostile').health()).status).toBe('degraded')
      // The restarted worker keeps working.
      const next = await router.runBlock({
        context: testContext(3n),
        deliveries: [],
        transactions: [call('hostile', 3)],
      })
      expect(next.receipts[0]?.status).toBe('ok')
      await router.commit()
      expect((await router.health()).status).toBe('healthy')
      expect(
        await router.environment('hostile').query({ method: 'extension', name: 'counter', params: [counter] }),
      ).toBe(2n)
    } finally {
      await router.close()
    }
  })

  it('runs and commits in one call with a crashing worker: the quiet one commits, the crashed one commits its empty block', async () => {
    const { router, before } = await hostileSetup(20_000)
    try {
      const output = await router.runAndCommitBlock({
        context: testContext(2n),
        deliveries: [],
        transactions: [call('quiet', 1), hostile('exit')],
      })
      expect(output.receipts.map((receipt) => receipt.status)).toEqual(['ok', 'rejected'])
      expect(output.end.environments.hostile?.end.stateRoot).toBe(before.stateRoot)
      expect(await router.environment('quiet').head()).toMatchObject({ height: 2n })
      expect(await router.environment('hostile').head()).toEqual({ height: 2n, stateRoot: before.stateRoot })
      const next = await router.runAndCommitBlock({ context: testContext(3n), deliveries: [], transactions: [call('hostile', 2)] })
      expect(next.receipts[0]?.status).toBe('ok')
      expect((await router.head()).height).toBe(3n)
    } finally {
      await router.close()
    }
  })

  it('describes each environment as it reported itself, worker-hosted or in-process', async () => {
    const { router } = await hostileSetup(20_000)
    try {
      const hosted = await router.environment('hostile').describe()
      const local = await router.environment('quiet').describe()
      expect([hosted.vm, local.vm]).toEqual(['hostile-ledger', 'ledger'])
      expect(hosted.limits).toEqual(local.limits)
      expect(typeof hosted.limits.blockGasLimit).toBe('bigint')
      expect(hosted.capabilities).toEqual(local.capabilities)
    } finally {
      await router.close()
    }
  })

  it('keeps bigint and Uint8Array intact across the worker boundary', async () => {
    const router = createRouter({
      environments: [{ id: 'alpha', worker: ledgerWorker({ id: 'alpha', genesis: { [alice]: 10n ** 30n } }) }],
    })
    try {
      const output = await router.runBlock({
        context: testContext(1n),
        deliveries: [],
        transactions: [call('alpha', 0, 2)],
      })
      expect(output.receipts[0]?.gasUsed).toBe(21_200n)
      expect(output.receipts[0]?.returnData).toBeInstanceOf(Uint8Array)
      expect(output.receipts[0]?.returnData.length).toBe(32)
      expect(output.end.supply).toEqual({ unit: 10n ** 30n })
      await router.commit()
      expect(await router.environment('alpha').query({ method: 'balance', address: alice })).toBe(10n ** 30n)
    } finally {
      await router.close()
    }
  })

  it('gives identical receipts and roots hosted in workers (parallel) or in-process', async () => {
    const transactions = [
      call('alpha', 0, 50),
      ledgerTransaction('beta', {
        sender: alice,
        nonce: 0,
        gasLimit: 50_000,
        op: 'send',
        destination: 'alpha',
        receiver: testAddress(2),
        amount: '5',
      }),
      call('beta', 1, 20),
      ledgerTransaction('alpha', {
        sender: alice,
        nonce: 1,
        gasLimit: 50_000,
        op: 'fail',
        to: counter,
        status: 'trapped',
      }),
    ]
    const genesis = { [alice]: 100n }
    const inWorkers = createRouter({
      environments: [
        { id: 'alpha', worker: ledgerWorker({ id: 'alpha', genesis }) },
        { id: 'beta', worker: ledgerWorker({ id: 'beta', genesis }) },
      ],
    })
    const inProcess = createRouter({
      environments: [
        { id: 'beta', environment: await createLedgerEnvironment({ id: 'beta', genesis }) },
        { id: 'alpha', environment: await createLedgerEnvironment({ id: 'alpha', genesis }) },
      ],
    })
    try {
      const results = []
      for (const router of [inWorkers, inProcess]) {
        const output = await router.runBlock({ context: testContext(1n), deliveries: [], transactions })
        results.push({
          receipts: output.receipts,
          root: output.end.stateRoot,
          messages: output.end.messages,
          head: await router.commit(),
        })
      }
      expect(results[0]).toEqual(results[1])
      expect(results[0]?.receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok', 'ok', 'trapped'])
    } finally {
      await Promise.all([inWorkers.close(), inProcess.close()])
    }
  })
})

describe(`${createRouter.name} step by step with a failing worker`, () => {
  it('aborts the block, restarts the worker and returns every environment to its head', async () => {
    const { router, before } = await hostileSetup(1_000)
    try {
      await router.beginBlock(testContext(2n))
      await router.deliver([])
      const failure = await router.execute([call('quiet', 1), hostile('spin')]).catch((error: unknown) => error)
      expect(failure).toMatchObject({ code: 'ENVIRONMENT_HOST', environment: 'hostile', failure: 'timed_out' })
      expect(await router.environment('hostile').head()).toEqual(before)
      expect((await router.environment('quiet').head()).height).toBe(1n)
      const output = await router.runBlock({
        context: testContext(2n),
        deliveries: [],
        transactions: [call('quiet', 1), call('hostile', 1)],
      })
      expect(output.receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok'])
      expect((await router.commit()).height).toBe(2n)
    } finally {
      await router.close()
    }
  })

  it('reports an environment whose factory fails as a host error', async () => {
    const router = createRouter({
      environments: [{ id: 'alpha', worker: { ...ledgerWorker({ id: 'alpha' }), export: 'missing' } }],
    })
    try {
      await expect(router.head()).rejects.toMatchObject({ code: 'ENVIRONMENT_HOST', failure: 'threw' })
    } finally {
      await router.close()
    }
  })
})
