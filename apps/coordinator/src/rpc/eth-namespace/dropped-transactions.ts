/**
 * Transactions that were admitted (their hash was answered) but that a block then refused, with
 * the reason, so that asking for their receipt can say why instead of "not yet". Bounded: the
 * oldest are forgotten first.
 */
export interface DroppedTransactions {
  note(hash: string, reason: string): void
  reasonFor(hash: string): string | undefined
}

export function createDroppedTransactions(capacity = 1_024): DroppedTransactions {
  const reasons = new Map<string, string>()
  return {
    note(hash, reason) {
      if (reasons.size >= capacity) {
        const oldest = reasons.keys().next()
        if (oldest.done !== true) reasons.delete(oldest.value)
      }
      reasons.set(hash.toLowerCase(), reason)
    },
    reasonFor: (hash) => reasons.get(hash.toLowerCase()),
  }
}
