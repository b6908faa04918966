import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { BulkheadError, bytesToHex } from '@bulkhead/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import ts from 'typescript'
import { createSharedLog, createSharedLogStore } from './shared-log-store.js'

type Operation = { kind: 'put'; key: number[]; value: number } | { kind: 'delete'; key: number[] } | { kind: 'reopen' }

const key = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('reopen' as const) }),
)
const bytes = (...values: number[]) => Uint8Array.from(values)

describe(createSharedLogStore.name, () => {
  it('behaves like a sorted map, and a store reopened from its log sees exactly what was committed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 60 }), async (operations) => {
        const log = createSharedLog(1024 * 1024)
        let store = createSharedLogStore(log).namespace('n')
        const model = new Map<string, number>()
        for (const step of operations) {
          if (step.kind === 'put') {
            await store.batch([{ type: 'put', key: Uint8Array.from(step.key), value: bytes(step.value) }])
            model.set(bytesToHex(Uint8Array.from(step.key)), step.value)
          } else if (step.kind === 'delete') {
            await store.batch([{ type: 'delete', key: Uint8Array.from(step.key) }])
            model.delete(bytesToHex(Uint8Array.from(step.key)))
          } else {
            store = createSharedLogStore(log).namespace('n')
          }
        }
        for (const [hex, value] of model) expect(await store.get(Uint8Array.from(Buffer.from(hex.slice(2), 'hex')))).toEqual(bytes(value))
        const listed: [string, number][] = []
        for await (const [entry, value] of store.entries()) listed.push([bytesToHex(entry), value[0] as number])
        expect(listed).toEqual([...model].sort(([left], [right]) => (left < right ? -1 : 1)))
      }),
      { numRuns: 200 },
    )
  })

  it('keeps namespaces apart and lists a prefix in either order with a limit', async () => {
    const store = createSharedLogStore(createSharedLog(1024 * 1024))
    const evm = store.namespace('evm')
    await evm.batch([
      { type: 'put', key: bytes(1, 2), value: bytes(12) },
      { type: 'put', key: bytes(1, 1), value: bytes(11) },
      { type: 'put', key: bytes(2), value: bytes(2) },
    ])
    await store.namespace('wasm').batch([{ type: 'put', key: bytes(1, 3), value: bytes(99) }])
    expect(await store.namespace('wasm').get(bytes(1, 2))).toBeUndefined()
    const listed = async (range: Parameters<typeof evm.entries>[0]) => {
      const keys: string[] = []
      for await (const [entry] of evm.entries(range)) keys.push(bytesToHex(entry))
      return keys
    }
    expect(await listed({ prefix: bytes(1) })).toEqual(['0x0101', '0x0102'])
    expect(await listed({ prefix: bytes(1), reverse: true, limit: 1 })).toEqual(['0x0102'])
  })

  it('grows past its first allocation and copies values out, so callers cannot alias the log', async () => {
    const log = createSharedLog(64 * 1024 * 1024)
    const store = createSharedLogStore(log)
    const value = new Uint8Array(1000).fill(7)
    for (let batch = 0; batch < 200; batch++) {
      await store.batch(Array.from({ length: 10 }, (_, index) => ({ type: 'put' as const, key: bytes(batch >> 8, batch & 0xff, index), value })))
    }
    expect(log.byteLength).toBeGreaterThan(2_000_000)
    const read = (await store.get(bytes(0, 199, 9))) as Uint8Array
    expect(read).toEqual(value)
    read.fill(0)
    expect(await createSharedLogStore(log).get(bytes(0, 199, 9))).toEqual(value)
  })

  it('refuses a batch that does not fit, writing none of it', async () => {
    const log = createSharedLog(128 * 1024)
    const store = createSharedLogStore(log)
    await store.batch([{ type: 'put', key: bytes(1), value: bytes(1) }])
    const failure = await store
      .batch([{ type: 'put', key: bytes(2), value: bytes(2) }, { type: 'put', key: bytes(3), value: new Uint8Array(200 * 1024) }])
      .catch((error: unknown) => error)
    expect(BulkheadError.isInstance(failure)).toBe(true)
    expect(String((failure as Error).message)).toMatch(/in-memory store is full/)
    const reopened = createSharedLogStore(log)
    expect(await reopened.get(bytes(1))).toEqual(bytes(1))
    expect(await reopened.get(bytes(2))).toBeUndefined()
  })

  it('ignores a batch whose writer died before committing it', async () => {
    const log = createSharedLog(1024 * 1024)
    await createSharedLogStore(log).batch([{ type: 'put', key: bytes(1), value: bytes(1) }])
    // What a killed writer leaves: record bytes past the committed length, which never moved.
    const committed = Number(new BigInt64Array(log, 0, 1)[0])
    const view = new DataView(log)
    view.setUint32(committed, 11)
    new Uint8Array(log).set([1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 5], committed + 4)
    expect(await createSharedLogStore(log).get(bytes(1))).toEqual(bytes(1))
  })

  it('outlives the worker that wrote it: a new worker resumes from the same buffer', async () => {
    const log = createSharedLog(1024 * 1024)
    const storeModule = compiledForWorker()
    // A worker that writes one batch and then dies without closing anything.
    const source = `
      const { workerData } = require('node:worker_threads');
      import(workerData.module).then(async ({ createSharedLogStore }) => {
        const store = createSharedLogStore(workerData.log).namespace('env');
        await store.batch([{ type: 'put', key: Uint8Array.of(9), value: Uint8Array.of(4, 2) }]);
        process.exit(3);
      });`
    const worker = new Worker(source, { eval: true, workerData: { log, module: storeModule } })
    const code = await new Promise((resolve) => worker.on('exit', resolve))
    expect(code).toBe(3)
    expect(await createSharedLogStore(log).namespace('env').get(bytes(9))).toEqual(bytes(4, 2))
  })
})

/**
 * Worker threads run plain JavaScript: the store's files, types stripped, laid out as under
 * src/ inside the package's node_modules so that `@bulkhead/core` resolves as it does from the
 * sources.
 */
function compiledForWorker(): string {
  const source = join(dirname(fileURLToPath(import.meta.url)), '..')
  const output = join(source, '..', 'node_modules', '.cache', 'shared-log-store')
  for (const file of ['storage/shared-log-store', 'storage/off-heap-index', 'hashing/fnv1a']) {
    const compiled = ts.transpileModule(readFileSync(join(source, `${file}.ts`), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    })
    mkdirSync(dirname(join(output, file)), { recursive: true })
    writeFileSync(join(output, `${file}.js`), compiled.outputText)
  }
  return pathToFileURL(join(output, 'storage', 'shared-log-store.js')).href
}
