import {
  DecodeError,
  InvalidArgumentError,
  bytesToHex,
  hexToBytes,
  isEnvironmentId,
  isHex,
  type Hex,
} from '@bulkhead/core'

/** Account and contract addresses in message bodies: 20 bytes (EVM, WASM) or 32 bytes (other VMs). */
export const MESSAGE_ADDRESS_LENGTHS: readonly number[] = [20, 32]

type Direction = 'encode' | 'decode'

function fail(direction: Direction, message: string, details: string[] = []): never {
  throw direction === 'encode' ? new InvalidArgumentError(message, { details }) : new DecodeError(message, { details })
}

/** Hex → bytes of one of `lengths`, failing with the field's name. */
export function hexField(value: Hex, field: string, lengths: readonly number[]): Uint8Array {
  if (!isHex(value)) fail('encode', `${field} must be 0x-prefixed hex`, [`got: ${String(value)}`])
  const bytes = hexToBytes(value)
  checkLength(bytes, field, lengths, 'encode')
  return bytes
}

/** Bytes → lower-case hex, after checking the length is one of `lengths`. */
export function bytesField(bytes: Uint8Array | null | undefined, field: string, lengths: readonly number[]): Hex {
  const value = bytes ?? new Uint8Array(0)
  checkLength(value, field, lengths, 'decode')
  return bytesToHex(value)
}

function checkLength(bytes: Uint8Array, field: string, lengths: readonly number[], direction: Direction): void {
  if (!lengths.includes(bytes.length)) {
    fail(direction, `${field} must be ${lengths.join(' or ')} bytes, got ${bytes.length}`)
  }
}

/** Checks byte-string size limits (keys, values, call data). */
export function checkMaxLength(bytes: Uint8Array, field: string, max: number, direction: Direction): Uint8Array {
  if (bytes.length > max) fail(direction, `${field} is ${bytes.length} bytes, over the limit of ${max}`)
  return bytes
}

/** An environment id, checked in both directions. */
export function environmentField(value: string | null | undefined, field: string, direction: Direction): string {
  if (!isEnvironmentId(value)) {
    fail(direction, `${field} is not a valid environment id`, [
      `got: ${JSON.stringify(value ?? '')}`,
      'Expected a lower-case letter, then up to 31 lower-case letters, digits or "-".',
    ])
  }
  return value
}

const denomPattern = /^[a-zA-Z][a-zA-Z0-9/:._-]{0,127}$/

/** A denom name, as Cosmos SDK allows them (letter first, up to 128 characters). */
export function denomField(value: string | null | undefined, field: string, direction: Direction): string {
  if (typeof value !== 'string' || !denomPattern.test(value)) {
    fail(direction, `${field} is not a valid denom`, [`got: ${JSON.stringify(value ?? '')}`])
  }
  return value
}

const encoder = new TextEncoder()

/** A free-text field limited in UTF-8 bytes. */
export function textField(value: string | null | undefined, field: string, maxBytes: number, direction: Direction): string {
  const text = value ?? ''
  if (typeof text !== 'string') fail(direction, `${field} must be a string`)
  const size = encoder.encode(text).length
  if (size > maxBytes) fail(direction, `${field} is ${size} bytes of UTF-8, over the limit of ${maxBytes}`)
  return text
}

/** Raw bytes given by the caller, checked to be a Uint8Array (protobufjs would base64-decode a string). */
export function rawBytesField(value: Uint8Array, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) fail('encode', `${field} must be a Uint8Array`, [`got ${typeof value}`])
  return value
}

/**
 * A decoded bytes field as a plain Uint8Array of its own: protobufjs hands out Buffers and
 * views into the input, which would alias the caller's bytes and compare unequal to plain arrays.
 */
export function bytesFromWire(value: Uint8Array | null | undefined, field: string, max: number): Uint8Array {
  const bytes = value === undefined || value === null ? new Uint8Array(0) : Uint8Array.from(value)
  return checkMaxLength(bytes, field, max, 'decode')
}
