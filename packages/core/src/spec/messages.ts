import type { EnvironmentId, Hash, Hex } from './identifiers.js'

/**
 * Cross-environment message bodies. These mirror `proto/bulkhead/xenv/v1`; `@bulkhead/proto`
 * owns their canonical bytes and hash. Amounts are `bigint` (uint256 on the wire).
 */

/** Moves an amount of a denom from `sender` in the source to `receiver` in the destination. */
export interface AssetTransfer {
  readonly kind: 'asset_transfer'
  /** The asset's name; the chain's native asset is named in genesis. */
  readonly denom: string
  /** How much, in the denom's smallest unit; 0 < amount < 2^256. */
  readonly amount: bigint
  /** Account in the source environment that paid (and is refunded on failure). */
  readonly sender: Hex
  /** Account in the destination environment that is credited. */
  readonly receiver: Hex
  /** Free text carried along, at most 256 bytes of UTF-8; default empty. */
  readonly memo: string
}

/** An asynchronous call: the destination runs it and returns its result in the acknowledgement. */
export interface ContractCall {
  readonly kind: 'contract_call'
  /** The calling account or contract in the source environment. */
  readonly sender: Hex
  /** The contract to call in the destination environment. */
  readonly contract: Hex
  /** Call data in the destination VM's ABI. */
  readonly data: Uint8Array
  /** Gas the destination may spend on the call; the call fails with `out_of_gas` past it. */
  readonly gasLimit: bigint
}

/** A key/value published by a contract, mirrored read-only into the destination. */
export interface StateSync {
  readonly kind: 'state_sync'
  /** The publishing contract in the source environment. */
  readonly publisher: Hex
  /** The key, at most 256 bytes. */
  readonly key: Uint8Array
  /** The value, at most 16 KiB. */
  readonly value: Uint8Array
  /** Monotonic per (publisher, key); a mirror keeps only the highest version it received. */
  readonly version: bigint
}

/** The destination's answer to a message, travelling back on the reverse channel. */
export interface Acknowledgement {
  readonly kind: 'acknowledgement'
  /** `true` when the message was applied; `false` makes the source refund. */
  readonly success: boolean
  /** Return data of a successful `ContractCall`; empty otherwise. */
  readonly result: Uint8Array
  /** Why the message failed; empty on success. */
  readonly error: string
}

/** Bodies a contract may send. */
export type OutboundBody = AssetTransfer | ContractCall | StateSync

/** Every body the wire format carries. */
export type MessageBody = OutboundBody | Acknowledgement

/** The kinds of {@link MessageBody}. */
export type MessageKind = MessageBody['kind']

/**
 * A message as an environment emits it at the end of a block: the coordinator assigns its
 * channel sequence when it commits the block.
 */
export interface OutboundMessage {
  /** The environment it is for. */
  readonly destination: EnvironmentId
  /**
   * Height after which it can no longer be delivered and is refunded instead.
   * 0 means "the chain's default timeout", filled in by the coordinator.
   */
  readonly timeoutHeight: bigint
  /** Hash of the transaction (or delivered message) that produced it. */
  readonly originTransaction: Hash
  readonly body: OutboundBody
}

/**
 * A committed message: an envelope on the channel (source, destination).
 * For an `Acknowledgement`, `source`/`destination` are the reverse of the acknowledged
 * message's and `sequence` is that message's sequence; acknowledgements use no sequence of their own.
 */
export interface CrossEnvironmentMessage {
  readonly source: EnvironmentId
  readonly destination: EnvironmentId
  /** Position on the channel (source, destination), from 1, without gaps. */
  readonly sequence: bigint
  readonly timeoutHeight: bigint
  readonly originTransaction: Hash
  readonly body: MessageBody
}

/** A committed message whose body a contract sent (anything but an acknowledgement). */
export type SentMessage = CrossEnvironmentMessage & { readonly body: OutboundBody }

/**
 * What the coordinator hands an environment at the start of a block, in (channel, sequence) order.
 *
 * - `message`: this environment is the destination; apply it and answer with an acknowledgement.
 * - `acknowledgement`: this environment sent `message`; on failure refund its sender.
 * - `timeout`: this environment sent `message`, which was not delivered in time; refund its sender.
 *
 * Refunds must never fail: the value was taken out of supply at send, so crediting it back is
 * always possible.
 */
export type InboundDelivery =
  | { readonly kind: 'message'; readonly message: SentMessage }
  | { readonly kind: 'acknowledgement'; readonly message: SentMessage; readonly acknowledgement: Acknowledgement }
  | { readonly kind: 'timeout'; readonly message: SentMessage }
