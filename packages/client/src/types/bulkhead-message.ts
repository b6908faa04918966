import type { Hash, Hex } from 'viem'

/** Where a committed message is in its lifecycle (docs/protocol.md). */
export type MessageStatus = 'pending' | 'delivered' | 'acknowledged' | 'refunded' | 'timed_out'

export type MessageBody =
  | { readonly kind: 'asset_transfer'; readonly denom: string; readonly amount: bigint; readonly sender: Hex; readonly receiver: Hex; readonly memo: string }
  | { readonly kind: 'contract_call'; readonly sender: Hex; readonly contract: Hex; readonly data: Hex; readonly gasLimit: bigint }
  | { readonly kind: 'state_sync'; readonly publisher: Hex; readonly key: Hex; readonly value: Hex; readonly version: bigint }

/** A committed message with its status history. */
export interface BulkheadMessage {
  readonly message: {
    readonly source: string
    readonly destination: string
    readonly sequence: bigint
    readonly timeoutHeight: bigint
    /** The transaction (or delivered message) that sent it. */
    readonly originTransaction: Hash
    readonly body: MessageBody
  }
  readonly hash: Hash
  readonly status: MessageStatus
  /** The destination's answer, once delivered. */
  readonly acknowledgement?: { readonly success: boolean; readonly result: Hex; readonly error: string }
  /** Oldest first. */
  readonly history: readonly { readonly status: MessageStatus; readonly height: bigint; readonly detail?: string }[]
}
