import type { TransactionCheck, TransactionEnvelope } from '@bulkhead/core'

/** A transaction admitted by `submit`, with its admission check. */
export interface QueuedTransaction {
  readonly transaction: TransactionEnvelope
  readonly check: TransactionCheck
}

export interface PackLimits {
  /** Gas available to this environment in this block. */
  readonly gas: bigint
  readonly maxTransactionsPerSender: number
  readonly maxTransactionsPerContract: number
}

/**
 * Takes transactions from the front of one environment's queue while they fit its gas share
 * and the throttles. A sender that has one transaction held back has all its later ones held
 * back too, so packing never opens a nonce gap.
 */
export function packSegment(
  queue: readonly QueuedTransaction[],
  limits: PackLimits,
): { readonly taken: QueuedTransaction[]; readonly kept: QueuedTransaction[] } {
  const taken: QueuedTransaction[] = []
  const kept: QueuedTransaction[] = []
  const perSender = new Map<string, number>()
  const perContract = new Map<string, number>()
  const heldSenders = new Set<string>()
  let gasLeft = limits.gas
  for (const queued of queue) {
    const sender = queued.check.sender?.toLowerCase() ?? ''
    const contract = queued.check.to?.toLowerCase()
    const gas = queued.check.gasLimit ?? 0n
    const fits =
      !heldSenders.has(sender) &&
      (perSender.get(sender) ?? 0) < limits.maxTransactionsPerSender &&
      (contract === undefined || (perContract.get(contract) ?? 0) < limits.maxTransactionsPerContract) &&
      gas <= gasLeft
    if (!fits) {
      heldSenders.add(sender)
      kept.push(queued)
      continue
    }
    taken.push(queued)
    gasLeft -= gas
    perSender.set(sender, (perSender.get(sender) ?? 0) + 1)
    if (contract !== undefined) perContract.set(contract, (perContract.get(contract) ?? 0) + 1)
  }
  return { taken, kept }
}
