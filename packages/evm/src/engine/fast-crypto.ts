import { createRequire } from 'node:module'
import { createKeccak } from 'hash-wasm'

/** Which secp256k1 implementation recovers transaction senders. */
export type Secp256k1Backend = 'native' | 'noble'

/** The crypto hooks handed to `Common({ customCrypto })`, plus what was loaded. */
export interface FastCrypto {
  readonly keccak256: (data: Uint8Array) => Uint8Array
  /** Absent when the native binding did not load: ethereumjs then uses noble (pure JS, ~20x slower). */
  readonly ecrecover?: (hash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint) => Uint8Array
  readonly secp256k1: Secp256k1Backend
}

interface NativeSecp256k1 {
  ecdsaRecover(signature: Uint8Array, recoveryId: number, hash: Uint8Array, compressed: boolean): Uint8Array
}

let loaded: Promise<FastCrypto> | undefined

/**
 * Loads hash-wasm Keccak and native libsecp256k1 once per process. The `secp256k1` package
 * silently falls back to a slow JS implementation when its binding is missing, so the binding
 * is required directly: if that fails, sender recovery stays on noble and `secp256k1` says so.
 */
export function loadFastCrypto(): Promise<FastCrypto> {
  loaded ??= load()
  return loaded
}

async function load(): Promise<FastCrypto> {
  // One reused hasher: creating one per call costs more than hashing a transaction.
  const hasher = await createKeccak(256)
  const keccak256 = (data: Uint8Array): Uint8Array => {
    hasher.init()
    hasher.update(data)
    return hasher.digest('binary')
  }
  const native = loadNativeSecp256k1()
  if (native === undefined) return { keccak256, secp256k1: 'noble' }
  const ecrecover = (hash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint): Uint8Array => {
    const recovery = v === 0n || v === 1n ? v : chainId === undefined ? v - 27n : v - (chainId * 2n + 35n)
    if (recovery !== 0n && recovery !== 1n) throw new Error('Invalid signature v value')
    const signature = new Uint8Array(64)
    signature.set(r, 32 - r.length)
    signature.set(s, 64 - s.length)
    // 65-byte uncompressed key; Ethereum uses it without the 0x04 prefix.
    return native.ecdsaRecover(signature, Number(recovery), hash, false).subarray(1)
  }
  return { keccak256, ecrecover, secp256k1: 'native' }
}

function loadNativeSecp256k1(): NativeSecp256k1 | undefined {
  try {
    const require = createRequire(import.meta.url)
    return require('secp256k1/bindings') as NativeSecp256k1
  } catch {
    return undefined
  }
}
