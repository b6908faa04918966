import { createRequire } from 'node:module'
import { bytesToHex, concatBytes, hexToBytes, keccak256, type Address } from '@bulkhead/core'
import { RLP } from '@ethereumjs/rlp'
import { withoutLeadingZeros } from '../encoding/without-leading-zeros.js'

/** The fields of an EIP-1559 transaction without an access list. */
export interface Eip1559Fields {
  readonly chainId: bigint
  readonly nonce: bigint
  readonly maxPriorityFeePerGas: bigint
  readonly maxFeePerGas: bigint
  readonly gasLimit: bigint
  /** Absent for a deployment. */
  readonly to?: Address
  readonly value: bigint
  readonly data: Uint8Array
}

interface Secp256k1 {
  ecdsaSign(message: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number }
  publicKeyCreate(privateKey: Uint8Array, compressed: boolean): Uint8Array
}

let secp256k1: Secp256k1 | undefined
/** The `secp256k1` package (native libsecp256k1 when its binding loads), loaded on first use. */
function curve(): Secp256k1 {
  secp256k1 ??= createRequire(import.meta.url)('secp256k1') as Secp256k1
  return secp256k1
}

/**
 * Signs a type-2 transaction: `0x02 || rlp([chainId, nonce, tip, maxFee, gas, to, value, data,
 * [], yParity, r, s])`, the signature over Keccak of the same without the last three. A few
 * lines instead of the engine's transaction classes or viem, which sign with pure-JS secp256k1:
 * over a millisecond a signature from cold, against ~53 µs here (native libsecp256k1).
 */
export function signEip1559(fields: Eip1559Fields, privateKey: Uint8Array): Uint8Array {
  const unsigned = [
    fields.chainId,
    fields.nonce,
    fields.maxPriorityFeePerGas,
    fields.maxFeePerGas,
    fields.gasLimit,
    fields.to === undefined ? new Uint8Array(0) : hexToBytes(fields.to),
    fields.value,
    fields.data,
    [],
  ]
  const digest = keccak256(concatBytes(TYPE, RLP.encode(unsigned)))
  const { signature, recid } = curve().ecdsaSign(digest, privateKey)
  // RLP integers are minimal: a signature half that starts with zero bytes loses them.
  const r = withoutLeadingZeros(signature.subarray(0, 32))
  const s = withoutLeadingZeros(signature.subarray(32, 64))
  return concatBytes(TYPE, RLP.encode([...unsigned, BigInt(recid), r, s]))
}

/** The address of `privateKey`: the last 20 bytes of Keccak of its uncompressed public key. */
export function addressOf(privateKey: Uint8Array): Address {
  const publicKey = curve().publicKeyCreate(privateKey, false)
  return bytesToHex(keccak256(publicKey.subarray(1)).subarray(12)) as Address
}

const TYPE = Uint8Array.of(2)
