import type { KeyValueOperation, KeyValueStore } from '@bulkhead/core'
import { StorageError, createBoundedCache } from '@bulkhead/core'
import type { BatchDBOp, DB, EncodingOpts } from '@ethereumjs/util'
import { unprefixedHex } from '../encoding/fast-hex.js'

/** What the deferred-hashing trie needs of its database besides the engine's: reads and writes without a promise. */
export interface NodeStaging {
  /** A node's bytes if written or cached; undefined otherwise (it may still be stored). */
  peek(key: string): Uint8Array | undefined
  /** Writes a node (key: unprefixed hex of its hash), as `put` does. */
  stageNode(key: string, value: Uint8Array): void
}

/** The trie's view of storage: writes stay staged in memory until the block is committed. */
export interface StagedTrieDatabase extends DB<string, string | Uint8Array>, NodeStaging {
  /** The staged writes as store operations under the node prefix. */
  staged(): KeyValueOperation[]
  /** Call after the operations of {@link staged} were written: moves them to the read cache. */
  persisted(): void
  /** Forgets staged writes (rollback of an uncommitted block). */
  discard(): void
}

/** A value as the engine's trie database hands it in: bytes, or hex when string-encoded. */
export const valueBytes = (value: string | Uint8Array): Uint8Array =>
  typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'hex')) : value

/** A stored value in the encoding the engine asks for. */
export const valueAs = (value: Uint8Array, opts?: EncodingOpts): string | Uint8Array =>
  opts?.valueEncoding === 'string' ? unprefixedHex(value) : value

export interface StagedTrieDatabaseOptions {
  readonly store: KeyValueStore
  /** Prefix of node keys inside `store`. */
  readonly prefix: Uint8Array
  /** Most committed nodes kept in memory (at least 2); default 200,000. */
  readonly cacheEntries?: number
}

/**
 * The ethereumjs trie DB over a {@link KeyValueStore}. Keys arrive as unprefixed hex (the
 * CheckpointDB's encoding) and values as bytes (tries are created with `valueEncoding: Bytes`).
 *
 * Nodes are content-addressed (hash -> node, `c` + code hash -> code), so:
 * - a write never changes what an older root means: rolling back is choosing an older root;
 * - deletes are ignored (pruning is off), which keeps every committed height readable;
 * - the read cache never needs invalidation.
 */
export function createStagedTrieDatabase(options: StagedTrieDatabaseOptions): StagedTrieDatabase {
  const staged = new Map<string, Uint8Array>()
  const cache = createBoundedCache<string, Uint8Array>(options.cacheEntries ?? 200_000)
  const { store, prefix } = options

  const keyBytes = (key: string): Uint8Array => {
    const raw = Buffer.from(key, 'hex')
    const out = new Uint8Array(prefix.length + raw.length)
    out.set(prefix)
    out.set(raw, prefix.length)
    return out
  }
  // The engine's checkpoint layer hands back every node it read during a block along with the
  // new ones; a node already in the cache is already stored (the cache holds nothing else),
  // and being content-addressed it is the same bytes: storing it again would only grow the log.
  const stage = (key: string, value: string | Uint8Array): void => {
    if (cache.get(key) === undefined) staged.set(key, valueBytes(value))
  }

  const database: StagedTrieDatabase = {
    async get(key: string, opts?: EncodingOpts) {
      // The cache forgets the least recently used first: branch nodes read on every insertion nearby stay.
      let value = staged.get(key) ?? cache.get(key)
      if (value === undefined) {
        try {
          value = await store.get(keyBytes(key))
        } catch (cause) {
          // Surface as an infrastructure fault, not as whatever the engine makes of it.
          throw new StorageError('Could not read a state trie node', { cause, details: [`node: ${key}`] })
        }
        if (value === undefined) return undefined
        cache.set(key, value)
      }
      return valueAs(value, opts)
    },
    async put(key: string, value: string | Uint8Array) {
      stage(key, value)
    },
    async del() {},
    async batch(operations: BatchDBOp<string, string | Uint8Array>[]) {
      for (const operation of operations) {
        if (operation.type === 'put') stage(operation.key, operation.value)
      }
    },
    shallowCopy() {
      // Storage tries are shallow copies of the account trie: they must share the stage.
      return database
    },
    async open() {},
    peek: (key) => staged.get(key) ?? cache.get(key),
    stageNode: stage,
    staged() {
      const operations: KeyValueOperation[] = []
      for (const [key, value] of staged) operations.push({ type: 'put', key: keyBytes(key), value })
      return operations
    },
    persisted() {
      // A failed batch leaves the stage intact, so a retried commit writes the nodes again.
      for (const [key, value] of staged) cache.set(key, value)
      staged.clear()
    },
    discard() {
      staged.clear()
    },
  }
  return database
}
