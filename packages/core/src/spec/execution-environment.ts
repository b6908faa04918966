import type { BlockContext } from './block-context.js'
import type { BlockInput, BlockOutput, CommittedHead, EndBlockResult } from './block-result.js'
import type { EnvironmentCapabilities } from './capabilities.js'
import type { DeliveryResult } from './delivery-result.js'
import type { HealthReport } from './health.js'
import type { EnvironmentId } from './identifiers.js'
import type { InboundDelivery } from './messages.js'
import type { QueryRequest, QueryResult } from './query.js'
import type { Receipt } from './receipt.js'
import type { ResourceLimits } from './resource-limits.js'
import type { TransactionCheck, TransactionEnvelope } from './transaction.js'

/**
 * The ExecutionEnvironment v1 specification: what the EVM adapter, the WASM adapter, the router
 * and any future VM adapter implement.
 *
 * ## Block lifecycle
 *
 * ```
 *            beginBlock         deliver* / execute*        endBlock          commit
 *   idle ───────────────▶ open ─────────────────────▶ open ─────────▶ ended ────────▶ idle
 *     ▲                                                                  │
 *     └──────────────────────────── rollback(height) ◀───────────────────┘ (from any phase)
 * ```
 *
 * - `deliver` must come before the first `execute` of a block (messages before transactions).
 * - Calling a method in the wrong phase throws `BlockPhaseError`; the environment is unchanged.
 * - `runBlock` does begin, deliver, execute and end in one call: a worker-hosted environment
 *   costs one round trip per block, not per transaction.
 *
 * ## Guarantees an implementation gives
 *
 * - **Determinism**: the same genesis and the same sequence of block inputs give the same
 *   receipts, gas, messages and state roots, on any machine, whatever the timing.
 * - **Journaled messages**: an outbound message exists only if the transaction and every
 *   enclosing frame succeeded; a revert, trap or out-of-gas leaves no message and no transfer.
 * - **Outcomes are values**: failed executions are receipts with an {@link OutcomeStatus};
 *   methods throw only for caller faults (wrong phase, bad arguments) or infrastructure
 *   faults (storage), with a `BulkheadError`.
 * - **Deterministic limits first**: gas, memory pages and call depth stop hostile programs;
 *   wall-clock and heap backstops are the host's, for bugs only.
 * - **Durability**: after `commit` resolves, the committed height and root survive a crash of
 *   the process; a fresh instance over the same storage resumes at that head.
 */
export interface ExecutionEnvironment {
  /** The version of this specification the implementation follows. */
  readonly specificationVersion: 'v1'
  /** Unique within a chain; the name messages and transactions are addressed to. */
  readonly id: EnvironmentId
  /** The kind of VM (`evm`, `wasm`, `router`, or an adapter's own name). */
  readonly vm: string
  /** The deterministic limits this environment enforces. */
  readonly limits: ResourceLimits
  /** What it implements across the boundary. */
  readonly capabilities: EnvironmentCapabilities

  /** The last committed height and state root. */
  head(): Promise<CommittedHead>
  /** Liveness and head; never throws for an open environment. */
  health(): Promise<HealthReport>

  /**
   * Admission check against committed state (decode, signature, chain id, nonce, funds).
   * Executes nothing; may be called in any phase.
   */
  checkTransaction(transaction: TransactionEnvelope): Promise<TransactionCheck>

  /** Opens block `context.height`, which must be `head().height + 1`. */
  beginBlock(context: BlockContext): Promise<void>
  /** Applies inbound deliveries in order; one result per delivery. */
  deliver(deliveries: readonly InboundDelivery[]): Promise<readonly DeliveryResult[]>
  /** Executes transactions in order; one receipt per transaction, `rejected` ones included. */
  execute(transactions: readonly TransactionEnvelope[]): Promise<readonly Receipt[]>
  /** Closes the block: computes the state root, collects outbound messages and supply. */
  endBlock(): Promise<EndBlockResult>
  /** Makes the ended block durable and the new head. */
  commit(): Promise<CommittedHead>
  /**
   * Discards any open or ended block and returns to committed height `height`
   * (default: the current head). Heights above the head, or pruned ones, throw `NotFoundError`.
   */
  rollback(height?: bigint): Promise<CommittedHead>

  /** Begin, deliver, execute and end a block in one call. */
  runBlock(input: BlockInput): Promise<BlockOutput>

  /** Read-only access to committed state; nothing it does is kept. */
  query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>>

  /** Releases storage handles and workers. Further calls throw. */
  close(): Promise<void>
}
