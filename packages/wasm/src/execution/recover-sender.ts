import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from '@bulkhead/core'
import { secp256k1 } from '@noble/curves/secp256k1.js'

/**
 * The address that signed `digest` (an EIP-191 digest) with a 65-byte r ‖ s ‖ v signature,
 * or a reason it cannot be recovered. High-s signatures are refused (EIP-2), so each
 * transaction has exactly one valid signature and one hash.
 */
export function recoverSender(digest: Uint8Array, signature: Hex): { address: Address } | { reason: string } {
  const bytes = hexToBytes(signature)
  const v = bytes[64]
  if (bytes.length !== 65 || (v !== 27 && v !== 28)) return { reason: 'signature must be 65 bytes ending in v = 27 or 28' }
  try {
    const parsed = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), 'compact')
    if (parsed.hasHighS()) return { reason: 'signature has a high s value (EIP-2)' }
    const publicKey = parsed.addRecoveryBit(v - 27).recoverPublicKey(digest).toBytes(false)
    return { address: bytesToHex(keccak256(publicKey.subarray(1)).subarray(12)) }
  } catch (error) {
    return { reason: `signature does not recover: ${(error as Error).message}` }
  }
}
