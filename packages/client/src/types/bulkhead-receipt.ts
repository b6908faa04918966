import type { Address, Hash, Hex } from 'viem'

/** The one outcome vocabulary of every environment. */
export type OutcomeStatus = 'ok' | 'reverted' | 'out_of_gas' | 'trapped' | 'rejected' | 'timed_out'

/** An event (EVM log, WASM `emit_event`). */
export interface BulkheadEvent {
  readonly address: Address
  readonly topics: readonly Hash[]
  readonly data: Hex
}

/** A receipt in the vocabulary every environment shares, with where it was included. */
export interface BulkheadReceipt {
  readonly transactionHash: Hash
  /** The environment that ran it (`governance` for governance transactions). */
  readonly environment: string
  /** Position among this environment's transactions in the block. */
  readonly index: number
  readonly status: OutcomeStatus
  /** The engine's reason for a status other than `ok`. */
  readonly reason?: string
  readonly sender?: Address
  readonly contractAddress?: Address
  readonly gasUsed: bigint
  /** Return data, or revert data when `reverted`. */
  readonly returnData: Hex
  readonly events: readonly BulkheadEvent[]
  /** Cross-environment messages the transaction sent. */
  readonly messageCount: number
  /** Fields only one VM has (for WASM: `gasSchedule`, `debugLog`), as JSON. */
  readonly extensions?: Readonly<Record<string, unknown>>
  readonly blockHeight: bigint
  readonly blockHash: Hash
  /** Position among the block's receipts. */
  readonly blockIndex: number
}
