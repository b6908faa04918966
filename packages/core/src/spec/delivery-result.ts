import type { EnvironmentEvent } from './event.js'
import type { Acknowledgement } from './messages.js'
import type { OutcomeStatus } from './outcome-status.js'

/** How an environment applied one {@link InboundDelivery}. */
export interface DeliveryResult {
  /**
   * `ok` when applied. For a `message` delivery a failing body (a reverting call, a receiver
   * that cannot hold the asset) is still a result: `status` says how it failed and
   * `acknowledgement.success` is `false`. `rejected` means the delivery itself was invalid
   * (unknown body, wrong destination) and nothing changed.
   */
  readonly status: OutcomeStatus
  /** The engine's reason for a non-`ok` status. */
  readonly reason?: string
  /** Gas spent applying it (a `ContractCall`'s execution); counted against the block. */
  readonly gasUsed: bigint
  /** For a `message` delivery: the answer that goes back to the source. Absent for acks and timeouts. */
  readonly acknowledgement?: Acknowledgement
  /** For an acknowledgement or timeout: the amount credited back to the original sender (0 when none). */
  readonly refunded?: bigint
  /** Events emitted while applying it. */
  readonly events: readonly EnvironmentEvent[]
}
