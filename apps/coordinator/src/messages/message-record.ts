import type { Acknowledgement, Hash, SentMessage } from '@bulkhead/core'

/**
 * Where a committed message is in its lifecycle (docs/protocol.md):
 *
 * - `pending`: committed, not yet applied by its destination;
 * - `delivered`: applied; its acknowledgement waits to be handed back to the source;
 * - `acknowledged`: the source received the acknowledgement (success, or an error for a
 *   message that carried no value);
 * - `refunded`: an asset transfer failed (error acknowledgement or timeout) and the source
 *   credited the sender back;
 * - `timed_out`: not delivered by its timeout height and carried no value to refund.
 */
export type MessageStatus = 'pending' | 'delivered' | 'acknowledged' | 'refunded' | 'timed_out'

/** One step of a message's history. */
export interface MessageTransition {
  readonly status: MessageStatus
  readonly height: bigint
  /** Why, for failures (the acknowledgement's error, "timeout at height …"). */
  readonly detail?: string
}

/** Everything the node knows about one committed message. */
export interface MessageRecord {
  readonly message: SentMessage
  /** `messageHash(message)`. */
  readonly hash: Hash
  readonly status: MessageStatus
  /** The destination's answer, once delivered. */
  readonly acknowledgement?: Acknowledgement
  /** Oldest first; the first entry is `pending` at the height that committed it. */
  readonly history: readonly MessageTransition[]
}

/** Messages whose lifecycle is over: they are never delivered or refunded again. */
export function isSettled(status: MessageStatus): boolean {
  return status === 'acknowledged' || status === 'refunded' || status === 'timed_out'
}

/** The amount a record keeps in flight: an asset transfer not yet minted at the destination nor refunded. */
export function inFlightAmount(record: MessageRecord): { denom: string; amount: bigint } | undefined {
  const { body } = record.message
  if (body.kind !== 'asset_transfer') return undefined
  const inFlight = record.status === 'pending' || (record.status === 'delivered' && record.acknowledgement?.success === false)
  return inFlight ? { denom: body.denom, amount: body.amount } : undefined
}
