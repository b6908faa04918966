// The module a router worker imports to build a worker-hosted environment: the environment's
// store is opened here, inside the worker, and its factory resolved here too, so nothing but
// plain options crosses the thread boundary.
import type { ExecutionEnvironment } from '@bulkhead/core'
import { createLevelStore } from '@bulkhead/storage'
import type { EnvironmentGenesisEntry } from './genesis/chain-genesis.js'
import { BUILTIN_FACTORIES } from './node/builtin-factories.js'
import { resolveFactory } from './node/resolve-factory.js'
import { primeEVMEngine } from './priming/prime-evm-engine.js'
import { createSharedLogStore } from './storage/shared-log-store.js'

/** Structured-cloneable description of one environment to host. */
export interface HostedEnvironmentOptions {
  readonly entry: Pick<EnvironmentGenesisEntry, 'id' | 'vm' | 'options'> & { readonly adapter?: { readonly module: string; readonly export: string } }
  readonly chainId: bigint
  readonly denom: string
  readonly allocations: Readonly<Record<`0x${string}`, bigint>>
  /** Where the environment's state lives; a restarted worker resumes from what is there. */
  readonly storage: HostedStorage
  readonly adapterBaseDirectory: string
}

/**
 * A LevelDB directory (durable), or the shared in-memory log of an in-memory devnet (see
 * createSharedLogStore): it outlives the worker, not the process.
 */
export type HostedStorage = { readonly levelPath: string } | { readonly sharedLog: SharedArrayBuffer }

export async function createHostedEnvironment(options: HostedEnvironmentOptions): Promise<ExecutionEnvironment> {
  const factory = await resolveFactory(options.entry, { builtins: BUILTIN_FACTORIES, baseDirectory: options.adapterBaseDirectory })
  const store = 'levelPath' in options.storage ? await createLevelStore({ path: options.storage.levelPath }) : createSharedLogStore(options.storage.sharedLog)
  const environment = await factory({
    id: options.entry.id,
    chainId: options.chainId,
    denom: options.denom,
    allocations: options.allocations,
    options: options.entry.options,
    store,
  })
  // The built-in EVM only (an adapter's engine is its own business), in the background: requests
  // are served between its transactions, and start-up does not wait for it. It is only an
  // optimisation, so a failure costs nothing else (its test checks that it runs clean).
  if (options.entry.vm === 'evm' && options.entry.adapter === undefined) {
    const hardfork = options.entry.options['hardfork']
    primeEVMEngine({
      id: options.entry.id,
      chainId: options.chainId,
      denom: options.denom,
      ...(hardfork === undefined ? {} : { hardfork: String(hardfork) }),
    }).catch(() => undefined)
  }
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
