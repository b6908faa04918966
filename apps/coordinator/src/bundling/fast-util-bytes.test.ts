import * as upstream from '@ethereumjs/util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { outcome } from '../__fixtures__/outcome.js'
import { fastUtilBytes } from './fast-util-bytes.js'

const own = fastUtilBytes(upstream)

/** Byte strings around the 6-byte pieces and the 32-byte limit, with leading zeros. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 14 }),
  fc.uint8Array({ minLength: 30, maxLength: 34 }),
  fc.uint8Array({ maxLength: 33 }).map((tail) => Uint8Array.from([0, 0, ...tail])),
)
/** Values around 2^48, past double precision (2^53) and around 2^256, and negative ones. */
const bigint = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 50n }),
  fc.bigInt({ min: 2n ** 47n, max: 2n ** 49n }),
  fc.bigInt({ min: 2n ** 52n, max: 2n ** 58n }),
  fc.bigInt({ min: 0n, max: 2n ** 264n }),
  fc.bigInt({ min: -(2n ** 60n), max: -1n }),
  fc.constantFrom(0n, 1n, 255n, 256n, 2n ** 48n - 1n, 2n ** 48n, 2n ** 256n - 1n),
)

describe('fast util bytes (the bundled program’s stand-ins in @ethereumjs/util)', () => {
  it('reads bytes as upstream does, big- or little-endian, leaving the input as upstream leaves it', () => {
    fc.assert(
      fc.property(bytes, fc.boolean(), (input, littleEndian) => {
        const mine = input.slice()
        const theirs = input.slice()
        expect(outcome(() => own.bytesToBigInt(mine, littleEndian))).toEqual(outcome(() => upstream.bytesToBigInt(theirs, littleEndian)))
        expect(mine).toEqual(theirs)
      }),
      { numRuns: 2_000 },
    )
  })

  it('writes numbers as upstream does: minimal bytes, unpadded bytes, the same errors', () => {
    fc.assert(
      fc.property(bigint, fc.boolean(), (value, littleEndian) => {
        expect(outcome(() => own.bigIntToBytes(value, littleEndian))).toEqual(outcome(() => upstream.bigIntToBytes(value, littleEndian)))
        expect(outcome(() => own.bigIntToUnpaddedBytes(value))).toEqual(outcome(() => upstream.bigIntToUnpaddedBytes(value)))
      }),
      { numRuns: 2_000 },
    )
  })

  it('pads and truncates as upstream does, returning the input itself when it already fits', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: -1, max: 40 }), fc.boolean(), (input, length, allowTruncate) => {
        for (const side of ['setLengthLeft', 'setLengthRight'] as const) {
          expect(outcome(() => own[side](input, length, { allowTruncate }))).toEqual(outcome(() => upstream[side](input, length, { allowTruncate })))
        }
      }),
      { numRuns: 2_000 },
    )
    const word = new Uint8Array(32)
    expect(own.setLengthLeft(word, 32)).toBe(word)
  })

  it('answers what is not bytes or a bigint as upstream does', () => {
    const notBytes = [1, 2] as unknown as Uint8Array
    expect(outcome(() => own.bytesToBigInt(notBytes))).toEqual(outcome(() => upstream.bytesToBigInt(notBytes)))
    expect(outcome(() => own.setLengthLeft(notBytes, 4))).toEqual(outcome(() => upstream.setLengthLeft(notBytes, 4)))
    const number = 300 as unknown as bigint
    expect(outcome(() => own.bigIntToBytes(number))).toEqual(outcome(() => upstream.bigIntToBytes(number)))
  })
})
