import type { Receipt, TransactionEnvelope } from '@bulkhead/core'
import type { AuditEntry } from '../chain/audit-entry.js'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import { applyGovernanceAction } from './apply-governance-action.js'
import { checkGovernanceTransaction } from './check-governance-transaction.js'
import type { GovernanceState } from './governance-state.js'

export interface GovernanceBlockResult {
  /** One receipt per transaction, in order; `rejected` ones are not part of the block. */
  readonly receipts: readonly Receipt[]
  /** The state once the block is committed (the block's actions take effect from the next one). */
  readonly state: GovernanceState
  readonly audit: readonly AuditEntry[]
}

/** Runs a block's governance transactions in order against `state`; pure. */
export function runGovernanceTransactions(
  transactions: readonly TransactionEnvelope[],
  genesis: ChainGenesis,
  state: GovernanceState,
  height: bigint,
): GovernanceBlockResult {
  const receipts: Receipt[] = []
  const audit: AuditEntry[] = []
  let current = state
  transactions.forEach((transaction, index) => {
    const check = checkGovernanceTransaction(transaction.payload, genesis, current)
    const base = {
      transactionHash: check.hash ?? `0x${'00'.repeat(32)}`,
      environment: transaction.environment,
      index,
      gasUsed: 0n,
      returnData: new Uint8Array(0),
      events: [],
      messageCount: 0,
      ...(check.signer === undefined ? {} : { sender: check.signer }),
    } as const
    if (check.status === 'rejected') {
      receipts.push({ ...base, status: 'rejected', reason: check.reason })
      return
    }
    const { action } = check.transaction
    const applied = applyGovernanceAction(current, action, height)
    current = { ...applied.state, nonces: new Map(applied.state.nonces).set(check.signer, check.transaction.nonce + 1n) }
    receipts.push({ ...base, status: 'ok' })
    audit.push({ kind: 'governance', height, action: action.kind, signer: check.signer, detail: applied.detail })
  })
  return { receipts, state: current, audit }
}
