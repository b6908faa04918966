import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '../encoding/hex.js'
import type { Hash } from '../spec/identifiers.js'

/** Keccak-256 (Ethereum's hash, not NIST SHA3-256) of `data`, as bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data)
}

/** Keccak-256 of `data` as lower-case hex. */
export function keccak256Hex(data: Uint8Array): Hash {
  return bytesToHex(keccak_256(data))
}
