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
