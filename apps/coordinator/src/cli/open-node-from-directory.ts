import type { KeyValueStore } from '@bulkhead/core'
import { createMemoryStore } from '@bulkhead/core'
import { BUILTIN_FACTORIES } from '../node/builtin-factories.js'
import { openChain } from '../node/open-chain.js'
import { resolveFactory } from '../node/resolve-factory.js'
import type { DataDirectory } from '../storage/data-directory.js'

/** The node over a data directory's stores, or over fresh in-memory stores of the same genesis (`fresh`). */
export async function openNodeFromDirectory(directory: DataDirectory, mode: 'stored' | 'fresh') {
  const memory: KeyValueStore = createMemoryStore()
  return openChain({
    genesis: directory.genesis,
    factoryFor: (entry) => resolveFactory(entry, { builtins: BUILTIN_FACTORIES, baseDirectory: directory.adapterBaseDirectory }),
    store: mode === 'stored' ? await directory.chainStore() : memory,
    environmentStore: (id) => (mode === 'stored' ? directory.environmentStore(id) : memory.namespace(`env-${id}`)),
  })
}
