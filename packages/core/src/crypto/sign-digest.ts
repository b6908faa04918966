import { secp256k1 } from '@noble/curves/secp256k1.js'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { bytesToHex, hexToBytes } from '../encoding/hex.js'
import type { Address, Hex } from '../spec/identifiers.js'
import { publicKeyToAddress } from './recover-address.js'

/**
 * Signs a 32-byte digest (e.g. an EIP-191 personal-message digest) with a secp256k1 private key,
 * returning `r ‖ s ‖ v` with low s and v ∈ {27, 28}: the form wallets produce and
 * `recoverAddress` accepts. Deterministic (RFC 6979).
 */
export function signDigest(digest: Uint8Array, privateKey: Hex): Hex {
  if (digest.length !== 32) throw new InvalidArgumentError(`A signed digest is 32 bytes, got ${digest.length}`)
  const signature = secp256k1.sign(digest, keyBytes(privateKey), { prehash: false, lowS: true, format: 'recovered' })
  // noble's recovered format is recovery ‖ r ‖ s; Ethereum's is r ‖ s ‖ (27 + recovery).
  return bytesToHex(Uint8Array.of(...signature.subarray(1), 27 + (signature[0] as number)))
}

/** The address of a secp256k1 private key. */
export function privateKeyToAddress(privateKey: Hex): Address {
  return publicKeyToAddress(secp256k1.getPublicKey(keyBytes(privateKey), false))
}

function keyBytes(privateKey: Hex): Uint8Array {
  const bytes = hexToBytes(privateKey)
  if (bytes.length !== 32) throw new InvalidArgumentError(`A private key is 32 bytes, got ${bytes.length}`)
  return bytes
}
