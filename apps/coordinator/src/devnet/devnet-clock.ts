/**
 * Block time for a devnet: the wall clock plus what `evm_increaseTime` added, or exactly what
 * `evm_setNextBlockTimestamp` asked for the next block. Never earlier than the parent block.
 */
export interface DevnetClock {
  /** The timestamp for the next block, given its parent's. Consumes a pending `setNext`. */
  next(parentTimestamp: bigint): bigint
  /** Moves time forward by `seconds` for every later block; returns the total offset. */
  increase(seconds: bigint): bigint
  /** The next block gets exactly `timestamp` (which must not be before the parent's). */
  setNext(timestamp: bigint): void
}

export function createDevnetClock(now: () => bigint = () => BigInt(Math.floor(Date.now() / 1000))): DevnetClock {
  let offset = 0n
  let pinned: bigint | undefined
  return {
    next(parentTimestamp) {
      const candidate = pinned ?? now() + offset
      pinned = undefined
      return candidate > parentTimestamp ? candidate : parentTimestamp
    },
    increase(seconds) {
      offset += seconds
      return offset
    },
    setNext(timestamp) {
      pinned = timestamp
    },
  }
}
