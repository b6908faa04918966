import { StorageError, createMemoryStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createStagedTrieDatabase } from './staged-trie-database.js'

describe(createStagedTrieDatabase.name, () => {
  it('stages writes until drained, then reads them from the store', async () => {
    const store = createMemoryStore()
    const database = createStagedTrieDatabase({ store, prefix: Uint8Array.of(0x6e), cacheEntries: 2 })
    await database.put('abcd', Uint8Array.of(1, 2))
    expect(await database.get('abcd')).toEqual(Uint8Array.of(1, 2))
    expect(await store.get(Uint8Array.of(0x6e, 0xab, 0xcd))).toBeUndefined()
    await store.batch(database.staged())
    database.persisted()
    expect(database.staged()).toEqual([])
    expect(await store.get(Uint8Array.of(0x6e, 0xab, 0xcd))).toEqual(Uint8Array.of(1, 2))
    // A fresh view over the same store (a restart) reads it, in either encoding the trie asks for.
    const restarted = createStagedTrieDatabase({ store, prefix: Uint8Array.of(0x6e) })
    expect(await restarted.get('abcd')).toEqual(Uint8Array.of(1, 2))
    expect(await restarted.get('abcd', { valueEncoding: 'string' })).toBe('0102')
  })

  it('discards staged writes and ignores deletes (nodes are content-addressed)', async () => {
    const store = createMemoryStore()
    const database = createStagedTrieDatabase({ store, prefix: Uint8Array.of(0x6e) })
    await database.batch([{ type: 'put', key: '01', value: '0a' }])
    await store.batch(database.staged())
    database.persisted()
    await database.put('02', Uint8Array.of(2))
    await database.del('01')
    database.discard()
    expect(await database.get('02')).toBeUndefined()
    expect(await database.get('01')).toEqual(Uint8Array.of(10))
    expect(database.shallowCopy()).toBe(database)
  })

  it('does not stage again a node it already stored or read from the store', async () => {
    const store = createMemoryStore()
    const database = createStagedTrieDatabase({ store, prefix: Uint8Array.of(0x6e) })
    await database.put('01', Uint8Array.of(1))
    await store.batch(database.staged())
    database.persisted()
    // The engine writes back the nodes it read inside a checkpoint with the new ones.
    await database.batch([
      { type: 'put', key: '01', value: Uint8Array.of(1) },
      { type: 'put', key: '02', value: Uint8Array.of(2) },
    ])
    expect(database.staged().map((operation) => operation.key)).toEqual([Uint8Array.of(0x6e, 0x02)])
    const restarted = createStagedTrieDatabase({ store, prefix: Uint8Array.of(0x6e) })
    expect(await restarted.get('01')).toEqual(Uint8Array.of(1))
    await restarted.put('01', Uint8Array.of(1))
    expect(restarted.staged()).toEqual([])
  })

  it('reports a failing store as a StorageError', async () => {
    const store = createMemoryStore()
    const broken = { ...store, get: async () => Promise.reject(new Error('io')) }
    const database = createStagedTrieDatabase({ store: broken, prefix: Uint8Array.of(0x6e) })
    await expect(database.get('ab')).rejects.toBeInstanceOf(StorageError)
  })
})
