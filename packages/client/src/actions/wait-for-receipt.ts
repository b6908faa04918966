import type { Client, Hash } from 'viem'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'
import { getReceipt } from './get-receipt.js'

export interface WaitForReceiptParameters {
  readonly hash: Hash
  /** Give up after this many ms; default 60,000. */
  readonly timeout?: number
  /** Time between polls; default the client's `pollingInterval`. */
  readonly pollingInterval?: number
}

/**
 * Polls `bulkhead_getReceipt` until the transaction is in a block. With the devnet's automine
 * the first poll finds it; with `--block-time` it waits for the next block.
 */
export async function waitForReceipt(client: Client, parameters: WaitForReceiptParameters): Promise<BulkheadReceipt> {
  const deadline = Date.now() + (parameters.timeout ?? 60_000)
  const interval = parameters.pollingInterval ?? client.pollingInterval
  for (;;) {
    const receipt = await getReceipt(client, { hash: parameters.hash })
    if (receipt !== null) return receipt
    if (Date.now() >= deadline) throw new Error(`No receipt for ${parameters.hash} after ${parameters.timeout ?? 60_000} ms: it is not in a block yet`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}
