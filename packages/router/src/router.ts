import type {
  BlockContext,
  Address,
  BlockInput,
  EnvironmentPermissions,
  BlockOutput,
  CommittedHead,
  EndBlockResult,
  EnvironmentCapabilities,
  EnvironmentId,
  ExecutionEnvironment,
  HealthReport,
  InboundDelivery,
  QueryRequest,
  QueryResult,
  ResourceLimits,
  TransactionCheck,
  TransactionEnvelope,
} from '@bulkhead/core'
import type { CircuitBreakerRecord } from './circuit-breaker/create-circuit-breaker.js'
import type { RouterTelemetry } from './telemetry/router-telemetry.js'

/** How one environment's segment of a block went. */
export interface SegmentReport {
  readonly environment: EnvironmentId
  /**
   * `ok`: it ran. `timed_out`: it overran the wall-clock backstop. `rejected`: its host crashed
   * or it threw. In both failure cases every transaction got a receipt with that status, its
   * deliveries stay pending, it was restarted from its last committed root and `end` is the
   * empty block it then ran to keep its height in step (no messages, previous root).
   */
  readonly status: 'ok' | 'timed_out' | 'rejected'
  readonly reason?: string
  /** The environment's own end-of-block result: its root goes into the block header. */
  readonly end: EndBlockResult
  /**
   * Messages of `end.messages` (by index) that its permissions do not allow. They stay in the
   * block, so their value stays accounted as in flight; their delivery is refused with a failed
   * acknowledgement, which refunds the sender through the normal acknowledgement path.
   */
  readonly refusedMessages: readonly { readonly index: number; readonly reason: string }[]
}

/** The router's `EndBlockResult` plus each environment's own. */
export interface RouterEndBlockResult extends EndBlockResult {
  /** Every environment's segment, keyed by id (keys in id order). */
  readonly environments: Readonly<Record<EnvironmentId, SegmentReport>>
  /**
   * Deliveries not applied in this block and still pending: their target is paused, or its
   * segment failed. The coordinator re-delivers them later or times them out.
   */
  readonly heldDeliveries: readonly InboundDelivery[]
}

export interface RouterBlockOutput extends BlockOutput {
  readonly end: RouterEndBlockResult
}

/** Read-only access to one composed environment. */
export interface RoutedEnvironment {
  readonly id: EnvironmentId
  readonly hosting: 'in-process' | 'worker'
  head(): Promise<CommittedHead>
  health(): Promise<HealthReport>
  /** What the environment reported about itself when it started (a worker's, read once). */
  describe(): Promise<{ readonly vm: string; readonly limits: ResourceLimits; readonly capabilities: EnvironmentCapabilities }>
  checkTransaction(transaction: TransactionEnvelope): Promise<TransactionCheck>
  query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>>
}

/**
 * An ExecutionEnvironment made of environments: the coordinator drives it like any other one,
 * plus the scheduling, governance and telemetry methods below.
 */
export interface Router extends ExecutionEnvironment {
  /** Closes the block; `environments` carries each environment's result. */
  endBlock(): Promise<RouterEndBlockResult>
  /** One block, each environment's segment in one round trip, all in parallel. */
  runBlock(input: BlockInput): Promise<RouterBlockOutput>
  /**
   * `runBlock` and `commit` in the same round trip per environment: the block is committed when
   * this resolves. A caller that then refuses the block (a failed conservation check, say)
   * returns to the previous height with `rollback(height - 1)`, as after any committed block.
   */
  runAndCommitBlock(input: BlockInput): Promise<RouterBlockOutput>
  /**
   * Automine in one round trip per environment: `transaction`'s environment checks it (with the
   * router's policies, as `submit` does) inside the block's own call, and `onAdmitted` hears
   * that check as soon as it is known, while the block goes on. Admitted, it is the block's last
   * transaction and the block is committed as by `runAndCommitBlock`. Refused, there is no block:
   * the segments that ran are rolled back and the result is `{ refused }`. `input.transactions`
   * must hold none for the same environment. Saves the round trip of a separate `submit`.
   */
  admitAndCommitBlock(
    input: BlockInput,
    transaction: TransactionEnvelope,
    onAdmitted: (check: TransactionCheck) => void,
  ): Promise<RouterBlockOutput | { readonly refused: TransactionCheck }>
  /**
   * Brings an environment whose empty blocks keep its state (capabilities'
   * `emptyBlocksKeepState`) up to the last of `contexts` by running and committing the empty
   * blocks above its head, e.g. after a crash left it behind the chain (a worker host runs
   * such blocks late, in batches). Returns its head; refuses any other environment.
   */
  catchUpEnvironment(id: EnvironmentId, contexts: readonly BlockContext[]): Promise<CommittedHead>
  /** The composed environments' ids, sorted. */
  readonly environmentIds: readonly EnvironmentId[]
  /** One environment, for queries and checks. Throws `NotFoundError` for an unknown id. */
  environment(id: EnvironmentId): RoutedEnvironment
  /**
   * Checks a transaction with its environment and the router's policies and, when admitted,
   * queues it in its environment's queue. Returns the check (`rejected` ones are not queued).
   */
  submit(transaction: TransactionEnvelope): Promise<TransactionCheck>
  /**
   * Takes the next block's transactions from the queues: each environment gets its weighted
   * share of `gasLimit` (default `blockGasLimit`), subject to the throttles; paused
   * environments' queues wait. Pass the same `gasLimit` as the block context's.
   * Order: by environment id, then queue order.
   */
  takeBlock(options?: { readonly gasLimit?: bigint }): TransactionEnvelope[]
  /** How many admitted transactions wait in all the environments' queues (paused ones too). */
  queuedTransactions(): number
  /** Governance: its transactions are rejected and messages to it held until `resume`. */
  pause(id: EnvironmentId, reason?: string): void
  resume(id: EnvironmentId): void
  /** Governance: `id`'s share of block gas from the next `takeBlock` on (at least 1). */
  setWeight(id: EnvironmentId, weight: number): void
  /** Governance: replaces `id`'s permissions (missing fields default to `DEFAULT_PERMISSIONS`). */
  setPermissions(id: EnvironmentId, permissions: Partial<EnvironmentPermissions>): void
  /** Governance: rejects calls to `contract` in `id` without execution up to and including block `until`. */
  quarantine(id: EnvironmentId, contract: Address, until: bigint, reason: string): void
  /** Governance: ends `contract`'s quarantine now. */
  release(id: EnvironmentId, contract: Address): void
  /**
   * The circuit breaker's records, to store with each committed block; `restoreCircuitBreaker`
   * puts them back after a restart or revert, so quarantines are a function of the chain.
   */
  circuitBreakerState(): CircuitBreakerRecord[]
  restoreCircuitBreaker(state: readonly CircuitBreakerRecord[]): void
  /** Counters for the coordinator's metrics, as plain data. */
  telemetry(): RouterTelemetry
}
