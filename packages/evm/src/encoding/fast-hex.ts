import type { Hex } from '@bulkhead/core'

/**
 * Lower-case 0x hex through Buffer: several times faster than a per-byte loop for blooms,
 * logs and trie keys on the per-transaction path. Same output as core's `bytesToHex`.
 */
export function toHex(bytes: Uint8Array): Hex {
  return `0x${unprefixedHex(bytes)}`
}

/** The same without `0x`: the engine's trie database keys nodes by it. */
export function unprefixedHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.slice(2), 'hex'))
}
