import type { EndBlockResult, EnvironmentId, Receipt } from '@bulkhead/core'
import type { StoredBlock } from '../chain/chain-store.js'

/** The result of producing one block. */
export interface ProducedBlock {
  readonly block: StoredBlock
  /** Receipts of transactions refused before execution: they are not part of the block. */
  readonly rejected: readonly Receipt[]
  /** Each environment's own end of the block (roots, amounts, VM extensions), as reported; not stored. */
  readonly ends: Readonly<Record<EnvironmentId, EndBlockResult>>
}
