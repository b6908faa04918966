import { createBoundedCache } from '@bulkhead/core'
import type { DecodedTransaction } from './decode-transaction.js'

export interface AdmissionCache {
  /** Keeps a transaction that passed `checkTransaction`, keyed by its exact bytes. */
  remember(payload: Uint8Array, decoded: DecodedTransaction): void
  /** The admitted transaction with exactly these bytes, removed from the cache; else `undefined`. */
  take(payload: Uint8Array): DecodedTransaction | undefined
}

/**
 * Sender recovery once, at admission: `checkTransaction` decodes and recovers the signer
 * (the costliest step before execution) and `execute` reuses that frozen transaction when
 * it gets the same bytes. The key is the Keccak of the payload, so changed bytes never match.
 * Bounded: a flood of admitted-but-never-executed transactions cannot grow memory.
 */
export function createAdmissionCache(keccak256: (data: Uint8Array) => Uint8Array, capacity = 16_384): AdmissionCache {
  const entries = createBoundedCache<string, DecodedTransaction>(capacity)
  const keyOf = (payload: Uint8Array) => Buffer.from(keccak256(payload)).toString('hex')
  return {
    remember: (payload, decoded) => entries.set(keyOf(payload), decoded),
    take(payload) {
      if (entries.size === 0) return undefined
      const key = keyOf(payload)
      const decoded = entries.get(key)
      if (decoded !== undefined) entries.delete(key)
      return decoded
    },
  }
}
