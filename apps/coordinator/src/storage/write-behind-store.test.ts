import { BulkheadError, createMemoryStore, type KeyValueStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createWriteBehindStore } from './write-behind-store.js'

const key = (value: number) => Uint8Array.of(value)
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe(createWriteBehindStore.name, () => {
  it('answers a batch before its write, reads it back at once, and writes every batch in order', async () => {
    const inner = createMemoryStore()
    const store = createWriteBehindStore(inner)
    await store.batch([{ type: 'put', key: key(1), value: key(10) }])
    expect(await inner.get(key(1))).toBeUndefined()
    expect(await store.get(key(1))).toEqual(key(10))
    await store.batch([{ type: 'put', key: key(1), value: key(11) }, { type: 'put', key: key(2), value: key(20) }])
    await store.batch([{ type: 'delete', key: key(2) }])
    expect(await store.get(key(1))).toEqual(key(11))
    expect(await store.get(key(2))).toBeUndefined()
    await settle()
    expect(await inner.get(key(1))).toEqual(key(11))
    expect(await inner.get(key(2))).toBeUndefined()
    expect(await store.get(key(1))).toEqual(key(11))
  })

  it('lists entries only once the writes before it are done, namespaces included', async () => {
    const inner = createMemoryStore()
    const store = createWriteBehindStore(inner)
    const chain = store.namespace('chain')
    await chain.batch([{ type: 'put', key: key(3), value: key(30) }])
    await store.batch([{ type: 'put', key: key(4), value: key(40) }])
    expect(await chain.get(key(3))).toEqual(key(30))
    expect(await store.get(key(3))).toBeUndefined()
    const listed: number[] = []
    for await (const [entry] of chain.entries()) listed.push(...entry)
    expect(listed).toEqual([3])
    await store.close()
    expect(await inner.namespace('chain').get(key(3))).toEqual(key(30))
  })

  it('makes a failed write the answer of every later call instead of losing it quietly', async () => {
    const inner: KeyValueStore = {
      ...createMemoryStore(),
      batch: async () => {
        throw new Error('disk full')
      },
    }
    const store = createWriteBehindStore(inner)
    await store.batch([{ type: 'put', key: key(1), value: key(1) }])
    await settle()
    const failure = await store.get(key(1)).catch((error: unknown) => error)
    expect(BulkheadError.isInstance(failure)).toBe(true)
    expect(String((failure as Error).cause)).toMatch(/disk full/)
    await expect(store.batch([{ type: 'put', key: key(2), value: key(2) }])).rejects.toThrow(/earlier write behind failed/)
  })
})
