import * as upstream from '@ethereumjs/rlp'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { outcome } from '../__fixtures__/outcome.js'
import { RLP, decode, decodeViews, encode } from './fast-rlp.js'
import { RLP as trieNodeRLP } from './trie-node-rlp.js'

type Item = Uint8Array | bigint | number | string | null | Item[]

/** Byte strings around every length boundary (1 byte < 0x80, 55/56, long), scalars, nesting. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 3 }),
  fc.uint8Array({ minLength: 54, maxLength: 58 }),
  fc.uint8Array({ minLength: 250, maxLength: 300 }),
  fc.integer({ min: 0, max: 0x7f }).map((byte) => Uint8Array.of(byte)),
)
const scalar = fc.oneof(bytes, bytes, fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.nat(), fc.constant(null), fc.uint8Array({ maxLength: 40 }).map((raw) => `0x${Buffer.from(raw).toString('hex')}`))
const { item } = fc.letrec<{ item: Item }>((tie) => ({
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('item'), { maxLength: 20 })),
}))

describe('fast RLP (the bundled program’s stand-in for @ethereumjs/rlp)', () => {
  it('encodes every value to the same bytes as upstream, and decodes them to the same values', () => {
    fc.assert(
      fc.property(item, (value) => {
        const encoded = upstream.encode(value)
        expect(encode(value)).toEqual(encoded)
        expect(decode(encoded)).toEqual(upstream.decode(encoded))
        expect(decodeViews(encoded)).toEqual(upstream.decode(encoded))
      }),
      { numRuns: 1_000 },
    )
  })

  it('answers corrupted input exactly as upstream does: the same value or the same error', () => {
    const corrupted = fc
      .tuple(item, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('truncate', 'extend', 'flip'))
      .map(([value, at, keep, byte, how]) => {
        const encoded = upstream.encode(value)
        if (how === 'truncate') return encoded.slice(0, keep % (encoded.length + 1))
        if (how === 'extend') return Uint8Array.from([...encoded, byte])
        const flipped = encoded.slice()
        if (flipped.length > 0) flipped[at % Math.min(flipped.length, 8)] = byte
        return flipped
      })
    fc.assert(
      fc.property(corrupted, (input) => {
        expect(outcome(() => decode(input))).toEqual(outcome(() => upstream.decode(input)))
        expect(outcome(() => decodeViews(input))).toEqual(outcome(() => upstream.decode(input)))
      }),
      { numRuns: 5_000 },
    )
  })

  it('keeps upstream’s shapes: a single low byte is returned as is, decoded bytes are copies, RLP is the pair', () => {
    const low = Uint8Array.of(0x42)
    expect(encode(low)).toBe(low)
    const input = upstream.encode([Uint8Array.of(1, 2, 3)])
    const [decoded] = decode(input) as Uint8Array[]
    input[2] = 9
    expect(decoded).toEqual(Uint8Array.of(1, 2, 3))
    expect(RLP.decode(upstream.encode('0xabcd'))).toEqual(Uint8Array.of(0xab, 0xcd))
    const streamed = Uint8Array.from([...upstream.encode([low]), 0x07])
    expect(decode(streamed, true)).toEqual({ data: [low], remainder: Uint8Array.of(0x07) })
  })

  it('decodes in place for the trie: byte strings are views of the input, with the same values', () => {
    const node = upstream.encode([Uint8Array.of(0x20, 0x01), new Uint8Array(32).fill(7)])
    const [key, value] = trieNodeRLP.decode(node) as Uint8Array[]
    expect([key, value]).toEqual(upstream.decode(node))
    node[node.length - 1] = 8
    expect(value?.[31]).toBe(8)
    expect(trieNodeRLP.encode).toBe(encode)
  })
})
