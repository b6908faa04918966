import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BulkheadError, createMemoryStore, type KeyValueStore } from '@bulkhead/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createLevelStore } from './level-store.js'

const bytes = (...values: number[]) => Uint8Array.from(values)
const directories: string[] = []
async function freshDirectory() {
  const directory = await mkdtemp(join(tmpdir(), 'bulkhead-level-'))
  directories.push(directory)
  return directory
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })))
})

async function collect(store: KeyValueStore, range?: Parameters<KeyValueStore['entries']>[0]) {
  const out: [number[], number[]][] = []
  for await (const [key, value] of store.entries(range)) out.push([[...key], [...value]])
  return out
}

// The same behaviour is required of both implementations of the interface.
const implementations: [string, () => Promise<KeyValueStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['level', async () => createLevelStore({ path: await freshDirectory() })],
]

describe.each(implementations)('KeyValueStore (%s)', (_, open) => {
  it('applies batches atomically and reads them back', async () => {
    const store = await open()
    await store.batch([
      { type: 'put', key: bytes(1), value: bytes(10) },
      { type: 'put', key: bytes(2), value: bytes(20) },
    ])
    await store.batch([{ type: 'delete', key: bytes(1) }])
    expect(await store.get(bytes(1))).toBeUndefined()
    expect(await store.get(bytes(2))).toEqual(bytes(20))
    await store.close()
  })

  it('iterates by prefix in unsigned byte order, reversed and limited', async () => {
    const store = await open()
    await store.batch(
      [bytes(1, 0xff), bytes(1, 0), bytes(2), bytes(1, 0x80), bytes(0xff, 0xff)].map((key) => ({
        type: 'put' as const,
        key,
        value: key,
      })),
    )
    expect((await collect(store, { prefix: bytes(1) })).map(([key]) => key)).toEqual([
      [1, 0],
      [1, 0x80],
      [1, 0xff],
    ])
    expect((await collect(store, { reverse: true, limit: 2 })).map(([key]) => key)).toEqual([[0xff, 0xff], [2]])
    await store.close()
  })

  it('keeps namespaces apart, including names that prefix each other', async () => {
    const store = await open()
    const evm = store.namespace('evm')
    const evmx = store.namespace('evmx')
    await evm.batch([{ type: 'put', key: bytes(1), value: bytes(1) }])
    await evmx.batch([{ type: 'put', key: bytes(1), value: bytes(2) }])
    expect(await evm.get(bytes(1))).toEqual(bytes(1))
    expect(await evmx.get(bytes(1))).toEqual(bytes(2))
    expect(await collect(evm)).toEqual([[[1], [1]]])
    expect(await store.get(bytes(1))).toBeUndefined()
    await store.close()
  })

  it('refuses namespace names with a separator', async () => {
    const store = await open()
    expect(() => store.namespace('a/b')).toThrowError(/contain no "\/"/)
    await store.close()
  })
})

describe(createLevelStore.name, () => {
  it('persists across reopen', async () => {
    const path = await freshDirectory()
    const first = await createLevelStore({ path })
    await first.namespace('chain').batch([{ type: 'put', key: bytes(7), value: bytes(8, 9) }])
    await first.close()
    const second = await createLevelStore({ path, mustExist: true })
    expect(await second.namespace('chain').get(bytes(7))).toEqual(bytes(8, 9))
    await second.close()
  })

  it('says the database is locked when another handle holds it', async () => {
    const path = await freshDirectory()
    const first = await createLevelStore({ path })
    const error = await createLevelStore({ path }).catch((caught: unknown) => caught)
    expect(BulkheadError.isInstance(error)).toBe(true)
    expect((error as BulkheadError).code).toBe('STORAGE')
    expect((error as Error).message).toMatch(/locked/)
    await first.close()
  })

  it('refuses a missing database when it must exist', async () => {
    const path = join(await freshDirectory(), 'missing')
    await expect(createLevelStore({ path, mustExist: true })).rejects.toThrowError(/Cannot open/)
  })
})
