import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

const counter = testAddress(0xc0)
const call = (environment: string, sender: number, nonce: number) =>
  ledgerTransaction(environment, {
    sender: testAddress(sender),
    nonce,
    gasLimit: 100_000,
    op: 'call',
    to: testAddress(0x100 + nonce),
  })

describe(`${createRouter.name} scheduling`, () => {
  it('shares block gas by weight so a flooded queue cannot starve the others', async () => {
    const router = await ledgerRouter(
      ['flooded', 'quiet'],
      {},
      { blockGasLimit: 1_000_000n, perEnvironment: { flooded: { weight: 3 } } },
    )
    for (let nonce = 0; nonce < 50; nonce++) expect((await router.submit(call('flooded', 1, nonce))).status).toBe('ok')
    for (let nonce = 0; nonce < 3; nonce++) await router.submit(call('quiet', 2, nonce))
    const block = router.takeBlock()
    const byEnvironment = (id: string) => block.filter((transaction) => transaction.environment === id).length
    // flooded gets 750,000 gas (7 txs of 100,000), quiet 250,000 (its 2 of 3).
    expect([byEnvironment('flooded'), byEnvironment('quiet')]).toEqual([7, 2])
    expect(block.map((transaction) => transaction.environment)).toEqual([...Array(7).fill('flooded'), 'quiet', 'quiet'])
    expect(router.telemetry().environments.map((entry) => [entry.id, entry.queueDepth])).toEqual([
      ['flooded', 43],
      ['quiet', 1],
    ])
    expect(router.queuedTransactions()).toBe(44)
    // The block context gets the same gas, so every taken transaction fits its share.
    const output = await router.runBlock({ context: testContext(1n, 1_000_000n), deliveries: [], transactions: block })
    expect(output.receipts.every((receipt) => receipt.status === 'ok')).toBe(true)
    expect(
      router.takeBlock({ gasLimit: 1_000_000n }).filter((transaction) => transaction.environment === 'quiet'),
    ).toHaveLength(1)
    expect(router.queuedTransactions()).toBe(36)
  })

  it('throttles transactions per sender and per contract in each block', async () => {
    const router = await ledgerRouter(
      ['alpha'],
      {},
      { throttles: { maxTransactionsPerSender: 2, maxTransactionsPerContract: 3 } },
    )
    for (let nonce = 0; nonce < 4; nonce++) await router.submit(call('alpha', 1, nonce))
    const shared = (sender: number) =>
      ledgerTransaction('alpha', { sender: testAddress(sender), nonce: 0, gasLimit: 100_000, op: 'call', to: counter })
    for (let sender = 10; sender < 15; sender++) await router.submit(shared(sender))
    const block = router.takeBlock()
    const senders = block.map(
      (transaction) => (JSON.parse(new TextDecoder().decode(transaction.payload)) as { sender: string }).sender,
    )
    expect(senders.filter((sender) => sender === testAddress(1))).toHaveLength(2)
    expect(block).toHaveLength(5)
    expect(router.takeBlock()).toHaveLength(4)
  })

  it('does not queue what its environment or the router rejects, nor take from a paused environment', async () => {
    const router = await ledgerRouter(['alpha'], {})
    const bad = { environment: 'alpha', payload: new TextEncoder().encode('not json') }
    expect((await router.submit(bad)).status).toBe('rejected')
    expect((await router.submit(call('omega', 1, 0))).reason).toMatch(/^unknown environment "omega"/)
    await router.submit(call('alpha', 1, 0))
    router.pause('alpha')
    expect(router.takeBlock()).toEqual([])
    router.resume('alpha')
    expect(router.takeBlock()).toHaveLength(1)
  })

  it('refuses a transaction already queued, and bounds each queue', async () => {
    const router = await ledgerRouter(['alpha'], {}, { throttles: { maxQueueDepth: 2 } })
    expect((await router.submit(call('alpha', 1, 0))).status).toBe('ok')
    const again = await router.submit(call('alpha', 1, 0))
    expect(again.reason).toMatch(/^transaction 0x[0-9a-f]{64} is already queued$/)
    await router.submit(call('alpha', 1, 1))
    expect((await router.submit(call('alpha', 1, 2))).reason).toBe(
      'the queue of environment "alpha" is full (2 transactions)',
    )
    expect(router.takeBlock()).toHaveLength(2)
    // Once taken, the same transaction may be submitted again (the environment's nonce check decides).
    expect((await router.submit(call('alpha', 1, 0))).status).toBe('ok')
  })
})
