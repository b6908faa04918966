import type { KeyValueStore } from '@bulkhead/core'
import { createRouter, type Router, type RouterOptions } from '@bulkhead/router'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import { createNode, type BulkheadNode, type NodeOptions } from './create-node.js'
import type { EnvironmentAdapter } from './environment-adapter.js'

export interface OpenChainOptions {
  readonly genesis: ChainGenesis
  /** Adapters by VM kind; every environment's `vm` must have one. */
  readonly adapters: Readonly<Record<string, EnvironmentAdapter>>
  /** The node's storage: environments get `env-<id>` namespaces, the chain `chain`. */
  readonly store: KeyValueStore
  readonly clock?: NodeOptions['clock']
  /** Router settings beyond what genesis decides (backstops, circuit breaker, throttles). */
  readonly router?: Omit<RouterOptions, 'environments' | 'blockGasLimit'>
}

/** Builds every environment of `genesis` with its adapter, composes them and opens the node. */
export async function openChain(options: OpenChainOptions): Promise<{ node: BulkheadNode; router: Router }> {
  const { genesis, store } = options
  const environments = await Promise.all(
    genesis.environments.map(async (entry) => {
      const adapter = options.adapters[entry.vm]
      if (adapter === undefined) throw new Error(`No adapter for environment kind "${entry.vm}"`)
      return {
        id: entry.id,
        weight: entry.blockGasWeight,
        permissions: entry.permissions,
        environment: await adapter.create({ genesis, entry, store: store.namespace(`env-${entry.id}`) }),
      }
    }),
  )
  const router = createRouter({ ...options.router, environments, blockGasLimit: genesis.blockGasLimit })
  const node = await createNode({ genesis, router, store, ...(options.clock === undefined ? {} : { clock: options.clock }) })
  return { node, router }
}
