import { type Hex, decodeAbiParameters, encodeAbiParameters, encodeErrorResult, parseAbiParameters } from 'viem'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '@bulkhead/core'
import { decodeRevertReason, encodeAbi, readBytes, readString, readWord, utf8 } from './abi-codec.js'

describe(encodeAbi.name, () => {
  it('matches viem for strings, bytes and uints', () => {
    const value = new Uint8Array(70).map((_, index) => index)
    const ours = encodeAbi([
      { type: 'bytes', value: utf8('wasm') },
      { type: 'bytes', value },
      { type: 'uint', value: 2n ** 200n + 5n },
      { type: 'bytes', value: new Uint8Array(0) },
    ])
    const theirs = encodeAbiParameters(parseAbiParameters('string, bytes, uint256, bytes'), ['wasm', bytesToHex(value), 2n ** 200n + 5n, '0x'])
    expect(bytesToHex(ours)).toBe(theirs)
  })

  it('reads back what viem writes', () => {
    const data = hexToBytes(encodeAbiParameters(parseAbiParameters('string, bytes, uint64'), ['héllo', '0xdeadbeef', 7n]))
    expect(readString(data, 0)).toBe('héllo')
    expect(bytesToHex(readBytes(data, 1))).toBe('0xdeadbeef')
    expect(readWord(data, 2)).toBe(7n)
    expect(decodeAbiParameters(parseAbiParameters('string'), bytesToHex(encodeAbi([{ type: 'bytes', value: utf8('x') }])) as Hex)).toEqual(['x'])
  })

  it('refuses offsets and lengths outside the data', () => {
    const data = hexToBytes(encodeAbiParameters(parseAbiParameters('bytes'), ['0x01']))
    expect(() => readBytes(data.slice(0, 40), 0)).toThrow(RangeError)
    const lying = data.slice()
    lying[63] = 200 // length 200 in 32 bytes of tail
    expect(() => readBytes(lying, 0)).toThrow(RangeError)
    expect(() => readWord(data, 5)).toThrow(RangeError)
  })

  it('decodes Error(string) revert data and nothing else', () => {
    const data = encodeErrorResult({ abi: [{ type: 'error', name: 'Error', inputs: [{ type: 'string', name: 'message' }] }], errorName: 'Error', args: ['nope'] })
    expect(decodeRevertReason(hexToBytes(data))).toBe('nope')
    expect(decodeRevertReason(hexToBytes('0x12345678'))).toBeUndefined()
  })
})

describe(`${encodeAbi.name} (property)`, () => {
  it('round-trips any bytes and uint256 tuple through viem', () => {
    const entry = fc.oneof(
      fc.record({ type: fc.constant('bytes' as const), value: fc.uint8Array({ maxLength: 100 }) }),
      fc.record({ type: fc.constant('uint' as const), value: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }) }),
    )
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (values) => {
        const encoded = encodeAbi(values)
        const types = values.map((value) => (value.type === 'uint' ? 'uint256' : 'bytes')).join(', ')
        if (values.length === 0) return encoded.length === 0
        const decoded = decodeAbiParameters(parseAbiParameters(types), bytesToHex(encoded))
        values.forEach((value, index) => {
          if (value.type === 'uint') {
            expect(decoded[index]).toBe(value.value)
            expect(readWord(encoded, index)).toBe(value.value)
          } else {
            expect(decoded[index]).toBe(bytesToHex(value.value))
            expect(readBytes(encoded, index)).toEqual(value.value)
          }
        })
        return true
      }),
      { numRuns: 200 },
    )
  })
})
