import type { Address, EnvironmentId, HealthStatus, OutcomeStatus } from '@bulkhead/core'
import type { RouterEvent } from './router-event.js'

/** Per-environment counters since the router was created. Plain data, safe to JSON with bigint handling. */
export interface EnvironmentTelemetry {
  readonly id: EnvironmentId
  readonly hosting: 'in-process' | 'worker'
  readonly status: HealthStatus
  /** Why the status is not `healthy`, when it is not. */
  readonly detail?: string
  /** Blocks whose segment this environment ran (failed ones included). */
  readonly blocks: number
  /** Transactions routed to it, refused ones included. */
  readonly transactions: number
  readonly deliveries: number
  /** Gas its segments reported. */
  readonly gasUsed: bigint
  /** Receipts by status, every status present. */
  readonly outcomes: Readonly<Record<OutcomeStatus, number>>
  /** Transactions waiting in its queue. */
  readonly queueDepth: number
  /** Deliveries held back in the last block (paused, or its segment failed): still pending. */
  readonly waitingDeliveries: number
  /** Wall-clock time of its last block segment, round trip included, in ms. */
  readonly lastSegmentMs: number
  /** Sum of segment times, in ms (divide by `blocks` for the mean). */
  readonly totalSegmentMs: number
  /** Times its host was restarted after a crash, overrun or throw. */
  readonly restarts: number
  readonly weight: number
}

/** A contract the circuit breaker has seen fail. */
export interface ContractTelemetry {
  readonly environment: EnvironmentId
  readonly contract: Address
  /** Failures inside the current window. */
  readonly recentFailures: number
  /** Failures since the router was created. */
  readonly totalFailures: number
  /** Last height of its quarantine, when quarantined (at the router's current head). */
  readonly quarantinedUntil?: bigint
}

export interface RouterTelemetry {
  readonly environments: readonly EnvironmentTelemetry[]
  readonly contracts: readonly ContractTelemetry[]
  /** The most recent events (at most 256), oldest first. */
  readonly events: readonly RouterEvent[]
}
