import * as noble from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as swapped from './buffer-hex.js'

describe('Buffer hex (swapped in for noble’s utilities under the engine’s @ethereumjs/util)', () => {
  it('writes what noble writes, for any bytes, also a view into a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(8), fc.nat(8), (bytes, head, tail) => {
        const view = bytes.subarray(Math.min(head, bytes.length), Math.max(Math.min(head, bytes.length), bytes.length - tail))
        expect(swapped.bytesToHex(view)).toBe(noble.bytesToHex(view))
      }),
      { numRuns: 1_000 },
    )
  })

  it('refuses what noble refuses, with its message', () => {
    for (const value of ['00ff', [0, 255], undefined, new Uint16Array(2)]) {
      expect(() => swapped.bytesToHex(value as unknown as Uint8Array)).toThrow(/expected Uint8Array/)
      expect(() => noble.bytesToHex(value as unknown as Uint8Array)).toThrow(/expected Uint8Array/)
    }
  })

  it('passes every other utility through unchanged', () => {
    const others = Object.keys(noble).filter((name) => name !== 'bytesToHex')
    expect(others.length).toBeGreaterThan(10)
    for (const name of others) expect(swapped[name as keyof typeof swapped]).toBe(noble[name as keyof typeof noble])
    expect(swapped.bytesToHex).not.toBe(noble.bytesToHex)
  })
})
