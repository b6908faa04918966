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

/**
 * Bytes of a `0x` hex string. Throws `InvalidArgumentError` for anything else (odd length,
 * non-hex digits, missing prefix) rather than guessing.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (!isHex(hex)) {
    throw new InvalidArgumentError('Expected 0x-prefixed hex of whole bytes', {
      details: [`got: ${JSON.stringify(hex.length > 80 ? `${hex.slice(0, 80)}…` : hex)}`],
    })
  }
  const bytes = new Uint8Array((hex.length - 2) / 2)
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(2 + index * 2, 4 + index * 2), 16)
  }
  return bytes
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
