import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonical } from './canonical.js'

describe(canonical.name, () => {
  it('renders bigints and bytes, and ignores key order and undefined fields', () => {
    expect(canonical({ b: 1n, a: Uint8Array.of(0xab), c: undefined })).toBe('{"a":"b:0xab","b":"n:1"}')
    expect(canonical({ a: 1, b: [2n] })).toBe(canonical({ b: [2n], a: 1 }))
  })

  it('tells apart a bigint from its decimal string and bytes from their hex', () => {
    expect(canonical(1n)).not.toBe(canonical(1))
    expect(canonical({ x: 1n })).not.toBe(canonical({ x: 2n }))
    expect(canonical('1n')).not.toBe(canonical(1n))
    expect(canonical('0xab')).not.toBe(canonical(Uint8Array.of(0xab)))
  })
})

describe(`${canonical.name} (property)`, () => {
  // The determinism and runBlock cases trust canonical() to say "same" only for equal values.
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.bigInt(), fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.uint8Array({ maxLength: 4 })),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 3, noNullPrototype: true })),
  })).node

  it('gives equal strings exactly for structurally equal values', () => {
    fc.assert(
      fc.property(value, value, (left, right) => {
        expect(canonical(left) === canonical(right)).toBe(isDeepStrictEqual(left, right))
      }),
    )
  })
})
