import fc from 'fast-check'
import type { TransactionEnvelope } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress, type LedgerTransaction } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

const genesis = { [testAddress(1)]: 500n, [testAddress(2)]: 500n }
const environments = ['alpha', 'beta', 'gamma'] as const

const transactionArbitrary = fc
  .record({
    environment: fc.constantFrom<string>(...environments, 'unknown'),
    sender: fc.constantFrom(testAddress(1), testAddress(2)),
    to: fc.constantFrom(testAddress(0xa), testAddress(0xb)),
    kind: fc.constantFrom('call', 'send', 'fail', 'transfer'),
    amount: fc.integer({ min: 1, max: 300 }),
    destination: fc.constantFrom<string>(...environments),
  })
  .map(({ environment, sender, to, kind, amount, destination }): TransactionEnvelope => {
    const common = { sender, nonce: amount, gasLimit: 60_000 }
    const body: LedgerTransaction =
      kind === 'call'
        ? { ...common, op: 'call', to, work: amount % 5 }
        : kind === 'send'
        ? { ...common, op: 'send', destination, receiver: to, amount: String(amount) }
        : kind === 'fail'
        ? { ...common, op: 'fail', to, status: 'trapped' }
        : { ...common, op: 'transfer', to, amount: String(amount) }
    return ledgerTransaction(environment, body)
  })

/** Reorders `list` across environments while keeping each environment's own order. */
function interleave(list: readonly TransactionEnvelope[], seed: number): TransactionEnvelope[] {
  const queues = new Map<string, TransactionEnvelope[]>()
  for (const transaction of list)
    queues.set(transaction.environment, [...(queues.get(transaction.environment) ?? []), transaction])
  const out: TransactionEnvelope[] = []
  let state = seed
  while (out.length < list.length) {
    const open = [...queues.values()].filter((queue) => queue.length > 0)
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    out.push((open[state % open.length] as TransactionEnvelope[]).shift() as TransactionEnvelope)
  }
  return out
}

describe(`${createRouter.name} routing determinism`, () => {
  it('gives the same receipts per environment, messages and roots whatever the configuration order and interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(transactionArbitrary, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        async (blocks, seed) => {
          const forward = await ledgerRouter(environments, genesis)
          const backward = await ledgerRouter([...environments].reverse(), genesis)
          for (const [position, transactions] of blocks.entries()) {
            const height = BigInt(position + 1)
            const a = await forward.runBlock({ context: testContext(height, 600_000n), deliveries: [], transactions })
            const b = await backward.runBlock({
              context: testContext(height, 600_000n),
              deliveries: [],
              transactions: interleave(transactions, seed),
            })
            const byEnvironment = (receipts: typeof a.receipts) =>
              [...receipts].sort((x, y) =>
                x.environment === y.environment ? x.index - y.index : x.environment < y.environment ? -1 : 1,
              )
            expect(byEnvironment(b.receipts)).toEqual(byEnvironment(a.receipts))
            expect(b.end.messages).toEqual(a.end.messages)
            expect(b.end.stateRoot).toBe(a.end.stateRoot)
            expect(await backward.commit()).toEqual(await forward.commit())
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})
