import type {
  Address,
  BlockContext,
  BlockInput,
  CommittedHead,
  EnvironmentCapabilities,
  EnvironmentId,
  ExecutionEnvironment,
  Receipt,
  ResourceLimits,
  TransactionEnvelope,
} from '@bulkhead/core'
import type { KeptEnd, OnAdmitted, RefusedSegment, SegmentOutput, SegmentPolicy } from './run-segment.js'

/** The static facts of a hosted environment, read once when it starts. */
export interface Description {
  readonly id: EnvironmentId
  readonly vm: string
  readonly limits: ResourceLimits
  readonly capabilities: EnvironmentCapabilities
}

/** Methods forwarded unchanged to the environment. */
export type ForwardedMethod =
  | 'head'
  | 'health'
  | 'checkTransaction'
  | 'beginBlock'
  | 'deliver'
  | 'endBlock'
  | 'commit'
  | 'rollback'
  | 'query'

/**
 * Where an environment runs: the router talks to every environment through this, so in-process
 * and worker hosting behave the same apart from isolation. Failures of the host itself reject
 * with `EnvironmentHostError`; errors the environment throws on purpose pass through.
 */
export interface EnvironmentHost {
  readonly id: EnvironmentId
  readonly mode: 'in-process' | 'worker'
  /** Starts the host (idempotent) and describes the environment. */
  start(): Promise<Description>
  call<TMethod extends ForwardedMethod>(
    method: TMethod,
    ...args: Parameters<ExecutionEnvironment[TMethod]>
  ): ReturnType<ExecutionEnvironment[TMethod]>
  /** One block segment in one round trip. */
  runSegment(input: BlockInput, policy: SegmentPolicy): Promise<SegmentOutput>
  /**
   * With `policy.admitFirst`: `onAdmitted` hears the first transaction's check before the
   * segment ends, and a refused one runs nothing.
   */
  runSegment(input: BlockInput, policy: SegmentPolicy, onAdmitted: OnAdmitted): Promise<SegmentOutput | RefusedSegment>
  /** `execute` with the router's policy applied (step-by-step blocks). */
  executeSegment(
    transactions: readonly TransactionEnvelope[],
    policy: SegmentPolicy,
  ): Promise<{ readonly receipts: readonly Receipt[]; readonly targets: readonly (Address | undefined)[] }>
  /**
   * Runs and commits the empty blocks of `contexts` above the environment's head (see
   * `runEmptyBlocks`): how an environment whose empty blocks keep its state catches up, e.g.
   * after a crash left it behind the chain. Returns the head.
   */
  catchUp(contexts: readonly BlockContext[], kept?: KeptEnd): Promise<CommittedHead>
  /**
   * After a failure: makes sure a fresh instance runs, at the last committed head (a worker host
   * already terminated the failed worker; an in-process host rolls the object back).
   */
  restart(): Promise<void>
  close(): Promise<void>
}
