import type { Hash } from '@bulkhead/core'
import type { MessageStatus } from '../messages/message-record.js'

/**
 * One line of the audit log: every cross-boundary message transition and every governance
 * action, in the order the chain applied them.
 */
export type AuditEntry =
  | {
      readonly kind: 'message'
      readonly height: bigint
      readonly source: string
      readonly destination: string
      readonly sequence: bigint
      readonly hash: Hash
      readonly status: MessageStatus
      readonly detail?: string
    }
  | {
      readonly kind: 'governance'
      readonly height: bigint
      readonly action: string
      readonly signer: string
      readonly detail?: string
    }
  | {
      readonly kind: 'router'
      readonly height: bigint
      readonly event: string
      readonly environment: string
      readonly detail?: string
    }
