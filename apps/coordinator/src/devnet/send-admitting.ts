import type { TransactionCheck } from '@bulkhead/core'
import type { ProducedBlock } from '../node/produced-block.js'

/** A submitted transaction: its admission, and the block that includes it (undefined: none). */
export interface Sent {
  readonly check: TransactionCheck
  readonly block: Promise<ProducedBlock | undefined>
}

/**
 * Starts `produce`, a block that checks the transaction first and reports the check through
 * `onAdmitted` (the node's `admitAndProduceBlock`), and resolves as soon as the check is known,
 * with the block still going on. A block that fails before the check is known fails the send.
 */
export async function sendAdmitting(produce: (onAdmitted: (check: TransactionCheck) => void) => Promise<ProducedBlock | undefined>): Promise<Sent> {
  let admitted: (check: TransactionCheck) => void = () => undefined
  const check = new Promise<TransactionCheck>((resolve) => (admitted = resolve))
  const block = produce(admitted)
  return { check: await Promise.race([check, block.then(() => check)]), block }
}
