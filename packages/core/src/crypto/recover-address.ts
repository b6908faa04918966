import { secp256k1 } from '@noble/curves/secp256k1.js'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import { keccak256 } from '../hashing/keccak256.js'
import type { Address, Hex } from '../spec/identifiers.js'

const HALF_ORDER = secp256k1.Point.CURVE().n >> 1n

/**
 * The address that signed a 32-byte digest, from a 65-byte `r ‖ s ‖ v` signature (v = 27 or 28,
 * as wallets produce). High-s signatures are refused (EIP-2) so that a signed payload, and so its
 * hash, cannot be altered without the key. Throws `InvalidArgumentError` for a malformed or
 * unrecoverable signature.
 */
export function recoverAddress(digest: Uint8Array, signature: Hex | Uint8Array): Address {
  const bytes = typeof signature === 'string' ? hexToBytes(signature) : signature
  if (bytes.length !== 65) throw new InvalidArgumentError(`A signature is 65 bytes (r, s, v), got ${bytes.length}`)
  const v = bytes[64] as number
  if (v !== 27 && v !== 28) throw new InvalidArgumentError(`Signature v must be 27 or 28, got ${v}`)
  if (digest.length !== 32) throw new InvalidArgumentError(`A signed digest is 32 bytes, got ${digest.length}`)
  let publicKey: Uint8Array
  try {
    const parsed = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), 'compact')
    if (parsed.s > HALF_ORDER) throw new Error('high s')
    publicKey = parsed.addRecoveryBit(v - 27).recoverPublicKey(digest).toBytes(false)
  } catch (error) {
    throw new InvalidArgumentError('The signature does not recover to a public key', {
      cause: error,
      details: [(error as Error).message === 'high s' ? 's is in the upper half of the curve order (EIP-2 forbids it)' : String((error as Error).message)],
    })
  }
  return publicKeyToAddress(publicKey)
}

/** The 20-byte address of an uncompressed (65-byte, 0x04-prefixed) secp256k1 public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new InvalidArgumentError('Expected an uncompressed public key (65 bytes, 0x04 prefix)')
  return bytesToHex(keccak256(publicKey.subarray(1)).subarray(12))
}
