import type { Hash } from 'viem'
import type { MessageStatus } from './bulkhead-message.js'

/** One line of the audit log: a message transition, a governance action or a router event. */
export type BulkheadAuditEntry =
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
  | { readonly kind: 'governance'; readonly height: bigint; readonly action: string; readonly signer: string; readonly detail?: string }
  | { readonly kind: 'router'; readonly height: bigint; readonly event: string; readonly environment: string; readonly detail?: string }
