import type { Hex } from '../spec/identifiers.js'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'

const hexPattern = /^0x(?:[0-9a-fA-F]{2})*$/
const byteToHex: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/** Whether `value` is `0x` followed by whole bytes of hex digits (either case). */
export function isHex(value: unknown): value is Hex {
  return typeof value === 'string' && hexPattern.test(value)
}

/** Lower-case `0x` hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): Hex {
  let out = '0x'
  for (const byte of bytes) out += byteToHex[byte]
  return out as Hex
}

/** Each ASCII code's hex digit value, -1 where it is not a hex digit. */
const digitValue: Int8Array = (() => {
  const values = new Int8Array(128).fill(-1)
  for (let digit = 0; digit < 16; digit++) {
    values[digit.toString(16).charCodeAt(0)] = digit
    values[digit.toString(16).toUpperCase().charCodeAt(0)] = digit
  }
  return values
})()

/**
 * Bytes of a `0x` hex string. Throws `InvalidArgumentError` for anything else (odd length,
 * non-hex digits, missing prefix) rather than guessing. Accepts exactly what `isHex` accepts;
 * digits are read through a table (hashes and addresses are decoded on every block).
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || hex.charCodeAt(0) !== 0x30 || hex.charCodeAt(1) !== 0x78) throw notHex(hex)
  const bytes = new Uint8Array((hex.length - 2) / 2)
  for (let index = 0, at = 2; index < bytes.length; index++, at += 2) {
    const high = digitValue[hex.charCodeAt(at)] ?? -1
    const low = digitValue[hex.charCodeAt(at + 1)] ?? -1
    if (high < 0 || low < 0) throw notHex(hex)
    bytes[index] = high * 16 + low
  }
  return bytes
}

function notHex(hex: unknown): InvalidArgumentError {
  const text = String(hex)
  return new InvalidArgumentError('Expected 0x-prefixed hex of whole bytes', {
    details: [`got: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`],
  })
}

/** `hex` lower-cased and checked to be `byteLength` bytes; throws `InvalidArgumentError` otherwise. */
export function normalizeHex(hex: string, byteLength?: number): Hex {
  const bytes = hexToBytes(hex)
  if (byteLength !== undefined && bytes.length !== byteLength) {
    throw new InvalidArgumentError(`Expected ${byteLength} bytes of hex, got ${bytes.length}`, {
      details: [`value: ${hex}`],
    })
  }
  return hex.toLowerCase() as Hex
}

/** Whether two byte arrays hold the same bytes. */
export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false
  return true
}

/** Concatenation of byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
