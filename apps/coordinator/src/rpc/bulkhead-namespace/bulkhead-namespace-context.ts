import type { Hex, TransactionEnvelope } from '@bulkhead/core'
import type { Router } from '@bulkhead/router'
import type { ChainGenesis } from '../../genesis/chain-genesis.js'
import type { BulkheadNode } from '../../node/create-node.js'
import type { Sent } from '../../devnet/send-admitting.js'

/** What the `bulkhead_` methods need from the running node. */
export interface BulkheadNamespaceContext {
  readonly node: BulkheadNode
  /** The router the node drives (the one `openChain` returned with it). */
  readonly router: Router
  /** The chain's genesis: environment kinds, chain id, and the ledger before the first block. */
  readonly genesis: ChainGenesis
  /**
   * Submits a transaction (the devnet's `send`): `check` is its admission, `block` the block
   * that included it, or `undefined` when it was refused or the devnet mines on an interval.
   * With automine the devnet checks it inside its block's own round trip. Block production must
   * be serialized (one block at a time), since concurrent blocks may race.
   */
  readonly send: (transaction: TransactionEnvelope) => Promise<Sent>
  /**
   * Private key of one of genesis's governance keys. The admin methods sign governance
   * transactions with it; without it they answer that the node cannot govern.
   */
  readonly governanceKey?: Hex
}
