/**
 * Receipts of the last blocks, ready to answer, by transaction hash. Entries of a height at or
 * above a newly added block's belong to blocks a revert abandoned and are dropped then; entries
 * above the current head (a revert with no new block yet) are never answered.
 */
export interface RecentReceipts {
  /** Replaces everything at `height` and above with this block's receipts. */
  add(height: bigint, receipts: ReadonlyMap<string, unknown>): void
  /** The receipt of `hash` if its block is at or below `head`. */
  get(hash: string, head: bigint): unknown
}

export function createRecentReceipts(keepBlocks = 256): RecentReceipts {
  const byHash = new Map<string, { readonly height: bigint; readonly receipt: unknown }>()
  const byHeight = new Map<bigint, readonly string[]>()
  const drop = (height: bigint) => {
    for (const hash of byHeight.get(height) ?? []) byHash.delete(hash)
    byHeight.delete(height)
  }
  /** The height of the last `add`: heights are kept in ascending order unless a revert came since. */
  let lastAdded: bigint | undefined
  return {
    add(height, receipts) {
      // A revert: drop the abandoned blocks (rare, so a full pass).
      if (lastAdded !== undefined && lastAdded >= height) for (const known of [...byHeight.keys()]) if (known >= height) drop(known)
      lastAdded = height
      // Heights were added in ascending order: the ones out of the window come first.
      const oldest = height - BigInt(keepBlocks)
      for (const known of byHeight.keys()) {
        if (known > oldest) break
        drop(known)
      }
      if (receipts.size === 0) return
      byHeight.set(height, [...receipts.keys()].map((hash) => hash.toLowerCase()))
      for (const [hash, receipt] of receipts) byHash.set(hash.toLowerCase(), { height, receipt })
    },
    get(hash, head) {
      const entry = byHash.get(hash.toLowerCase())
      return entry === undefined || entry.height > head ? undefined : entry.receipt
    },
  }
}
