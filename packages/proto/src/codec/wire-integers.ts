import { InvalidArgumentError, DecodeError, MAX_UINT256, bytesToBigInt, uint256ToBytes } from '@bulkhead/core'

/**
 * The one place bigint meets protobufjs. protobufjs writes a `bigint` uint64 as 0 without
 * complaint and silently truncates numbers above 2^53, so every 64-bit field goes through
 * here: in as a checked bigint, out as protobufjs' {low, high} bits, and back again.
 */

const MAX_UINT64 = (1n << 64n) - 1n
const MAX_UINT32 = 0xffff_ffff

/** protobufjs' own shape for a 64-bit value (what long.js and LongBits accept). */
export interface WireLong {
  readonly low: number
  readonly high: number
  readonly unsigned: boolean
}

/** `value` as protobufjs 64-bit bits; throws unless it is a bigint in [0, 2^64 - 1]. */
export function toWireUint64(value: bigint, field: string): WireLong {
  if (typeof value !== 'bigint') {
    throw new InvalidArgumentError(`${field} must be a bigint`, {
      details: [`got ${typeof value}: ${String(value)}`, 'Numbers lose precision above 2^53; pass e.g. 5n.'],
    })
  }
  if (value < 0n || value > MAX_UINT64) {
    throw new InvalidArgumentError(`${field} is out of the uint64 range [0, 2^64 - 1]`, { details: [`got: ${value}`] })
  }
  return { low: Number(value & 0xffff_ffffn) | 0, high: Number(value >> 32n) | 0, unsigned: true }
}

/** A decoded uint64 (long.js instance, bits object or small number) as a bigint. */
export function fromWireUint64(value: unknown, field: string): bigint {
  if (value === undefined || value === null) return 0n
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new DecodeError(`${field} is not a valid uint64`)
    return BigInt(value)
  }
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number }
    return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)
  }
  throw new DecodeError(`${field} is not a valid uint64`, { details: [`got ${typeof value}`] })
}

/** Checks a uint32 field (plain number on both sides, but protobufjs would wrap out-of-range values). */
export function toWireUint32(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_UINT32) {
    throw new InvalidArgumentError(`${field} is out of the uint32 range [0, 2^32 - 1]`, { details: [`got: ${value}`] })
  }
  return value
}

/** An amount as the 32-byte big-endian wire form; throws beyond 256 bits or below 0. */
export function toWireUint256(value: bigint, field: string): Uint8Array {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT256) {
    throw new InvalidArgumentError(`${field} must be a bigint in [0, 2^256 - 1]`, { details: [`got: ${String(value)}`] })
  }
  return uint256ToBytes(value)
}

/** The amount in exactly 32 big-endian bytes (empty means 0, the proto3 default). */
export function fromWireUint256(bytes: Uint8Array | null | undefined, field: string): bigint {
  if (bytes === undefined || bytes === null || bytes.length === 0) return 0n
  if (bytes.length !== 32) {
    throw new DecodeError(`${field} must be a 32-byte big-endian uint256`, {
      details: [`got ${bytes.length} bytes${bytes.length > 32 ? ' (over 256 bits)' : ''}`],
    })
  }
  return bytesToBigInt(bytes)
}
