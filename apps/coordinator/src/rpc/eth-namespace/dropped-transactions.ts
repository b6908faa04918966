import { createBoundedCache } from '@bulkhead/core'

/**
 * Transactions that were admitted (their hash was answered) but that a block then refused, with
 * the reason, so that asking for their receipt can say why instead of "not yet". Bounded: the
 * least recently used are forgotten first.
 */
export interface DroppedTransactions {
  note(hash: string, reason: string): void
  reasonFor(hash: string): string | undefined
}

export function createDroppedTransactions(capacity = 1_024): DroppedTransactions {
  const reasons = createBoundedCache<string, string>(capacity)
  return {
    note: (hash, reason) => reasons.set(hash.toLowerCase(), reason),
    reasonFor: (hash) => reasons.get(hash.toLowerCase()),
  }
}
