import { createMemoryStore, type Hash } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { openCounterChain } from '../__fixtures__/counter-chain.js'
import type { MessageRecord } from '../messages/message-record.js'
import { replayChain } from '../replay/replay-chain.js'
import { simulateChain } from './simulate-chain.js'

const OPERATIONS = Number(process.env.BULKHEAD_SIMULATION_OPERATIONS ?? 10_000)

/** Runs the simulation, checking exactly-once delivery and gap-free sequences after every block. */
async function run(seed: number) {
  const { node, router } = await openCounterChain(createMemoryStore())
  const lastSequence = new Map<string, bigint>()
  const roots: Hash[] = []
  const stats = await simulateChain(node, {
    seed,
    operations: OPERATIONS,
    nonceOf: (environment, address) => router.environment(environment).query({ method: 'nonce', address }),
    async afterBlock(height) {
      const block = await node.chain.block(height)
      if (block === undefined) throw new Error(`block ${height} was not stored`)
      roots.push(block.hash)
      for (const message of block.messages) {
        if (message.body.kind === 'acknowledgement') continue
        const channel = `${message.source}/${message.destination}`
        expect(message.sequence, `sequence on ${channel}`).toBe((lastSequence.get(channel) ?? 0n) + 1n)
        lastSequence.set(channel, message.sequence)
      }
    },
  })
  const records: MessageRecord[] = []
  for await (const record of node.chain.messages()) records.push(record)
  return { node, stats, roots, records }
}

describe(simulateChain.name, () => {
  it(`keeps conservation, exactly-once delivery and sequences over ${OPERATIONS} seeded operations, identically twice, and replays`, async () => {
    const first = await run(20_261_121)
    expect(first.stats.operations).toBeGreaterThanOrEqual(OPERATIONS)
    expect(first.stats.transfers).toBeGreaterThan(OPERATIONS / 5)
    expect(first.stats.rejected).toBeGreaterThan(0) // the circuit breaker quarantined spinning contracts
    // Every message was delivered at most once and reached exactly one final state.
    for (const record of first.records) {
      const statuses = record.history.map((step) => step.status)
      expect(statuses.filter((status) => status === 'delivered').length).toBeLessThanOrEqual(1)
      expect(statuses.filter((status) => status === 'acknowledged' || status === 'refunded').length).toBeLessThanOrEqual(1)
    }
    const outcomes = new Set(first.records.map((record) => record.status))
    expect(outcomes).toContain('acknowledged')
    expect(outcomes).toContain('refunded') // pauses made some transfers time out

    const second = await run(20_261_121)
    expect(second.roots).toEqual(first.roots)

    const fresh = (await openCounterChain(createMemoryStore())).node
    expect(await replayChain({ source: first.node.chain, toHeight: first.node.head().height, fresh })).toEqual({
      status: 'match',
      blocks: first.node.head().height,
    })
  }, 600_000)
})
