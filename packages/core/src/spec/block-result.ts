import type { BlockContext } from './block-context.js'
import type { DeliveryResult } from './delivery-result.js'
import type { Hash } from './identifiers.js'
import type { InboundDelivery, OutboundMessage } from './messages.js'
import type { Receipt } from './receipt.js'
import type { TransactionEnvelope } from './transaction.js'

/** Amounts per denom. Keys are denoms; absent means 0. */
export type DenomAmounts = Readonly<Record<string, bigint>>

/** What an environment reports when it closes a block. */
export interface EndBlockResult {
  /** The height that was closed. */
  readonly height: bigint
  /** The state root after the block: a commitment to every account, contract and mirror. */
  readonly stateRoot: Hash
  /**
   * Messages produced by successful deliveries and transactions, in canonical order: deliveries
   * first, then transactions, each in execution order and then emission order.
   */
  readonly messages: readonly OutboundMessage[]
  /** Gas spent in this block, deliveries included. */
  readonly gasUsed: bigint
  /** Total amount of each denom held in this environment after the block, measured from state. */
  readonly supply: DenomAmounts
  /** Amounts destroyed by a documented rule during the block (for EVM: base fees burned). */
  readonly burnedByRule: DenomAmounts
  /** Amounts created by a documented rule during the block (none in the built-in environments). */
  readonly mintedByRule: DenomAmounts
  /**
   * VM-specific facts about the block, structured-cloneable, outside the spec's semantics (the
   * EVM environment: `blockHash`, the hash of its Ethereum-style header). Optional.
   */
  readonly extensions?: Readonly<Record<string, unknown>>
}

/** One whole block segment for one environment, so that hosting it costs one round trip. */
export interface BlockInput {
  readonly context: BlockContext
  readonly deliveries: readonly InboundDelivery[]
  readonly transactions: readonly TransactionEnvelope[]
}

/** The results of {@link BlockInput}, in input order. */
export interface BlockOutput {
  readonly deliveries: readonly DeliveryResult[]
  readonly receipts: readonly Receipt[]
  readonly end: EndBlockResult
}

/** A committed height of one environment. */
export interface CommittedHead {
  /** 0 before the first block (genesis). */
  readonly height: bigint
  readonly stateRoot: Hash
}
