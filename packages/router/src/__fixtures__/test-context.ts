import type { BlockContext, Hash } from '@bulkhead/core'

/** The block context tests use for block `height`. */
export function testContext(height: bigint, gasLimit = 10_000_000n): BlockContext {
  return { height, timestamp: 1_700_000_000n + height, parentHash: `0x${'00'.repeat(32)}` as Hash, gasLimit }
}
