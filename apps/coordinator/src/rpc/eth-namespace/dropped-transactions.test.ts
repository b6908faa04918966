import { describe, expect, it } from 'vitest'
import { createDroppedTransactions } from './dropped-transactions.js'

describe(createDroppedTransactions.name, () => {
  it('answers the reason by hash in any case, and forgets the oldest beyond its capacity', () => {
    const dropped = createDroppedTransactions(2)
    dropped.note('0xAA', 'nonce gap')
    dropped.note('0xbb', 'fee cap below base fee')
    expect(dropped.reasonFor('0xaa')).toBe('nonce gap')
    dropped.note('0xcc', 'intrinsic gas too low')
    expect(dropped.reasonFor('0xaa')).toBeUndefined()
    expect(dropped.reasonFor('0xBB')).toBe('fee cap below base fee')
    expect(dropped.reasonFor('0xcc')).toBe('intrinsic gas too low')
  })
})
