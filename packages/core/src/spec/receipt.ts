import type { EnvironmentEvent } from './event.js'
import type { Address, EnvironmentId, Hash } from './identifiers.js'
import type { OutcomeStatus } from './outcome-status.js'

/**
 * The result of one transaction, in the vocabulary every environment shares.
 * Failures are receipts, not exceptions: a revert, trap or out-of-gas is `status` plus `reason`.
 */
export interface Receipt {
  /** The transaction hash as the environment defines it (for EVM, the Ethereum hash). */
  readonly transactionHash: Hash
  /** The environment that executed it. */
  readonly environment: EnvironmentId
  /** Position among the transactions executed in this block by this environment, from 0. */
  readonly index: number
  /** The unified outcome. */
  readonly status: OutcomeStatus
  /** The engine's own reason for a non-`ok` status (e.g. `revert`, `out of gas`, `unreachable`); absent when `ok`. */
  readonly reason?: string
  /** The recovered signer; absent only when the transaction was rejected before its signature was checked. */
  readonly sender?: Address
  /** The address of a contract the transaction created; absent otherwise. */
  readonly contractAddress?: Address
  /** Gas charged to the sender; 0 for `rejected`. */
  readonly gasUsed: bigint
  /** Return data, or revert data when `reverted`; empty otherwise. */
  readonly returnData: Uint8Array
  /** Events of a successful transaction; always empty unless `status` is `ok`. */
  readonly events: readonly EnvironmentEvent[]
  /** How many outbound cross-environment messages the transaction produced; 0 unless `ok`. */
  readonly messageCount: number
  /**
   * Fields only one VM has (for EVM: cumulative gas, logs bloom, effective gas price, type).
   * Plain structured-cloneable data, documented by each adapter; never engine objects.
   */
  readonly extensions?: Readonly<Record<string, unknown>>
}
