import { bytesEqual, type Hash, type Receipt } from '@bulkhead/core'
import type { ChainStore } from '../chain/chain-store.js'
import type { BulkheadNode } from '../node/create-node.js'

/** Where a replay first disagreed with the stored chain. */
export interface ReplayDivergence {
  readonly height: bigint
  /** What differs: a receipt, an environment's state root, the message or transaction root, or the block failed to run. */
  readonly what: 'receipt' | 'state_root' | 'message_root' | 'transaction_root' | 'block_hash' | 'error'
  readonly environment?: string
  readonly transactionIndex?: number
  readonly transactionHash?: Hash
  readonly expected: string
  readonly actual: string
}

export type ReplayResult =
  | { readonly status: 'match'; readonly blocks: bigint }
  | { readonly status: 'diverged'; readonly blocks: bigint; readonly divergence: ReplayDivergence }

export interface ReplayOptions {
  /** The chain to check, opened. */
  readonly source: ChainStore
  /** Its head height. */
  readonly toHeight: bigint
  /** A node over fresh state from the same genesis, at height 0. */
  readonly fresh: BulkheadNode
  /** Called after every block. */
  readonly onProgress?: (height: bigint, total: bigint) => void
}

/**
 * Re-executes every block of `source` from genesis on `fresh`, with each block's own
 * transactions and timestamp, and stops at the first block whose receipts, state roots, message
 * root or transaction root differ, naming the environment and transaction where it can.
 */
export async function replayChain(options: ReplayOptions): Promise<ReplayResult> {
  const { source, fresh, toHeight } = options
  for (let height = 1n; height <= toHeight; height++) {
    const original = await source.block(height)
    if (original === undefined) {
      return diverged(height - 1n, { height, what: 'error', expected: `block ${height}`, actual: 'missing from the data directory' })
    }
    let produced
    let rejected: readonly Receipt[]
    try {
      ;({ block: produced, rejected } = await fresh.produceBlock({ timestamp: original.header.timestamp, transactions: original.transactions }))
    } catch (error) {
      return diverged(height - 1n, { height, what: 'error', expected: 'the block to run', actual: (error as Error).message })
    }
    const receiptDivergence = compareReceipts(height, original.receipts, produced.receipts, rejected)
    if (receiptDivergence !== undefined) return diverged(height - 1n, receiptDivergence)
    for (const expected of original.header.stateRoots) {
      const actual = produced.header.stateRoots.find((entry) => entry.environment === expected.environment)
      if (actual?.stateRoot !== expected.stateRoot) {
        return diverged(height - 1n, { height, what: 'state_root', environment: expected.environment, expected: expected.stateRoot, actual: actual?.stateRoot ?? 'absent' })
      }
    }
    if (produced.header.messageRoot !== original.header.messageRoot) {
      return diverged(height - 1n, { height, what: 'message_root', expected: original.header.messageRoot, actual: produced.header.messageRoot })
    }
    if (produced.header.transactionRoot !== original.header.transactionRoot) {
      return diverged(height - 1n, { height, what: 'transaction_root', expected: original.header.transactionRoot, actual: produced.header.transactionRoot })
    }
    if (produced.hash !== original.hash) {
      return diverged(height - 1n, { height, what: 'block_hash', expected: original.hash, actual: produced.hash })
    }
    options.onProgress?.(height, toHeight)
  }
  return { status: 'match', blocks: toHeight }
}

/** Receipts pairwise; a transaction the replay refused is described by its rejection. */
function compareReceipts(height: bigint, expected: readonly Receipt[], actual: readonly Receipt[], rejected: readonly Receipt[]): ReplayDivergence | undefined {
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const left = expected[index]
    const right = actual[index]
    const describe = (receipt: Receipt | undefined) =>
      receipt === undefined ? 'no receipt' : `${receipt.status}${receipt.reason ? ` (${receipt.reason})` : ''}, gas ${receipt.gasUsed}`
    const same =
      left !== undefined &&
      right !== undefined &&
      left.transactionHash === right.transactionHash &&
      left.status === right.status &&
      left.gasUsed === right.gasUsed &&
      left.messageCount === right.messageCount &&
      bytesEqual(left.returnData, right.returnData)
    if (!same) {
      const receipt = left ?? right
      return {
        height,
        what: 'receipt',
        ...(receipt === undefined ? {} : { environment: receipt.environment, transactionHash: receipt.transactionHash }),
        transactionIndex: index,
        expected: describe(left),
        actual: describe(right ?? rejected.find((receipt) => receipt.transactionHash === left?.transactionHash)),
      }
    }
  }
  return undefined
}

function diverged(blocks: bigint, divergence: ReplayDivergence): ReplayResult {
  return { status: 'diverged', blocks, divergence }
}
