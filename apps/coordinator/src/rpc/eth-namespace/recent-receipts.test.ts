import { describe, expect, it } from 'vitest'
import { createRecentReceipts } from './recent-receipts.js'

const block = (...hashes: string[]) => new Map(hashes.map((hash) => [hash, { hash }]))

describe(createRecentReceipts.name, () => {
  it('answers by hash up to the head, forgets abandoned and old blocks', () => {
    const recent = createRecentReceipts(2)
    recent.add(1n, block('0xA1'))
    recent.add(2n, block('0xa2'))
    expect(recent.get('0xa1', 2n)).toEqual({ hash: '0xA1' })
    // Reverted to 1: block 2's receipt is not answered, and a new block 2 replaces it.
    expect(recent.get('0xa2', 1n)).toBeUndefined()
    recent.add(2n, block('0xb2'))
    expect(recent.get('0xa2', 2n)).toBeUndefined()
    expect(recent.get('0xb2', 2n)).toEqual({ hash: '0xb2' })
    // Only the last two blocks are kept.
    recent.add(3n, block('0xa3'))
    expect(recent.get('0xa1', 3n)).toBeUndefined()
    expect(recent.get('0xb2', 3n)).toEqual({ hash: '0xb2' })
  })
})
