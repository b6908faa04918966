import type { CommittedHead } from './block-result.js'

/**
 * - `healthy`: accepting blocks.
 * - `degraded`: recovering (its host crashed or overran and it restarts from its last root).
 * - `paused`: governance paused it; messages to it wait and may time out.
 * - `stopped`: closed; every call fails.
 */
export type HealthStatus = 'healthy' | 'degraded' | 'paused' | 'stopped'

export interface HealthReport {
  readonly status: HealthStatus
  /** The last committed height and root. */
  readonly head: CommittedHead
  /** A human-readable explanation when not `healthy`. */
  readonly detail?: string
}
