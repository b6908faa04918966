import { describe, expect, it } from 'vitest'
import { packSegment, type QueuedTransaction } from './pack-segment.js'

const queued = (name: string, sender: string, to: string | undefined, gasLimit: bigint): QueuedTransaction => ({
  transaction: { environment: 'alpha', payload: new TextEncoder().encode(name) },
  check: {
    status: 'ok',
    sender: sender as `0x${string}`,
    gasLimit,
    ...(to === undefined ? {} : { to: to as `0x${string}` }),
  },
})
const names = (list: readonly QueuedTransaction[]) =>
  list.map((entry) => new TextDecoder().decode(entry.transaction.payload))
const unlimited = { maxTransactionsPerSender: 100, maxTransactionsPerContract: 100 }

describe(packSegment.name, () => {
  it('takes from the front while the gas share lasts', () => {
    const queue = [queued('a', '0x1', '0xc', 40n), queued('b', '0x2', '0xc', 40n), queued('c', '0x3', '0xc', 40n)]
    const packed = packSegment(queue, { gas: 100n, ...unlimited })
    expect(names(packed.taken)).toEqual(['a', 'b'])
    expect(names(packed.kept)).toEqual(['c'])
  })

  it('throttles per sender and per contract', () => {
    const queue = [
      queued('a1', '0x1', '0xc', 1n),
      queued('a2', '0x1', '0xd', 1n),
      queued('b1', '0x2', '0xc', 1n),
      queued('c1', '0x3', '0xc', 1n),
      queued('d1', '0x4', undefined, 1n),
    ]
    const packed = packSegment(queue, { gas: 100n, maxTransactionsPerSender: 1, maxTransactionsPerContract: 2 })
    expect(names(packed.taken)).toEqual(['a1', 'b1', 'd1'])
    expect(names(packed.kept)).toEqual(['a2', 'c1'])
  })

  it('holds back every later transaction of a sender once one is held, so no nonce gap opens', () => {
    const queue = [
      queued('big', '0x1', '0xc', 90n),
      queued('small', '0x1', '0xd', 1n),
      queued('other', '0x2', '0xd', 1n),
    ]
    const packed = packSegment(queue, { gas: 50n, ...unlimited })
    expect(names(packed.taken)).toEqual(['other'])
    expect(names(packed.kept)).toEqual(['big', 'small'])
  })
})
