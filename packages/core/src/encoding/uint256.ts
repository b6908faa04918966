import { InvalidArgumentError } from '../errors/invalid-argument-error.js'

/** 2^256 - 1, the largest amount the wire format carries. */
export const MAX_UINT256 = (1n << 256n) - 1n

/** `value` as 32 big-endian bytes; throws `InvalidArgumentError` when negative or over 256 bits. */
export function uint256ToBytes(value: bigint): Uint8Array {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT256) {
    throw new InvalidArgumentError('Amount must be a bigint in [0, 2^256 - 1]', { details: [`got: ${String(value)}`] })
  }
  const bytes = new Uint8Array(32)
  let rest = value
  for (let index = 31; index >= 0 && rest > 0n; index--) {
    bytes[index] = Number(rest & 0xffn)
    rest >>= 8n
  }
  return bytes
}

/** The unsigned big-endian integer in `bytes` (any length; callers check the length they expect). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value
}
