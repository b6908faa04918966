import type { Logger } from 'pino'
import type { ProducedBlock } from '../node/produced-block.js'

export interface BlockLog {
  /** Logs a committed block now, or adds it to the next summary line. */
  block(produced: ProducedBlock): void
  /** Writes the pending summary, if any (on shutdown). */
  flush(): void
}

interface Summary {
  from: number
  to: number
  blocks: number
  transactions: number
  messages: number
  rejected: number
}

/**
 * The devnet's block lines: one per block while blocks are at least `intervalMs` apart, and
 * under load one summary line per interval (`400 blocks committed, the last 519`, with the
 * first height and the counts summed), so hundreds of blocks a second neither flood the log nor spend the node's thread
 * on writing it (a line per block cost ~0.07 ms of it).
 */
export function createBlockLog(logger: Logger, intervalMs = 1_000): BlockLog {
  let lastLineAt = Number.NEGATIVE_INFINITY
  let pending: Summary | undefined
  let timer: NodeJS.Timeout | undefined

  const write = (summary: Summary) => {
    lastLineAt = Date.now()
    if (summary.blocks === 1) {
      const { from: height, transactions, messages, rejected } = summary
      logger.info({ height, transactions, messages, rejected }, `block ${height} committed`)
    } else logger.info(summary, `${summary.blocks} blocks committed, the last ${summary.to}`)
  }
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const summary = pending
    pending = undefined
    if (summary !== undefined) write(summary)
  }

  return {
    block({ block, rejected }) {
      const height = Number(block.header.height)
      const counts = { transactions: block.transactions.length, messages: block.messages.length, rejected: rejected.length }
      if (pending === undefined && Date.now() - lastLineAt >= intervalMs) {
        write({ from: height, to: height, blocks: 1, ...counts })
        return
      }
      if (pending === undefined) pending = { from: height, to: height, blocks: 1, ...counts }
      else {
        pending.to = height
        pending.blocks++
        pending.transactions += counts.transactions
        pending.messages += counts.messages
        pending.rejected += counts.rejected
      }
      if (timer === undefined) {
        timer = setTimeout(flush, Math.max(0, lastLineAt + intervalMs - Date.now()))
        // A summary due later must not keep a stopping devnet alive; close() flushes it.
        timer.unref()
      }
    },
    flush,
  }
}
