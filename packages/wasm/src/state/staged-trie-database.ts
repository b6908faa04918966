import { bytesToHex, hexToBytes, type KeyValueOperation, type KeyValueStore } from '@bulkhead/core'
import type { BatchDBOp, DB } from '@ethereumjs/util'

/**
 * The trie's node database over a {@link KeyValueStore}: writes stay in memory until
 * `flush()` hands them to the caller's atomic commit batch, and `discard()` forgets them.
 * Nodes are content-addressed and never deleted, so every committed root stays readable and
 * rollback is just "use the old root".
 */
export interface StagedTrieDatabase extends DB<string, Uint8Array> {
  flush(): KeyValueOperation[]
  discard(): void
}

export function createStagedTrieDatabase(store: KeyValueStore): StagedTrieDatabase {
  const staged = new Map<string, Uint8Array>()
  const keyOf = (key: string | Uint8Array): string => (typeof key === 'string' ? key.replace(/^0x/, '') : bytesToHex(key).slice(2))
  const database: StagedTrieDatabase = {
    async get(key) {
      const hex = keyOf(key)
      return staged.get(hex) ?? (await store.get(hexToBytes(`0x${hex}`)))
    },
    async put(key, value) {
      staged.set(keyOf(key), value)
    },
    async del() {
      // Never delete: older committed roots may still reference the node.
    },
    async batch(operations: BatchDBOp<string, Uint8Array>[]) {
      for (const operation of operations) if (operation.type === 'put') staged.set(keyOf(operation.key), operation.value)
    },
    shallowCopy() {
      return database
    },
    async open() {},
    flush() {
      const operations: KeyValueOperation[] = [...staged].map(([key, value]) => ({ type: 'put', key: hexToBytes(`0x${key}`), value }))
      staged.clear()
      return operations
    },
    discard() {
      staged.clear()
    },
  }
  return database
}
