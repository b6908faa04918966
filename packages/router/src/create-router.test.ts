import {
  BlockPhaseError,
  InvalidArgumentError,
  NotFoundError,
  type InboundDelivery,
  type SentMessage,
} from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { combineStateRoots } from './combine-state-roots.js'
import { createRouter, ENVIRONMENT_QUERY } from './create-router.js'
import { createLedgerEnvironment } from './__fixtures__/ledger-environment.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

const alice = testAddress(1)
const bob = testAddress(2)
const counter = testAddress(0xc0)
const genesis = { [alice]: 1_000n }
const call = (environment: string, nonce: number) =>
  ledgerTransaction(environment, { sender: alice, nonce, gasLimit: 100_000, op: 'call', to: counter })
const send = (environment: string, nonce: number, destination: string, amount: string) =>
  ledgerTransaction(environment, {
    sender: alice,
    nonce,
    gasLimit: 100_000,
    op: 'send',
    destination,
    receiver: bob,
    amount,
  })
const transferMessage = (source: string, destination: string, amount: bigint, sequence = 1n): SentMessage => ({
  source,
  destination,
  sequence,
  timeoutHeight: 100n,
  originTransaction: `0x${'11'.repeat(32)}`,
  body: { kind: 'asset_transfer', denom: 'unit', amount, sender: alice, receiver: bob, memo: '' },
})

describe(createRouter.name, () => {
  it('routes transactions by environment and keeps input order and per-environment indexes', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [call('beta', 0), call('alpha', 0), call('beta', 1)],
    })
    expect(output.receipts.map((receipt) => [receipt.environment, receipt.index, receipt.status])).toEqual([
      ['beta', 0, 'ok'],
      ['alpha', 0, 'ok'],
      ['beta', 1, 'ok'],
    ])
    await router.commit()
    const counterOf = (id: string) =>
      router.environment(id).query({ method: 'extension', name: 'counter', params: [counter] })
    expect(await counterOf('alpha')).toBe(1n)
    expect(await counterOf('beta')).toBe(2n)
  })

  it('rejects a transaction for an unknown environment with a precise reason and affects nothing else', async () => {
    const router = await ledgerRouter(['alpha'], genesis)
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [call('gamma', 0), call('alpha', 0)],
    })
    expect(output.receipts[0]).toMatchObject({ environment: 'gamma', status: 'rejected', gasUsed: 0n })
    expect(output.receipts[0]?.reason).toBe('unknown environment "gamma": router "router" routes to "alpha"')
    expect(output.receipts[1]).toMatchObject({ environment: 'alpha', index: 0, status: 'ok' })
    expect((await router.checkTransaction(call('gamma', 0))).status).toBe('rejected')
  })

  it('orders messages by environment id, combines roots, sums gas and supply, and reports each environment', async () => {
    const router = await ledgerRouter(['beta', 'alpha'], genesis)
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [send('beta', 0, 'alpha', '7'), send('alpha', 0, 'beta', '3'), send('beta', 1, 'alpha', '9')],
    })
    const { end } = output
    expect(end.messages.map((message) => [message.destination, (message.body as { amount: bigint }).amount])).toEqual([
      ['beta', 3n],
      ['alpha', 7n],
      ['alpha', 9n],
    ])
    expect(Object.keys(end.environments)).toEqual(['alpha', 'beta'])
    expect(end.stateRoot).toBe(
      combineStateRoots({
        alpha: end.environments.alpha?.end.stateRoot ?? '0x',
        beta: end.environments.beta?.end.stateRoot ?? '0x',
      }),
    )
    expect(end.supply).toEqual({ unit: 2_000n - 19n })
    expect(end.gasUsed).toBe(63_000n)
    const head = await router.commit()
    expect(head).toEqual({ height: 1n, stateRoot: end.stateRoot })
    expect(await router.head()).toEqual(head)
  })

  it('delivers a message to its destination and an acknowledgement or timeout back to its source', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    const message = transferMessage('alpha', 'beta', 40n)
    const deliveries: InboundDelivery[] = [
      { kind: 'message', message },
      {
        kind: 'acknowledgement',
        message: transferMessage('beta', 'alpha', 5n),
        acknowledgement: { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: 'no' },
      },
      { kind: 'timeout', message: transferMessage('alpha', 'beta', 6n, 2n) },
    ]
    const output = await router.runBlock({ context: testContext(1n), deliveries, transactions: [] })
    expect(
      output.deliveries.map((result) => [result.status, result.acknowledgement?.success, result.refunded]),
    ).toEqual([
      ['ok', true, undefined],
      ['ok', undefined, 5n],
      ['ok', undefined, 6n],
    ])
    await router.commit()
    // The message credited bob in beta; the failed ack refunded alice in beta; the timeout refunded alice in alpha.
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(40n)
    expect(await router.environment('beta').query({ method: 'balance', address: alice })).toBe(1_005n)
    expect(await router.environment('alpha').query({ method: 'balance', address: alice })).toBe(1_006n)
  })

  it('refuses a delivery to an unknown environment without applying or acknowledging it (it times out and refunds)', async () => {
    const router = await ledgerRouter(['alpha'], genesis)
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [{ kind: 'message', message: transferMessage('alpha', 'nowhere', 1n) }],
      transactions: [call('alpha', 0)],
    })
    expect(output.deliveries[0]).toEqual({
      status: 'rejected',
      reason: 'unknown environment "nowhere": router "router" routes to "alpha"',
      gasUsed: 0n,
      events: [],
    })
    expect(output.receipts[0]?.status).toBe('ok')
  })

  it('enforces message permissions at delivery and reports refused messages at the end of the block', async () => {
    const router = await ledgerRouter(['alpha', 'beta', 'gamma'], genesis, {
      perEnvironment: {
        alpha: { permissions: { sendAssets: false } },
        beta: { permissions: { destinations: ['gamma'] } },
      },
    })
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [send('alpha', 0, 'beta', '1'), send('beta', 0, 'alpha', '2'), send('beta', 1, 'gamma', '3')],
    })
    expect(output.end.environments.alpha?.refusedMessages).toEqual([
      { index: 0, reason: 'environment "alpha" may not send asset transfers' },
    ])
    expect(output.end.environments.beta?.refusedMessages).toEqual([
      { index: 0, reason: 'environment "beta" may not send to environment "alpha"' },
    ])
    // The messages stay in the block: their value is in flight until the refusal refunds it.
    expect(output.end.messages).toHaveLength(3)
    await router.commit()
    const next = await router.runBlock({
      context: testContext(2n),
      deliveries: [
        { kind: 'message', message: transferMessage('alpha', 'beta', 1n) },
        { kind: 'message', message: transferMessage('beta', 'alpha', 2n) },
        { kind: 'message', message: transferMessage('beta', 'gamma', 3n) },
      ],
      transactions: [],
    })
    expect(next.deliveries.map((result) => [result.status, result.acknowledgement?.success, result.reason])).toEqual([
      ['rejected', false, 'message refused: environment "alpha" may not send asset transfers'],
      ['rejected', false, 'message refused: environment "beta" may not send to environment "alpha"'],
      ['ok', true, undefined],
    ])
    await router.commit()
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(0n)
    expect(await router.environment('gamma').query({ method: 'balance', address: bob })).toBe(3n)
  })

  it('refuses a deployment from an account not on the deployer allow-list before execution', async () => {
    const router = await ledgerRouter(['alpha'], genesis, {
      perEnvironment: {
        alpha: { permissions: { deployers: [bob.toUpperCase().replace('0X', '0x') as `0x${string}`] } },
      },
    })
    const deploy = (sender: `0x${string}`) =>
      ledgerTransaction('alpha', { sender, nonce: 0, gasLimit: 100_000, op: 'deploy' })
    expect((await router.checkTransaction(deploy(alice))).reason).toBe(
      `deployer ${alice} is not on the deployer allow-list of environment "alpha"`,
    )
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [deploy(alice), deploy(bob), call('alpha', 1)],
    })
    expect(output.receipts.map((receipt) => [receipt.status, receipt.index, receipt.gasUsed])).toEqual([
      ['rejected', 0, 0n],
      ['ok', 1, 21_000n],
      ['ok', 2, 21_000n],
    ])
    expect(output.receipts[0]?.reason).toMatch(/deployer allow-list/)
    expect(output.receipts[1]?.contractAddress).toMatch(/^0x[0-9a-f]{40}$/)
  })

  it('pauses an environment: its transactions are rejected, messages to it wait, it stays in step; resume lets them in', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    router.pause('beta', 'incident 7')
    const held: InboundDelivery = { kind: 'message', message: transferMessage('alpha', 'beta', 4n) }
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [held],
      transactions: [call('beta', 0), call('alpha', 0)],
    })
    expect(output.receipts[0]).toMatchObject({ status: 'rejected', reason: 'environment "beta" is paused: incident 7' })
    expect(output.receipts[1]?.status).toBe('ok')
    expect(output.deliveries[0]?.status).toBe('rejected')
    expect(output.deliveries[0]?.acknowledgement).toBeUndefined()
    expect(output.deliveries[0]?.reason).toMatch(/paused \(incident 7\); the delivery waits/)
    expect(output.end.heldDeliveries).toEqual([held])
    expect((await router.submit(call('beta', 0))).reason).toBe('environment "beta" is paused: incident 7')
    expect(router.telemetry().environments.find((entry) => entry.id === 'beta')).toMatchObject({
      status: 'paused',
      detail: 'incident 7',
      waitingDeliveries: 1,
    })
    expect((await router.environment('beta').health()).status).toBe('paused')
    await router.commit()
    router.resume('beta')
    const resumed = await router.runBlock({
      context: testContext(2n),
      deliveries: [held],
      transactions: [call('beta', 0)],
    })
    expect(resumed.deliveries[0]?.status).toBe('ok')
    expect(resumed.receipts[0]?.status).toBe('ok')
    expect(router.telemetry().environments.find((entry) => entry.id === 'beta')?.waitingDeliveries).toBe(0)
    expect((await router.commit()).height).toBe(2n)
    expect(router.telemetry().events.map((event) => event.kind)).toEqual(['paused', 'resumed'])
  })

  it('gives the same receipts and roots step by step as with runBlock', async () => {
    const transactions = [send('alpha', 0, 'beta', '5'), call('beta', 0), call('gamma', 0), call('alpha', 1)]
    const deliveries: InboundDelivery[] = [{ kind: 'message', message: transferMessage('alpha', 'beta', 8n) }]
    const whole = await ledgerRouter(['alpha', 'beta'], genesis)
    const stepped = await ledgerRouter(['alpha', 'beta'], genesis)
    const batch = await whole.runBlock({ context: testContext(1n), deliveries, transactions })
    await stepped.beginBlock(testContext(1n))
    const delivered = await stepped.deliver(deliveries)
    const receipts = await stepped.execute(transactions)
    const end = await stepped.endBlock()
    expect(delivered).toEqual(batch.deliveries)
    expect(receipts).toEqual(batch.receipts)
    expect(end.stateRoot).toBe(batch.end.stateRoot)
    expect(end.messages).toEqual(batch.end.messages)
    expect(await stepped.commit()).toEqual(await whole.commit())
  })

  it('runs and commits a block in one call with the same receipts, roots and head as runBlock then commit', async () => {
    const transactions = [send('alpha', 0, 'beta', '5'), call('beta', 0), call('alpha', 1)]
    const deliveries: InboundDelivery[] = [{ kind: 'message', message: transferMessage('alpha', 'beta', 8n) }]
    const separate = await ledgerRouter(['alpha', 'beta'], genesis)
    const folded = await ledgerRouter(['alpha', 'beta'], genesis)
    const genesisHead = await folded.head()
    const batch = await separate.runBlock({ context: testContext(1n), deliveries, transactions })
    const committed = await separate.commit()
    const once = await folded.runAndCommitBlock({ context: testContext(1n), deliveries, transactions })
    expect(once).toEqual(batch)
    expect(await folded.head()).toEqual(committed)
    expect((await folded.environment('beta').head()).height).toBe(1n)
    // Committed: the next block follows at once, and refusing a block afterwards is a rollback.
    await expect(folded.commit()).rejects.toBeInstanceOf(BlockPhaseError)
    await folded.runAndCommitBlock({ context: testContext(2n), deliveries: [], transactions: [call('beta', 1)] })
    expect(await folded.rollback(1n)).toEqual(committed)
    expect(await folded.rollback(0n)).toEqual(genesisHead)
  })

  it('keeps receipt indexes counting across several execute calls in one block', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    router.pause('beta')
    await router.beginBlock(testContext(1n))
    const first = await router.execute([call('alpha', 0), call('beta', 0)])
    const second = await router.execute([call('beta', 1), call('alpha', 1), call('zeta', 0)])
    expect([...first, ...second].map((receipt) => [receipt.environment, receipt.index, receipt.status])).toEqual([
      ['alpha', 0, 'ok'],
      ['beta', 0, 'rejected'],
      ['beta', 1, 'rejected'],
      ['alpha', 1, 'ok'],
      ['zeta', 0, 'rejected'],
    ])
  })

  it('counts per-environment telemetry as plain data', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    await router.runBlock({
      context: testContext(1n),
      deliveries: [{ kind: 'message', message: transferMessage('beta', 'alpha', 1n) }],
      transactions: [
        call('alpha', 0),
        ledgerTransaction('alpha', {
          sender: alice,
          nonce: 1,
          gasLimit: 30_000,
          op: 'fail',
          to: counter,
          status: 'trapped',
        }),
      ],
    })
    await router.commit()
    const [alpha, beta] = router.telemetry().environments
    expect(alpha).toMatchObject({
      id: 'alpha',
      hosting: 'in-process',
      status: 'healthy',
      blocks: 1,
      transactions: 2,
      deliveries: 1,
      gasUsed: 51_000n,
      outcomes: { ok: 1, reverted: 0, out_of_gas: 0, trapped: 1, rejected: 0, timed_out: 0 },
      queueDepth: 0,
      restarts: 0,
      weight: 1,
    })
    expect(alpha?.lastSegmentMs).toBeGreaterThan(0)
    expect(beta).toMatchObject({ blocks: 1, transactions: 0, gasUsed: 0n })
    expect(router.telemetry().contracts).toEqual([
      { environment: 'alpha', contract: counter, recentFailures: 1, totalFailures: 1 },
    ])
    expect(
      JSON.parse(
        JSON.stringify(router.telemetry(), (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
      ),
    ).toHaveProperty('events')
  })

  it('drops the segment of an in-process environment that throws a non-Bulkhead error, and the others commit', async () => {
    const inner = await createLedgerEnvironment({ id: 'buggy', genesis })
    let explode = true
    const buggy = {
      ...inner,
      runBlock: async (input: Parameters<typeof inner.runBlock>[0]) => {
        if (explode && input.transactions.length > 0) {
          explode = false
          await inner.beginBlock(input.context)
          throw new TypeError('bug in the adapter')
        }
        return inner.runBlock(input)
      },
    }
    const router = createRouter({
      environments: [
        { id: 'buggy', environment: buggy },
        { id: 'alpha', environment: await createLedgerEnvironment({ id: 'alpha', genesis }) },
      ],
    })
    const output = await router.runBlock({
      context: testContext(1n),
      deliveries: [],
      transactions: [call('buggy', 0), call('alpha', 0)],
    })
    expect(output.receipts.map((receipt) => receipt.status)).toEqual(['rejected', 'ok'])
    expect(output.receipts[0]?.reason).toMatch(
      /^environment "buggy" threw: TypeError: bug in the adapter; the segment was dropped/,
    )
    expect(output.end.environments.buggy?.status).toBe('rejected')
    expect((await router.commit()).height).toBe(1n)
    expect(router.telemetry().environments.find((entry) => entry.id === 'buggy')?.restarts).toBe(1)
    const next = await router.runBlock({ context: testContext(2n), deliveries: [], transactions: [call('buggy', 0)] })
    expect(next.receipts[0]?.status).toBe('ok')
  })

  it('routes queries by environment', async () => {
    const router = await ledgerRouter(['alpha'], genesis)
    expect(
      await router.query({
        method: 'extension',
        name: ENVIRONMENT_QUERY,
        params: ['alpha', { method: 'balance', address: alice }],
      }),
    ).toBe(1_000n)
    expect(await router.environment('alpha').query({ method: 'balance', address: alice })).toBe(1_000n)
    await expect(router.query({ method: 'balance', address: alice })).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(() => router.environment('nope')).toThrow(NotFoundError)
    expect(router.environment('alpha').hosting).toBe('in-process')
  })

  it('fans commit and rollback out, and rolls back to an older committed height', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], genesis)
    const genesisHead = await router.head()
    await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [call('alpha', 0)] })
    const first = await router.commit()
    await router.runBlock({ context: testContext(2n), deliveries: [], transactions: [call('beta', 0)] })
    expect(await router.rollback()).toEqual(first)
    await router.runBlock({ context: testContext(2n), deliveries: [], transactions: [call('beta', 0)] })
    await router.commit()
    expect(await router.rollback(0n)).toEqual(genesisHead)
    expect((await router.environment('beta').head()).height).toBe(0n)
    await expect(router.rollback(9n)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('throws BlockPhaseError for calls in the wrong phase or at the wrong height', async () => {
    const router = await ledgerRouter(['alpha'], genesis)
    await expect(router.commit()).rejects.toBeInstanceOf(BlockPhaseError)
    await expect(
      router.runBlock({ context: testContext(2n), deliveries: [], transactions: [] }),
    ).rejects.toBeInstanceOf(BlockPhaseError)
    await expect(router.execute([])).rejects.toBeInstanceOf(BlockPhaseError)
    await router.beginBlock(testContext(1n))
    await router.execute([call('alpha', 0)])
    await expect(router.deliver([])).rejects.toBeInstanceOf(BlockPhaseError)
    expect((await router.endBlock()).height).toBe(1n)
    await router.rollback()
    await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [] })
    await expect(
      router.runBlock({ context: testContext(2n), deliveries: [], transactions: [] }),
    ).rejects.toBeInstanceOf(BlockPhaseError)
    // Two blocks at once: exactly one wins.
    await router.rollback()
    const racing = await Promise.allSettled([
      router.runBlock({ context: testContext(1n), deliveries: [], transactions: [] }),
      router.runBlock({ context: testContext(1n), deliveries: [], transactions: [] }),
    ])
    expect(racing.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    // ... and the loser did not disturb the winner's block.
    expect((await router.commit()).height).toBe(1n)
  })

  it('validates its options', async () => {
    const alpha = await createLedgerEnvironment({ id: 'alpha' })
    expect(() => createRouter({ environments: [] })).toThrow(InvalidArgumentError)
    expect(() =>
      createRouter({
        environments: [
          { id: 'alpha', environment: alpha },
          { id: 'alpha', environment: alpha },
        ],
      }),
    ).toThrow(/configured twice/)
    expect(() => createRouter({ environments: [{ id: 'beta', environment: alpha }] })).toThrow(/whose id is "alpha"/)
    expect(() => createRouter({ environments: [{ id: 'alpha' }] })).toThrow(/exactly one of/)
    expect(() => createRouter({ environments: [{ id: 'alpha', environment: alpha, weight: 0 }] })).toThrow(
      /positive integer/,
    )
    expect(() => createRouter({ environments: [{ id: 'Bad', environment: alpha }] })).toThrow(
      /not a valid environment id/,
    )
  })

  it('fills defaults without overwriting what the caller gave', async () => {
    const options = { environments: [{ id: 'alpha', environment: await createLedgerEnvironment({ id: 'alpha' }) }] }
    const router = createRouter(options)
    expect(router.id).toBe('router')
    expect(router.vm).toBe('router')
    expect(router.limits.blockGasLimit).toBe(30_000_000n)
    expect(Object.keys(options)).toEqual(['environments'])
    expect(createRouter({ ...options, id: 'mesh', blockGasLimit: 5n }).limits.blockGasLimit).toBe(5n)
    expect(createRouter({ ...options, id: 'mesh' }).id).toBe('mesh')
  })

  it('reports health and refuses calls after close', async () => {
    const router = await ledgerRouter(['alpha'], genesis)
    expect((await router.health()).status).toBe('healthy')
    await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [] })
    const head = await router.commit()
    await router.close()
    expect(await router.health()).toEqual({ status: 'stopped', head, detail: 'closed' })
    await expect(router.head()).rejects.toMatchObject({ code: 'ENVIRONMENT_CLOSED' })
  })
})
