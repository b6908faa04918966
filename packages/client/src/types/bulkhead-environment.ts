import type { Hash } from 'viem'

/** How an environment is doing: `paused` by governance, `degraded` while its host restarts. */
export type EnvironmentStatus = 'healthy' | 'degraded' | 'paused' | 'stopped'

/** The deterministic limits an environment enforces (`ResourceLimits` of @bulkhead/core). */
export interface BulkheadEnvironmentLimits {
  readonly transactionGasLimit: bigint
  readonly blockGasLimit: bigint
  readonly maxTransactionBytes: number
  readonly maxCallDepth: number
  readonly maxMessagesPerTransaction: number
  /** VM-specific limits by name (WASM `maxMemoryPages`, …). */
  readonly vm: Readonly<Record<string, number>>
}

/** The router's counters for one environment since the node started. */
export interface BulkheadEnvironmentCounters {
  readonly blocks: number
  readonly transactions: number
  readonly deliveries: number
  readonly gasUsed: bigint
  /** Receipts by outcome status. */
  readonly outcomes: Readonly<Record<string, number>>
  readonly queueDepth: number
  readonly waitingDeliveries: number
  readonly lastSegmentMs: number
  readonly totalSegmentMs: number
  readonly restarts: number
  readonly weight: number
}

/** One entry of `bulkhead_environments`. */
export interface BulkheadEnvironment {
  readonly id: string
  /** `evm`, `wasm` or an adapter's own kind. */
  readonly vm: string | null
  readonly hosting: 'in-process' | 'worker'
  readonly status: EnvironmentStatus
  /** Why it is not healthy (the pause reason, the crash). */
  readonly detail?: string
  readonly head: { readonly height: bigint; readonly stateRoot: Hash }
  /** `null` while the node cannot report them. */
  readonly limits: BulkheadEnvironmentLimits | null
  readonly capabilities: { readonly receives: readonly string[]; readonly sends: readonly string[]; readonly denoms: readonly string[] } | null
  readonly counters: BulkheadEnvironmentCounters | null
}
