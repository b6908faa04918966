// The module a router worker imports to build a worker-hosted environment: the environment's
// store is opened here, inside the worker, and its factory resolved here too, so nothing but
// plain options crosses the thread boundary.
import type { ExecutionEnvironment } from '@bulkhead/core'
import { createLevelStore } from '@bulkhead/storage'
import type { EnvironmentGenesisEntry } from './genesis/chain-genesis.js'
import { BUILTIN_FACTORIES } from './node/builtin-factories.js'
import { resolveFactory } from './node/resolve-factory.js'
import { createWriteBehindStore } from './storage/write-behind-store.js'

/** Structured-cloneable description of one environment to host. */
export interface HostedEnvironmentOptions {
  readonly entry: Pick<EnvironmentGenesisEntry, 'id' | 'vm' | 'options'> & { readonly adapter?: { readonly module: string; readonly export: string } }
  readonly chainId: bigint
  readonly denom: string
  readonly allocations: Readonly<Record<`0x${string}`, bigint>>
  /** The environment's LevelDB directory (it resumes from what is there after a restart). */
  readonly storagePath: string
  /**
   * Commit without waiting for the disk (see createWriteBehindStore): for an in-memory devnet,
   * whose disk store only lets a restarted worker resume. Default false: commits are durable.
   */
  readonly writeBehind?: boolean
  readonly adapterBaseDirectory: string
}

export async function createHostedEnvironment(options: HostedEnvironmentOptions): Promise<ExecutionEnvironment> {
  const factory = await resolveFactory(options.entry, { builtins: BUILTIN_FACTORIES, baseDirectory: options.adapterBaseDirectory })
  const disk = await createLevelStore({ path: options.storagePath })
  const store = options.writeBehind === true ? createWriteBehindStore(disk) : disk
  const environment = await factory({
    id: options.entry.id,
    chainId: options.chainId,
    denom: options.denom,
    allocations: options.allocations,
    options: options.entry.options,
    store,
  })
  // Closing the environment also closes the store opened for it here.
  return new Proxy(environment, {
    get(target, key) {
      if (key === 'close') {
        return async () => {
          await target.close()
          await store.close()
        }
      }
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
