import type { Hash, KeyValueStore } from '@bulkhead/core'
import { StorageError, bytesToHex, concatBytes, hexToBytes } from '@bulkhead/core'

/**
 * Key layout inside the environment's store (one atomic batch per commit):
 *
 * | key                      | value                                   |
 * |--------------------------|-----------------------------------------|
 * | `n` ‖ trie key           | trie node or code (content-addressed)   |
 * | `H`                      | head height, 8 bytes big-endian         |
 * | `h` ‖ height (8 bytes)   | {@link HeightRecord} as JSON            |
 * | `b` ‖ block hash         | height, 8 bytes                         |
 * | `t` ‖ transaction hash   | `StoredTransaction` as JSON             |
 */
export const NODE_PREFIX = Uint8Array.of(0x6e) // 'n'
const HEAD_KEY = Uint8Array.of(0x48) // 'H'
const HEIGHT_PREFIX = Uint8Array.of(0x68) // 'h'
const BLOCK_HASH_PREFIX = Uint8Array.of(0x62) // 'b'
const TRANSACTION_PREFIX = Uint8Array.of(0x74) // 't'

/** What the environment keeps per committed height. Quantities are decimal strings (JSON). */
export interface HeightRecord {
  readonly height: string
  readonly stateRoot: Hash
  /** Hash of the Ethereum-style header of this height (the genesis header at 0). */
  readonly blockHash: Hash
  /** Native supply after this height: genesis total, then tracked per block (README "Supply"). */
  readonly supply: string
  /** Block time in seconds, decimal. */
  readonly timestamp: string
  /** The RLP of the Ethereum-style header; JSON shapes are built only when queried. */
  readonly header: Hash
  /** Hashes of the included transactions, in order. */
  readonly transactions: readonly Hash[]
  /** The coordinator's parent hash of this height (absent at genesis). */
  readonly coordinatorParentHash?: Hash
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function heightKey(height: bigint): Uint8Array {
  const key = new Uint8Array(9)
  key.set(HEIGHT_PREFIX)
  new DataView(key.buffer).setBigUint64(1, height)
  return key
}

export const headKey = (): Uint8Array => HEAD_KEY
export const blockHashKey = (hash: Hash): Uint8Array => concatBytes(BLOCK_HASH_PREFIX, hexToBytes(hash))
export const transactionKey = (hash: Hash): Uint8Array => concatBytes(TRANSACTION_PREFIX, hexToBytes(hash))

export function encodeHeight(height: bigint): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigUint64(0, height)
  return bytes
}

export function decodeHeight(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) throw new StorageError('Corrupt height in the EVM store', { details: [`bytes: ${bytesToHex(bytes)}`] })
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0)
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

export async function readJson<T>(store: KeyValueStore, key: Uint8Array): Promise<T | undefined> {
  const bytes = await store.get(key)
  if (bytes === undefined) return undefined
  try {
    return JSON.parse(decoder.decode(bytes)) as T
  } catch (cause) {
    throw new StorageError('Corrupt record in the EVM store', { cause, details: [`key: ${bytesToHex(key)}`] })
  }
}
