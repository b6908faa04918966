import type { ResourceLimits as WorkerResourceLimits } from 'node:worker_threads'
import type {
  EnvironmentCapabilities,
  EnvironmentId,
  EnvironmentPermissions,
  ExecutionEnvironment,
  ResourceLimits,
} from '@bulkhead/core'
import type { RouterEvent } from './telemetry/router-event.js'

/** How the worker builds a worker-hosted environment. Everything here is structured-cloned. */
export interface WorkerEnvironmentSource {
  /**
   * What the worker passes to `import()`: a file URL (`new URL('./env.js', import.meta.url).href`),
   * an absolute path, or a package name resolvable from the process's working directory.
   */
  readonly module: string
  /** The exported factory: `(options) => ExecutionEnvironment | Promise<ExecutionEnvironment>`. */
  readonly export: string
  /**
   * Passed to the factory; structured-cloneable (bigint and Uint8Array are fine). The factory
   * must resume from its store, so that a restarted worker comes back at the last committed head.
   */
  readonly options?: unknown
  /** Heap caps; default `{ maxOldGenerationSizeMb: 256 }`. */
  readonly resourceLimits?: WorkerResourceLimits
}

/** One environment the router composes. */
export interface RoutedEnvironmentOptions {
  /** The name transactions and messages are addressed to; must match the environment's own id. */
  readonly id: EnvironmentId
  /** Either an environment object (hosted in-process) or a worker source (hosted in a worker). */
  readonly environment?: ExecutionEnvironment
  readonly worker?: WorkerEnvironmentSource
  /** Its share of block gas, relative to the other environments' weights; default 1. */
  readonly weight?: number
  /** What it may do across the boundary; missing fields default to `DEFAULT_PERMISSIONS`. */
  readonly permissions?: Partial<EnvironmentPermissions>
}

/** Repeated failures of one contract quarantine it. */
export interface CircuitBreakerOptions {
  /** Failures (`trapped` or `out_of_gas` receipts) that trip the breaker; default 3. */
  readonly failures?: number
  /** Within this many consecutive blocks; default 10. */
  readonly window?: number
  /** Blocks the contract stays quarantined after tripping; default 20. */
  readonly quarantine?: number
}

/** Limits the block builder applies per block, per environment. */
export interface ThrottleOptions {
  /** Most transactions of one sender per environment per block; default 64. */
  readonly maxTransactionsPerSender?: number
  /** Most transactions calling one contract per environment per block; default 256. */
  readonly maxTransactionsPerContract?: number
  /** Most transactions waiting in one environment's queue; `submit` rejects beyond it. Default 10,000. */
  readonly maxQueueDepth?: number
}

export interface RouterOptions {
  /** The router's own environment id; default `'router'`. */
  readonly id?: EnvironmentId
  readonly environments: readonly RoutedEnvironmentOptions[]
  /** Block gas `takeBlock` packs when not told otherwise; default 30,000,000. */
  readonly blockGasLimit?: bigint
  /** Wall-clock backstop per worker call, in ms; default 5,000. Deterministic limits must fire first. */
  readonly backstopMs?: number
  /** Time a worker may take to build its environment, in ms; default 30,000. */
  readonly startupTimeoutMs?: number
  readonly circuitBreaker?: CircuitBreakerOptions
  readonly throttles?: ThrottleOptions
  /** Limits the router reports as an environment; default the built-in defaults with `blockGasLimit`. */
  readonly limits?: ResourceLimits
  /** Capabilities the router reports; default every message kind, denoms `[]`. */
  readonly capabilities?: EnvironmentCapabilities
  /**
   * Where `query` sends a request that names no environment (a router of one environment, or a
   * default); without it such a query throws and callers use `router.environment(id)`.
   */
  readonly queryEnvironment?: EnvironmentId
  /** Called for each router event (quarantine, release, restart, pause, resume), synchronously. */
  readonly onEvent?: (event: RouterEvent) => void
}
