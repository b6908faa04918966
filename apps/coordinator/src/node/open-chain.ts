import type { EnvironmentFactory, KeyValueStore } from '@bulkhead/core'
import { createRouter, type Router, type RouterOptions } from '@bulkhead/router'
import type { ChainGenesis, EnvironmentGenesisEntry } from '../genesis/chain-genesis.js'
import type { HostedEnvironmentOptions, HostedStorage } from '../environment-worker.js'
import { createNode, type BulkheadNode, type NodeOptions } from './create-node.js'

export interface OpenChainOptions {
  readonly genesis: ChainGenesis
  /** The factory that builds each environment (by its `vm`, or the adapter module its genesis entry names). */
  readonly factoryFor?: (entry: EnvironmentGenesisEntry) => EnvironmentFactory | Promise<EnvironmentFactory>
  /** The node's storage (it uses the `chain` namespace). */
  readonly store: KeyValueStore
  /** Each environment's storage; default the `env-<id>` namespace of `store`. */
  readonly environmentStore?: (id: string) => KeyValueStore | Promise<KeyValueStore>
  readonly clock?: NodeOptions['clock']
  /** Router settings beyond what genesis decides (backstops, circuit breaker, throttles). */
  readonly router?: Omit<RouterOptions, 'environments' | 'blockGasLimit'>
  /**
   * Host every environment in its own worker thread (heap-capped) instead of in-process. The
   * worker opens the environment's store, `storage(id)` (asked once per environment), and builds
   * it from its genesis entry; `factoryFor` and `environmentStore` are then unused.
   */
  readonly workers?: {
    readonly storage: (id: string) => HostedStorage
    readonly adapterBaseDirectory: string
    readonly maxHeapMb?: number
  }
}

/** The worker entry shipped with this package (see environment-worker.ts). */
const WORKER_ENTRY = new URL('./environment-worker.js', import.meta.url).href

/** Builds every environment of `genesis` with its factory, composes them and opens the node. */
export async function openChain(options: OpenChainOptions): Promise<{ node: BulkheadNode; router: Router }> {
  const { genesis, store } = options
  const environmentStore = options.environmentStore ?? ((id: string) => store.namespace(`env-${id}`))
  const { workers } = options
  const environments = await Promise.all(
    genesis.environments.map(async (entry) => {
      const routed = { id: entry.id, weight: entry.blockGasWeight, permissions: entry.permissions }
      if (workers !== undefined) {
        const hosted: HostedEnvironmentOptions = {
          entry: { id: entry.id, vm: entry.vm, options: entry.options, ...(entry.adapter === undefined ? {} : { adapter: entry.adapter }) },
          chainId: genesis.chainId,
          denom: genesis.nativeDenom,
          allocations: Object.fromEntries(entry.allocations),
          storage: workers.storage(entry.id),
          adapterBaseDirectory: workers.adapterBaseDirectory,
        }
        const resourceLimits = { maxOldGenerationSizeMb: workers.maxHeapMb ?? 512 }
        return { ...routed, worker: { module: WORKER_ENTRY, export: 'createHostedEnvironment', options: hosted, resourceLimits } }
      }
      if (options.factoryFor === undefined) throw new Error('openChain needs factoryFor unless environments are worker-hosted')
      const factory = await options.factoryFor(entry)
      const environment = await factory({
        id: entry.id,
        chainId: genesis.chainId,
        denom: genesis.nativeDenom,
        allocations: Object.fromEntries(entry.allocations),
        options: entry.options,
        store: await environmentStore(entry.id),
      })
      return { ...routed, environment }
    }),
  )
  const router = createRouter({ ...options.router, environments, blockGasLimit: genesis.blockGasLimit })
  try {
    const node = await createNode({ genesis, router, store, ...(options.clock === undefined ? {} : { clock: options.clock }) })
    return { node, router }
  } catch (error) {
    // A worker that failed to build its environment must not keep the process alive.
    await router.close().catch(() => undefined)
    throw error
  }
}
