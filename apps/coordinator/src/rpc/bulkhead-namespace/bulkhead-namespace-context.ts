import type { Hex } from '@bulkhead/core'
import type { Router } from '@bulkhead/router'
import type { ChainGenesis } from '../../genesis/chain-genesis.js'
import type { BulkheadNode } from '../../node/create-node.js'
import type { ProducedBlock } from '../../node/produced-block.js'

/** What the `bulkhead_` methods need from the running node. */
export interface BulkheadNamespaceContext {
  readonly node: BulkheadNode
  /** The router the node drives (the one `openChain` returned with it). */
  readonly router: Router
  /** The chain's genesis: environment kinds, chain id, and the ledger before the first block. */
  readonly genesis: ChainGenesis
  /**
   * The devnet's automine: produces a block now and returns it, or `undefined` when the devnet
   * mines on an interval instead. Called after every accepted transaction. It should serialize
   * block production (one block at a time), since concurrent calls may race.
   */
  readonly mine: () => Promise<ProducedBlock | undefined>
  /**
   * Private key of one of genesis's governance keys. The admin methods sign governance
   * transactions with it; without it they answer that the node cannot govern.
   */
  readonly governanceKey?: Hex
}
