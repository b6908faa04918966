import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BulkheadError } from '../errors/bulkhead-error.js'
import { bytesToHex, hexToBytes, isHex, normalizeHex } from './hex.js'
import { MAX_UINT256, bytesToBigInt, uint256ToBytes } from './uint256.js'

describe(hexToBytes.name, () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes)
      }),
    )
  })

  it('accepts exactly what isHex accepts, and reads the same digits as parseInt', () => {
    const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF')
    const anyCharacter = fc.oneof(hexDigit, fc.constantFrom('x', 'X', 'g', 'G', ' ', '/', ':', '@', '`', '\u0660', '\uff10'), fc.string({ maxLength: 1 }))
    fc.assert(
      fc.property(fc.constantFrom('0x', '0X', 'x0', '', '00'), fc.array(fc.oneof(hexDigit, anyCharacter), { maxLength: 12 }), (prefix, digits) => {
        const input = prefix + digits.join('')
        if (!isHex(input)) {
          expect(() => hexToBytes(input)).toThrowError(/Expected 0x-prefixed hex of whole bytes/)
          return
        }
        const expected = Array.from({ length: (input.length - 2) / 2 }, (_, index) => Number.parseInt(input.slice(2 + index * 2, 4 + index * 2), 16))
        expect(Array.from(hexToBytes(input))).toEqual(expected)
      }),
      { numRuns: 2_000 },
    )
    expect(() => hexToBytes(12 as unknown as string)).toThrowError(/Expected 0x-prefixed hex/)
  })

  it.each(['', '0x0', 'abcd', '0xzz', '0x 1'])('refuses %j with an INVALID_ARGUMENT error', (input) => {
    expect(isHex(input)).toBe(false)
    try {
      hexToBytes(input)
      expect.unreachable()
    } catch (error) {
      expect(BulkheadError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT')
    }
  })

  it('normalizes case and checks length', () => {
    expect(normalizeHex('0xABcd', 2)).toBe('0xabcd')
    expect(() => normalizeHex('0xabcd', 20)).toThrowError(/Expected 20 bytes of hex, got 2/)
  })
})

describe(uint256ToBytes.name, () => {
  it('round-trips the whole range in 32 bytes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), (value) => {
        const bytes = uint256ToBytes(value)
        expect(bytes.length).toBe(32)
        expect(bytesToBigInt(bytes)).toBe(value)
      }),
    )
  })

  it('refuses negative values and values over 256 bits', () => {
    expect(() => uint256ToBytes(-1n)).toThrowError(/\[0, 2\^256 - 1\]/)
    expect(() => uint256ToBytes(MAX_UINT256 + 1n)).toThrowError(/\[0, 2\^256 - 1\]/)
  })
})
