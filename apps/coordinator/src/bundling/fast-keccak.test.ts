import { keccak_256 as noble } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keccak_256 } from './fast-keccak.js'

describe('fast Keccak (the bundled program’s stand-in for core’s noble Keccak)', () => {
  it('gives noble’s digest for any input, including across the 136-byte block boundary', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 134, maxLength: 138 })), (data) => {
        expect(keccak_256(data)).toEqual(noble(data))
      }),
      { numRuns: 1_000 },
    )
  })

  it('knows the empty digest, and a result is the caller’s to keep', () => {
    const empty = keccak_256(new Uint8Array(0))
    expect(Buffer.from(empty).toString('hex')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
    keccak_256(Uint8Array.of(1, 2, 3))
    expect(Buffer.from(empty).toString('hex')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })

  it('keeps the shape of noble’s hash function', () => {
    expect(keccak_256.outputLen).toBe(32)
    expect(keccak_256.blockLen).toBe(136)
    expect(keccak_256.create().update(Uint8Array.of(7)).digest()).toEqual(noble(Uint8Array.of(7)))
  })
})
