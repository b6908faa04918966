import { keccak256 } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createAdmissionCache } from './admission-cache.js'
import type { DecodedTransaction } from './decode-transaction.js'

const decoded = (hash: string) => ({ ok: true, hash }) as unknown as DecodedTransaction

describe(createAdmissionCache.name, () => {
  it('hands an admitted transaction out once, only for the same bytes', () => {
    const cache = createAdmissionCache(keccak256)
    cache.remember(Uint8Array.of(1, 2), decoded('0xa'))
    expect(cache.take(Uint8Array.of(1, 3))).toBeUndefined()
    expect(cache.take(Uint8Array.of(1, 2))?.hash).toBe('0xa')
    expect(cache.take(Uint8Array.of(1, 2))).toBeUndefined()
  })

  it('forgets the oldest entry beyond its capacity', () => {
    const cache = createAdmissionCache(keccak256, 2)
    cache.remember(Uint8Array.of(1), decoded('0x1'))
    cache.remember(Uint8Array.of(2), decoded('0x2'))
    cache.remember(Uint8Array.of(3), decoded('0x3'))
    expect(cache.take(Uint8Array.of(1))).toBeUndefined()
    expect(cache.take(Uint8Array.of(3))?.hash).toBe('0x3')
  })
})
