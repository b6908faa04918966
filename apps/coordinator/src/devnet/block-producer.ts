import type { TransactionCheck, TransactionEnvelope } from '@bulkhead/core'
import type { BulkheadNode, ProduceBlockOptions } from '../node/create-node.js'
import type { ProducedBlock } from '../node/produced-block.js'

/**
 * Serialises block production: RPC calls (automine, evm_mine), the block-time interval and
 * reverts never overlap, and listeners hear about every block in order.
 */
export interface BlockProducer {
  /** Produces the next block after any in progress; resolves with it. */
  mine(options?: ProduceBlockOptions): Promise<ProducedBlock>
  /**
   * Admits `transaction` and mines the next block with it (the node's `admitAndProduceBlock`):
   * `onAdmitted` hears the check while the block goes on; `undefined` when it was refused.
   */
  mineAdmitting(transaction: TransactionEnvelope, onAdmitted: (check: TransactionCheck) => void): Promise<ProducedBlock | undefined>
  /** Resolves when every block asked for so far is produced (or failed). */
  settled(): Promise<void>
  /** Runs `work` when no block is being produced (e.g. a revert). */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  /** Called after each committed block, in order. */
  onBlock(listener: (produced: ProducedBlock) => void): () => void
}

export function createBlockProducer(node: BulkheadNode, timestampFor: (parentTimestamp: bigint) => bigint): BlockProducer {
  let tail: Promise<unknown> = Promise.resolve()
  const listeners = new Set<(produced: ProducedBlock) => void>()
  const announce = (produced: ProducedBlock) => {
    for (const listener of listeners) listener(produced)
    return produced
  }
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => undefined)
    return run
  }
  return {
    exclusive,
    settled: () => tail.then(() => undefined),
    mine(options = {}) {
      return exclusive(async () => {
        const parent = node.head().header?.timestamp ?? 0n
        const produced = await node.produceBlock({ timestamp: options.timestamp ?? timestampFor(parent), ...(options.transactions ? { transactions: options.transactions } : {}) })
        return announce(produced)
      })
    },
    mineAdmitting(transaction, onAdmitted) {
      return exclusive(async () => {
        const parent = node.head().header?.timestamp ?? 0n
        const produced = await node.admitAndProduceBlock(transaction, onAdmitted, { timestamp: timestampFor(parent) })
        return produced === undefined ? undefined : announce(produced)
      })
    },
    onBlock(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
