import { InvalidArgumentError, concatBytes, keccak256, type Hex } from '@bulkhead/core'
import { hexField } from './wire-bytes.js'

const encoder = new TextEncoder()

/**
 * The EIP-191 personal-message digest of `bytes`: `keccak256("\x19Ethereum Signed Message:\n" +
 * length + bytes)`, what `signMessage({ message: { raw: bytes } })` signs in any Ethereum wallet.
 */
export function personalMessageDigest(bytes: Uint8Array): Uint8Array {
  return keccak256(concatBytes(encoder.encode(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes))
}

/** A 65-byte r ‖ s ‖ v signature, checked (v must be 27 or 28) before it goes on the wire. */
export function signatureToWire(signature: Hex, field: string): Uint8Array {
  const bytes = hexField(signature, field, [65])
  const v = bytes[64]
  if (v !== 27 && v !== 28) throw new InvalidArgumentError(`${field} must end in v = 27 or 28`, { details: [`got v = ${v}`] })
  return bytes
}
