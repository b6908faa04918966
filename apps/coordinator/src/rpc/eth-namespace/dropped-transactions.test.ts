import { describe, expect, it } from 'vitest'
import { createDroppedTransactions } from './dropped-transactions.js'

describe(createDroppedTransactions.name, () => {
  it('answers the reason by hash in any case, and forgets the oldest beyond its capacity', () => {
    const dropped = createDroppedTransactions(4)
    dropped.note('0xAA', 'nonce gap')
    expect(dropped.reasonFor('0xaa')).toBe('nonce gap')
    for (let index = 0; index < 10; index++) dropped.note(`0x${index}`, `reason ${index}`)
    expect(dropped.reasonFor('0xaa')).toBeUndefined()
    expect(dropped.reasonFor('0x8')).toBe('reason 8')
    expect(dropped.reasonFor('0X9')).toBe('reason 9')
  })
})
