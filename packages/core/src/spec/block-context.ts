import type { Address, Hash } from './identifiers.js'

/** What an environment knows about the block it is executing. Identical for every environment in a block. */
export interface BlockContext {
  /** Height of the block being built; genesis is height 0, so the first block is 1. */
  readonly height: bigint
  /** Block time in whole seconds since the Unix epoch; never decreases from block to block. */
  readonly timestamp: bigint
  /** Hash of the previous block header (all zero bytes for block 1's parent, the genesis header). */
  readonly parentHash: Hash
  /**
   * Gas this environment may spend in this block, across deliveries and transactions.
   * The block builder derives it from the environment's weight; an environment must reject
   * a transaction whose gas limit does not fit in what is left.
   */
  readonly gasLimit: bigint
  /** Who receives priority fees; default the zero address (fees are then effectively burned). */
  readonly proposer?: Address
}
