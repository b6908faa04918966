import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, concatBytes } from '../encoding/hex.js'
import { keccak256, keccak256Hex } from './keccak256.js'
import { merkleRoot } from './merkle-root.js'

const item = (value: number) => Uint8Array.of(value)
const leaf = (data: Uint8Array) => keccak256(concatBytes(Uint8Array.of(0), data))
const node = (left: Uint8Array, right: Uint8Array) => keccak256(concatBytes(Uint8Array.of(1), left, right))

describe(merkleRoot.name, () => {
  it('is keccak256 of nothing for an empty list', () => {
    expect(merkleRoot([])).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })

  it('hashes one item as a prefixed leaf', () => {
    expect(merkleRoot([item(7)])).toBe(bytesToHex(leaf(item(7))))
  })

  it('splits at the largest power of two below the count (RFC 6962)', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(item) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    const abcd = node(node(leaf(a), leaf(b)), node(leaf(c), leaf(d)))
    expect(merkleRoot([a, b, c])).toBe(bytesToHex(node(node(leaf(a), leaf(b)), leaf(c))))
    expect(merkleRoot([a, b, c, d, e])).toBe(bytesToHex(node(abcd, leaf(e))))
  })

  it('does not let a duplicated last item collide (unlike Bitcoin trees)', () => {
    const [a, b, c] = [item(1), item(2), item(3)]
    expect(merkleRoot([a, b, c])).not.toBe(merkleRoot([a, b, c, c]))
  })

  it('never gives two different lists the same root', () => {
    const list = fc.array(fc.uint8Array({ maxLength: 4 }), { maxLength: 6 })
    fc.assert(
      fc.property(list, list, (left, right) => {
        const same = left.length === right.length && left.every((entry, index) => bytesToHex(entry) === bytesToHex(right[index] as Uint8Array))
        expect(merkleRoot(left) === merkleRoot(right)).toBe(same)
      }),
    )
  })
})

describe(keccak256Hex.name, () => {
  it('is Ethereum Keccak-256, not SHA3-256', () => {
    expect(keccak256Hex(new TextEncoder().encode('abc'))).toBe('0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45')
  })
})
