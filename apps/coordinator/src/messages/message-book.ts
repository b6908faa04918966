import type {
  CrossEnvironmentMessage,
  DeliveryResult,
  EnvironmentId,
  InboundDelivery,
  OutboundMessage,
  SentMessage,
} from '@bulkhead/core'
import { messageHash } from '@bulkhead/proto'
import { channelKey, compareChannelOrder, messageKey } from './channel-key.js'
import { inFlightAmount, isSettled, type MessageRecord, type MessageStatus, type MessageTransition } from './message-record.js'

/** The outbound messages one environment produced in a block, in its own canonical order. */
export interface EnvironmentOutbox {
  readonly source: EnvironmentId
  readonly messages: readonly OutboundMessage[]
}

/** What a block did to the message book; applied with `apply` only once the block is committed. */
export interface MessageBookUpdate {
  readonly height: bigint
  /** Messages this block commits (new sends and acknowledgement envelopes), in canonical order: the message root's leaves. */
  readonly committed: readonly CrossEnvironmentMessage[]
  /** Every record created or changed by the block, as it is after the block. */
  readonly records: readonly MessageRecord[]
  /** Channels whose next sequence moved, and where to. */
  readonly nextSequences: ReadonlyMap<string, bigint>
  /** Transitions made in this block, for the audit log. */
  readonly transitions: readonly { readonly record: MessageRecord; readonly transition: MessageTransition }[]
}

export interface MessageBookSnapshot {
  /** Next sequence per channel (`source/destination`); channels never used start at 1. */
  readonly nextSequences: ReadonlyMap<string, bigint>
  /** Records not yet settled. */
  readonly open: readonly MessageRecord[]
}

export interface MessageBookOptions {
  /** Blocks a message may wait when its sender gave no timeout height. */
  readonly defaultTimeout: bigint
  /** State to resume from (after a restart); default empty. */
  readonly snapshot?: MessageBookSnapshot
}

/**
 * The message lifecycle of docs/protocol.md as plain, deterministic bookkeeping: which
 * deliveries a block makes, what their results mean, which sequences new messages get, and
 * what is in flight. It holds only unsettled messages; settled ones live in the chain store.
 */
export interface MessageBook {
  /** Deliveries for block `height`, in (channel, sequence) order. Environments `held` (paused) receive none. */
  planDeliveries(height: bigint, held: (environment: EnvironmentId) => boolean): readonly InboundDelivery[]
  /** Works out what block `height` did, without changing the book. */
  settleBlock(
    height: bigint,
    deliveries: readonly InboundDelivery[],
    results: readonly DeliveryResult[],
    outboxes: readonly EnvironmentOutbox[],
  ): MessageBookUpdate
  /** Makes a committed block's update the book's state. */
  apply(update: MessageBookUpdate): void
  /**
   * Amount in flight per denom: sent, and neither minted at the destination nor refunded.
   * With `update`, as it will be once that block is applied (what the ledger check needs).
   */
  inFlight(update?: MessageBookUpdate): Map<string, bigint>
  /** An unsettled record. */
  open(source: EnvironmentId, destination: EnvironmentId, sequence: bigint): MessageRecord | undefined
  /** The state to persist and resume from. */
  snapshot(): MessageBookSnapshot
}

export function createMessageBook(options: MessageBookOptions): MessageBook {
  const nextSequences = new Map(options.snapshot?.nextSequences ?? [])
  const open = new Map<string, MessageRecord>()
  for (const record of options.snapshot?.open ?? []) open.set(keyOf(record.message), record)

  const sortedOpen = () => [...open.values()].sort((left, right) => compareChannelOrder(left.message, right.message))

  return {
    planDeliveries(height, held) {
      const deliveries: InboundDelivery[] = []
      for (const record of sortedOpen()) {
        const { message } = record
        if (record.status === 'pending') {
          if (height > message.timeoutHeight) {
            if (!held(message.source)) deliveries.push({ kind: 'timeout', message })
          } else if (!held(message.destination)) {
            deliveries.push({ kind: 'message', message })
          }
        } else if (record.status === 'delivered' && record.acknowledgement !== undefined && !held(message.source)) {
          deliveries.push({ kind: 'acknowledgement', message, acknowledgement: record.acknowledgement })
        }
      }
      return deliveries
    },

    settleBlock(height, deliveries, results, outboxes) {
      if (deliveries.length !== results.length) {
        throw new Error(`settleBlock: ${deliveries.length} deliveries but ${results.length} results`)
      }
      const changed = new Map<string, MessageRecord>()
      const transitions: { record: MessageRecord; transition: MessageTransition }[] = []
      const committed: CrossEnvironmentMessage[] = []
      const move = (record: MessageRecord, steps: MessageTransition[], acknowledgement = record.acknowledgement) => {
        const next: MessageRecord = {
          ...record,
          status: (steps.at(-1) as MessageTransition).status,
          ...(acknowledgement === undefined ? {} : { acknowledgement }),
          history: [...record.history, ...steps],
        }
        changed.set(keyOf(record.message), next)
        for (const transition of steps) transitions.push({ record: next, transition })
        return next
      }

      deliveries.forEach((delivery, index) => {
        const result = results[index] as DeliveryResult
        const record = changed.get(keyOf(delivery.message)) ?? open.get(keyOf(delivery.message))
        if (record === undefined) throw new Error(`settleBlock: no open message ${keyOf(delivery.message)}`)
        const carriesValue = record.message.body.kind === 'asset_transfer'
        switch (delivery.kind) {
          case 'message': {
            // No acknowledgement means the destination did not apply it (its segment was dropped):
            // the message stays pending and is tried again until it times out.
            const { acknowledgement } = result
            if (acknowledgement === undefined) return
            move(record, [{ status: 'delivered', height, ...failure(acknowledgement) }], acknowledgement)
            committed.push({
              source: record.message.destination,
              destination: record.message.source,
              sequence: record.message.sequence,
              timeoutHeight: 0n,
              originTransaction: record.hash,
              body: acknowledgement,
            })
            return
          }
          case 'acknowledgement': {
            if (result.status !== 'ok') return // the source did not apply it; hand it back next block
            const failed = delivery.acknowledgement.success === false
            move(record, [{ status: failed && carriesValue ? 'refunded' : 'acknowledged', height, ...failure(delivery.acknowledgement) }])
            return
          }
          case 'timeout': {
            if (result.status !== 'ok') return
            const detail = `not delivered by height ${record.message.timeoutHeight}`
            const steps: MessageTransition[] = [{ status: 'timed_out', height, detail }]
            if (carriesValue) steps.push({ status: 'refunded', height, detail: 'refunded after timeout' })
            move(record, steps)
          }
        }
      })

      const movedSequences = new Map<string, bigint>()
      const ordered = [...outboxes].sort((left, right) => (left.source < right.source ? -1 : left.source > right.source ? 1 : 0))
      for (const { source, messages } of ordered) {
        for (const outbound of messages) {
          const channel = channelKey(source, outbound.destination)
          const sequence = movedSequences.get(channel) ?? nextSequences.get(channel) ?? 1n
          movedSequences.set(channel, sequence + 1n)
          const message: SentMessage = {
            source,
            destination: outbound.destination,
            sequence,
            timeoutHeight: outbound.timeoutHeight === 0n ? height + options.defaultTimeout : outbound.timeoutHeight,
            originTransaction: outbound.originTransaction,
            body: outbound.body,
          }
          const record: MessageRecord = {
            message,
            hash: messageHash(message),
            status: 'pending',
            history: [{ status: 'pending', height }],
          }
          changed.set(keyOf(message), record)
          transitions.push({ record, transition: record.history[0] as MessageTransition })
          committed.push(message)
        }
      }
      committed.sort((left, right) => compareChannelOrder(left, right) || ackLast(left) - ackLast(right))
      return { height, committed, records: [...changed.values()], nextSequences: movedSequences, transitions }
    },

    apply(update) {
      for (const [channel, next] of update.nextSequences) nextSequences.set(channel, next)
      for (const record of update.records) {
        if (isSettled(record.status)) open.delete(keyOf(record.message))
        else open.set(keyOf(record.message), record)
      }
    },

    inFlight(update) {
      const records = new Map(open)
      for (const record of update?.records ?? []) records.set(keyOf(record.message), record)
      const totals = new Map<string, bigint>()
      for (const record of records.values()) {
        const amount = inFlightAmount(record)
        if (amount !== undefined) totals.set(amount.denom, (totals.get(amount.denom) ?? 0n) + amount.amount)
      }
      return totals
    },

    open(source, destination, sequence) {
      return open.get(messageKey(source, destination, sequence))
    },

    snapshot() {
      return { nextSequences: new Map(nextSequences), open: sortedOpen() }
    },
  }
}

function keyOf(message: { source: string; destination: string; sequence: bigint }): string {
  return messageKey(message.source, message.destination, message.sequence)
}

function failure(acknowledgement: { success: boolean; error: string }): { detail?: string } {
  return acknowledgement.success ? {} : { detail: acknowledgement.error }
}

function ackLast(message: CrossEnvironmentMessage): number {
  return message.body.kind === 'acknowledgement' ? 1 : 0
}

/** Statuses, for callers that list them (RPC filters, docs). */
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['pending', 'delivered', 'acknowledged', 'refunded', 'timed_out']
