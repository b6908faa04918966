import { createRequire } from 'node:module'
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from '@bulkhead/core'
import { secp256k1 } from '@noble/curves/secp256k1.js'

/** Which secp256k1 implementation recovers transaction senders. */
export type Secp256k1Backend = 'native' | 'noble'

/** The part of the `secp256k1` package's native binding that recovery uses. */
interface NativeSecp256k1 {
  ecdsaRecover(signature: Uint8Array, recoveryId: number, hash: Uint8Array, compressed: boolean): Uint8Array
}

/**
 * libsecp256k1 through the `secp256k1` package's prebuilt binding, or `undefined` when it does
 * not load. The binding is required directly: the package's main entry silently falls back to
 * a slow JS implementation, and noble is the better fallback.
 */
const native: NativeSecp256k1 | undefined = (() => {
  try {
    return createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1
  } catch {
    return undefined
  }
})()

/** The implementation {@link recoverSender} uses by default: native when its binding loaded. */
export const SECP256K1_BACKEND: Secp256k1Backend = native === undefined ? 'noble' : 'native'

/** The group order n of secp256k1, and n / 2 (the largest low s). */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const HALF_ORDER = CURVE_ORDER >> 1n

function scalar(bytes: Uint8Array): bigint {
  return BigInt(bytesToHex(bytes))
}

/**
 * The address that signed `digest` (a 32-byte EIP-191 digest) with a 65-byte r ‖ s ‖ v
 * signature, or a reason it cannot be recovered. High-s signatures are refused (EIP-2), so each
 * transaction has exactly one valid signature and one hash.
 *
 * Both backends see the same checks, in the same order, with the same reasons: the outcome
 * (address or reason) does not depend on which one a node loaded.
 */
export function recoverSender(
  digest: Uint8Array,
  signature: Hex,
  backend: Secp256k1Backend = SECP256K1_BACKEND,
): { address: Address } | { reason: string } {
  const bytes = hexToBytes(signature)
  const v = bytes[64]
  if (bytes.length !== 65 || (v !== 27 && v !== 28)) return { reason: 'signature must be 65 bytes ending in v = 27 or 28' }
  if (digest.length !== 32) return { reason: 'signature does not recover: the digest is not 32 bytes' }
  const compact = bytes.subarray(0, 64)
  const r = scalar(compact.subarray(0, 32))
  const s = scalar(compact.subarray(32, 64))
  if (r === 0n || r >= CURVE_ORDER || s === 0n || s >= CURVE_ORDER) {
    return { reason: 'signature does not recover: r or s is out of range' }
  }
  if (s > HALF_ORDER) return { reason: 'signature has a high s value (EIP-2)' }
  let publicKey: Uint8Array
  try {
    if (backend === 'native') {
      if (native === undefined) throw new Error('the native secp256k1 binding is not loaded')
      publicKey = native.ecdsaRecover(compact, v - 27, digest, false)
    } else {
      publicKey = secp256k1.Signature.fromBytes(compact, 'compact').addRecoveryBit(v - 27).recoverPublicKey(digest).toBytes(false)
    }
  } catch (error) {
    if (backend === 'native' && native === undefined) throw error
    // r is not the x coordinate of a point, or the key would be the point at infinity.
    return { reason: 'signature does not recover: no public key matches it' }
  }
  // Uncompressed key: 0x04 ‖ x ‖ y; the address hashes x ‖ y.
  return { address: bytesToHex(keccak256(publicKey.subarray(1)).subarray(12)) }
}
