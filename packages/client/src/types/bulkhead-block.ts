import type { Address, Hash } from 'viem'

/** A committed block's header, with what it holds. */
export interface BulkheadBlock {
  readonly height: bigint
  readonly hash: Hash
  readonly parentHash: Hash
  /** Seconds since the Unix epoch. */
  readonly timestamp: bigint
  readonly proposer: Address
  /** Each environment's state root after the block. */
  readonly stateRoots: readonly { readonly environment: string; readonly stateRoot: Hash }[]
  /** Merkle root of the messages the block committed. */
  readonly messageRoot: Hash
  readonly transactionRoot: Hash
  /** Hashes of the included transactions, governance first. */
  readonly transactions: readonly Hash[]
  readonly transactionCount: number
  readonly messageCount: number
  /** How each environment's segment went. */
  readonly segments: readonly { readonly environment: string; readonly status: 'ok' | 'timed_out' | 'rejected'; readonly reason?: string }[]
}
