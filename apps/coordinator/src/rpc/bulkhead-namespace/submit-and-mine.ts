import type { Hash, TransactionEnvelope } from '@bulkhead/core'
import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import type { BulkheadNamespaceContext } from './bulkhead-namespace-context.js'

/** An accepted transaction, and the block that included it when the devnet mined one. */
export interface Submission {
  readonly hash: Hash
  /** Height of the block that included it; absent when the devnet mines on an interval. */
  readonly height?: bigint
}

/**
 * Submits `transaction` and waits for its block (automine). A refusal at admission, or in the block (a
 * transaction refused before execution is left out of the block and would otherwise vanish
 * without a receipt), is a JSON-RPC error -32000 carrying the reason and, when known, the hash.
 */
export async function submitAndMine(context: BulkheadNamespaceContext, transaction: TransactionEnvelope): Promise<Submission> {
  const { check, block } = await context.send(transaction)
  if (check.status === 'rejected' || check.hash === undefined) {
    throw new JsonRpcError(
      RPC_ERROR.invalidInput,
      `Transaction rejected: ${check.reason ?? 'no hash'}`,
      check.hash === undefined ? undefined : { hash: check.hash },
    )
  }
  const produced = await block
  if (produced === undefined) return { hash: check.hash }
  const refused = produced.rejected.find((receipt) => receipt.transactionHash === check.hash)
  if (refused !== undefined) {
    throw new JsonRpcError(RPC_ERROR.invalidInput, `Transaction rejected in block ${produced.block.header.height}: ${refused.reason ?? 'no reason given'}`, {
      hash: check.hash,
    })
  }
  return { hash: check.hash, height: produced.block.header.height }
}
