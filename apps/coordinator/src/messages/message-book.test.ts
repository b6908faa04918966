import type { Acknowledgement, DeliveryResult, Hash, InboundDelivery, OutboundMessage } from '@bulkhead/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkConservation } from '../ledger/conservation-ledger.js'
import { createMessageBook, type EnvironmentOutbox } from './message-book.js'

const origin = `0x${'ab'.repeat(32)}` as Hash
const alice = `0x${'aa'.repeat(20)}` as const
const bob = `0x${'bb'.repeat(20)}` as const

function transfer(destination: string, amount: bigint, timeoutHeight = 0n): OutboundMessage {
  return {
    destination,
    timeoutHeight,
    originTransaction: origin,
    body: { kind: 'asset_transfer', denom: 'wei', amount, sender: alice, receiver: bob, memo: '' },
  }
}

const success: Acknowledgement = { kind: 'acknowledgement', success: true, result: new Uint8Array(0), error: '' }
const failure: Acknowledgement = { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: 'receiver refused' }
const applied = (acknowledgement?: Acknowledgement): DeliveryResult => ({
  status: acknowledgement?.success === false ? 'reverted' : 'ok',
  gasUsed: 0n,
  events: [],
  ...(acknowledgement === undefined ? {} : { acknowledgement }),
})
const dropped: DeliveryResult = { status: 'timed_out', reason: 'segment dropped', gasUsed: 0n, events: [] }
const never = () => false

describe(createMessageBook.name, () => {
  it('numbers each channel from 1 without gaps, in canonical order whatever order outboxes arrive in', () => {
    const book = createMessageBook({ defaultTimeout: 10n })
    const outboxes: EnvironmentOutbox[] = [
      { source: 'wasm', messages: [transfer('evm', 1n)] },
      { source: 'evm', messages: [transfer('wasm', 2n), transfer('wasm', 3n), transfer('counter', 4n)] },
    ]
    const update = book.settleBlock(1n, [], [], outboxes)
    expect(update.committed.map((message) => `${message.source}/${message.destination}/${message.sequence}`)).toEqual([
      'evm/counter/1',
      'evm/wasm/1',
      'evm/wasm/2',
      'wasm/evm/1',
    ])
    expect(update.committed[0]?.timeoutHeight).toBe(11n) // height + default timeout
    book.apply(update)
    const next = book.settleBlock(2n, [], [], [{ source: 'evm', messages: [transfer('wasm', 5n)] }])
    expect(next.committed[0]?.sequence).toBe(3n)
    expect(book.inFlight().get('wei')).toBe(10n)
  })

  it('delivers, acknowledges and settles a transfer, committing the acknowledgement envelope', () => {
    const book = createMessageBook({ defaultTimeout: 10n })
    book.apply(book.settleBlock(1n, [], [], [{ source: 'evm', messages: [transfer('wasm', 7n)] }]))

    const deliveries = book.planDeliveries(2n, never)
    expect(deliveries.map((delivery) => delivery.kind)).toEqual(['message'])
    const delivered = book.settleBlock(2n, deliveries, [applied(success)], [])
    expect(book.inFlight(delivered).get('wei') ?? 0n).toBe(0n) // minted at the destination
    expect(delivered.committed).toMatchObject([{ source: 'wasm', destination: 'evm', sequence: 1n, body: { kind: 'acknowledgement', success: true } }])
    book.apply(delivered)

    const acks = book.planDeliveries(3n, never)
    expect(acks).toMatchObject([{ kind: 'acknowledgement', acknowledgement: { success: true } }])
    book.apply(book.settleBlock(3n, acks, [applied()], []))
    expect(book.open('evm', 'wasm', 1n)).toBeUndefined()
    expect(book.planDeliveries(4n, never)).toEqual([])
  })

  it('keeps a failed transfer in flight until the source refunds it', () => {
    const book = createMessageBook({ defaultTimeout: 10n })
    book.apply(book.settleBlock(1n, [], [], [{ source: 'evm', messages: [transfer('wasm', 7n)] }]))
    const delivered = book.settleBlock(2n, book.planDeliveries(2n, never), [applied(failure)], [])
    expect(book.inFlight(delivered).get('wei')).toBe(7n)
    book.apply(delivered)
    const refund = book.settleBlock(3n, book.planDeliveries(3n, never), [applied()], [])
    const record = refund.records[0]
    expect(record?.status).toBe('refunded')
    expect(record?.history.map((step) => `${step.status}@${step.height}${step.detail ? `: ${step.detail}` : ''}`)).toEqual([
      'pending@1',
      'delivered@2: receiver refused',
      'refunded@3: receiver refused',
    ])
    expect(book.inFlight(refund).get('wei') ?? 0n).toBe(0n)
  })

  it('redelivers a message whose destination did not apply it, and never delivers one twice', () => {
    const book = createMessageBook({ defaultTimeout: 10n })
    book.apply(book.settleBlock(1n, [], [], [{ source: 'evm', messages: [transfer('wasm', 7n)] }]))
    book.apply(book.settleBlock(2n, book.planDeliveries(2n, never), [dropped], []))
    expect(book.open('evm', 'wasm', 1n)?.status).toBe('pending')
    const again = book.planDeliveries(3n, never)
    expect(again.map((delivery) => delivery.kind)).toEqual(['message'])
    book.apply(book.settleBlock(3n, again, [applied(success)], []))
    expect(book.planDeliveries(4n, never).map((delivery) => delivery.kind)).toEqual(['acknowledgement'])
  })

  it('holds messages for a paused destination, then times them out to the source and refunds', () => {
    const book = createMessageBook({ defaultTimeout: 2n })
    book.apply(book.settleBlock(1n, [], [], [{ source: 'evm', messages: [transfer('wasm', 7n)] }])) // timeout height 3
    const paused = (environment: string) => environment === 'wasm'
    expect(book.planDeliveries(2n, paused)).toEqual([])
    expect(book.planDeliveries(3n, paused)).toEqual([])
    const timeouts = book.planDeliveries(4n, paused)
    expect(timeouts.map((delivery) => delivery.kind)).toEqual(['timeout'])
    const update = book.settleBlock(4n, timeouts, [applied()], [])
    expect(update.records[0]?.history.map((step) => step.status)).toEqual(['pending', 'timed_out', 'refunded'])
    expect(book.inFlight(update).get('wei') ?? 0n).toBe(0n)
  })

  it('resumes from a snapshot exactly where it was', () => {
    const book = createMessageBook({ defaultTimeout: 10n })
    book.apply(book.settleBlock(1n, [], [], [{ source: 'evm', messages: [transfer('wasm', 7n), transfer('wasm', 8n)] }]))
    const resumed = createMessageBook({ defaultTimeout: 10n, snapshot: book.snapshot() })
    expect(resumed.planDeliveries(2n, never)).toEqual(book.planDeliveries(2n, never))
    expect(resumed.settleBlock(2n, [], [], [{ source: 'evm', messages: [transfer('wasm', 1n)] }]).committed[0]?.sequence).toBe(3n)
  })

  it('keeps supply + in flight constant under any mix of sends, outcomes and pauses (exactly once, no gaps)', () => {
    const environments = ['evm', 'wasm', 'counter'] as const
    const operation = fc.record({
      sends: fc.array(fc.record({ from: fc.constantFrom(...environments), to: fc.constantFrom(...environments), amount: fc.bigInt({ min: 1n, max: 1000n }) }), { maxLength: 3 }),
      outcome: fc.array(fc.constantFrom('success', 'failure', 'dropped'), { minLength: 8, maxLength: 8 }),
      paused: fc.subarray([...environments], { maxLength: 1 }),
    })
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (blocks) => {
        const book = createMessageBook({ defaultTimeout: 3n })
        const supply: Record<string, bigint> = { evm: 10_000n, wasm: 10_000n, counter: 10_000n }
        const genesis = new Map([['wei', 30_000n]])
        const deliveredOnce = new Set<string>()
        const sequences = new Map<string, bigint>()
        const run = (height: bigint, block: (typeof blocks)[number] | undefined) => {
          const held = (environment: string) => block?.paused.includes(environment as never) ?? false
          const deliveries = book.planDeliveries(height, held)
          const results = deliveries.map((delivery: InboundDelivery, index): DeliveryResult => {
            const outcome = block?.outcome[index % 8] ?? 'success'
            const body = delivery.message.body
            const amount = body.kind === 'asset_transfer' ? body.amount : 0n
            if (outcome === 'dropped') return dropped
            if (delivery.kind === 'message') {
              const key = `${delivery.message.source}/${delivery.message.destination}/${delivery.message.sequence}`
              expect(deliveredOnce.has(key)).toBe(false)
              deliveredOnce.add(key)
              if (outcome === 'failure') return applied(failure)
              supply[delivery.message.destination] = (supply[delivery.message.destination] as bigint) + amount
              return applied(success)
            }
            const refund = delivery.kind === 'timeout' || !delivery.acknowledgement.success
            if (refund) supply[delivery.message.source] = (supply[delivery.message.source] as bigint) + amount
            return applied()
          })
          const sends = (block?.sends ?? []).filter((send) => send.from !== send.to && (supply[send.from] as bigint) >= send.amount)
          for (const send of sends) supply[send.from] = (supply[send.from] as bigint) - send.amount
          const outboxes = environments.map((source) => ({
            source,
            messages: sends.filter((send) => send.from === source).map((send) => transfer(send.to, send.amount)),
          }))
          const update = book.settleBlock(height, deliveries, results, outboxes)
          for (const message of update.committed) {
            if (message.body.kind === 'acknowledgement') continue
            const channel = `${message.source}/${message.destination}`
            expect(message.sequence).toBe((sequences.get(channel) ?? 0n) + 1n)
            sequences.set(channel, message.sequence)
          }
          checkConservation(
            { genesis, mintedByRule: new Map(), burnedByRule: new Map() },
            environments.map((environment) => ({ environment, supply: { wei: supply[environment] as bigint }, mintedByRule: {}, burnedByRule: {} })),
            book.inFlight(update),
          )
          book.apply(update)
        }
        blocks.forEach((block, index) => run(BigInt(index + 1), block))
        // With nothing paused or dropped any more, everything settles within a timeout and a round trip.
        for (let extra = 0; extra < 6; extra++) run(BigInt(blocks.length + 1 + extra), undefined)
        expect(book.snapshot().open).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
