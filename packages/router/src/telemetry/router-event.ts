import type { Address, EnvironmentId } from '@bulkhead/core'

/** Something the router did on its own authority; every one is also kept in telemetry. */
export type RouterEvent =
  | {
      readonly kind: 'quarantined'
      readonly environment: EnvironmentId
      readonly contract: Address
      /** The block whose commit tripped the breaker. */
      readonly height: bigint
      /** Last height at which the contract is still quarantined. */
      readonly until: bigint
      readonly reason: string
    }
  | {
      readonly kind: 'released'
      readonly environment: EnvironmentId
      readonly contract: Address
      readonly height: bigint
    }
  | {
      readonly kind: 'restarted'
      readonly environment: EnvironmentId
      readonly height: bigint
      readonly failure: 'timed_out' | 'crashed' | 'threw'
      readonly reason: string
    }
  | { readonly kind: 'paused'; readonly environment: EnvironmentId; readonly reason: string }
  | { readonly kind: 'resumed'; readonly environment: EnvironmentId }
