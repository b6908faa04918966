import type { BatchDBOp, DB, EncodingOpts } from '@ethereumjs/util'
import { type NodeStaging, type StagedTrieDatabase, valueAs, valueBytes } from './staged-trie-database.js'

/** A trie database for throwaway work over a real one: reads see both, writes stay here. */
export interface ScratchTrieDatabase extends DB<string, string | Uint8Array>, NodeStaging {
  /** Drops every node written here: call when nothing refers to them any more. */
  forget(): void
}

/**
 * The query runner's view of the state's trie database. Its calls and estimates run inside
 * a checkpoint that is reverted, but the engine writes storage tries outside checkpoints, so
 * those nodes reached the real database and were stored with the next block (a few per call
 * that wrote storage). Here they stay in a map the runner forgets after each query.
 */
export function createScratchTrieDatabase(base: StagedTrieDatabase): ScratchTrieDatabase {
  const written = new Map<string, Uint8Array>()
  const database: ScratchTrieDatabase = {
    async get(key: string, opts?: EncodingOpts) {
      const value = written.get(key)
      if (value === undefined) return base.get(key, opts)
      return valueAs(value, opts)
    },
    async put(key: string, value: string | Uint8Array) {
      written.set(key, valueBytes(value))
    },
    async del() {},
    async batch(operations: BatchDBOp<string, string | Uint8Array>[]) {
      for (const operation of operations) if (operation.type === 'put') written.set(operation.key, valueBytes(operation.value))
    },
    shallowCopy: () => database,
    async open() {},
    peek: (key) => written.get(key) ?? base.peek(key),
    stageNode: (key, value) => written.set(key, value),
    forget: () => written.clear(),
  }
  return database
}
