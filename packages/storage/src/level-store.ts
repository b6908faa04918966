import { ClassicLevel } from 'classic-level'
import {
  StorageError,
  concatBytes,
  namespacePrefix,
  type KeyValueOperation,
  type KeyValueRange,
  type KeyValueStore,
} from '@bulkhead/core'

export interface LevelStoreOptions {
  /** Directory of the LevelDB database; created when missing. */
  readonly path: string
  /**
   * Flush every batch to disk before resolving (fsync). Default `false`: a batch survives a
   * crash of the process (kill -9) but not of the operating system.
   */
  readonly sync?: boolean
  /** Refuse to create a database that does not exist yet. Default `false`. */
  readonly mustExist?: boolean
}

type Database = ClassicLevel<Uint8Array, Uint8Array>

/**
 * Opens a LevelDB {@link KeyValueStore} (classic-level) at `options.path`.
 * One process may hold a database at a time; a second open fails with a `StorageError`
 * that says so instead of waiting or resetting anything.
 */
export async function createLevelStore(options: LevelStoreOptions): Promise<KeyValueStore> {
  const database: Database = new ClassicLevel<Uint8Array, Uint8Array>(options.path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  })
  try {
    await database.open({ createIfMissing: !(options.mustExist ?? false) })
  } catch (error) {
    throw new StorageError(`Cannot open the LevelDB database at ${options.path}`, {
      cause: error,
      details: [
        describeOpenFailure(error),
        'Nothing was changed on disk.',
      ],
    })
  }
  return createView(database, new Uint8Array(0), options.sync ?? false, true)
}

function describeOpenFailure(error: unknown): string {
  const text = String((error as { cause?: unknown })?.cause ?? error)
  if (/lock/i.test(text)) return 'It is locked: another process (another bulkhead node?) has it open.'
  if (/does not exist/i.test(text)) return 'It does not exist and mustExist was set.'
  if (/corrupt/i.test(text)) return `It is corrupt: ${text}`
  return text
}

function createView(database: Database, prefix: Uint8Array, sync: boolean, ownsDatabase: boolean): KeyValueStore {
  const keyOf = (key: Uint8Array) => (prefix.length === 0 ? key : concatBytes(prefix, key))
  const fail = (action: string) => (error: unknown) => {
    throw new StorageError(`LevelDB ${action} failed at ${database.location}`, { cause: error })
  }
  return {
    async get(key) {
      const value = await database.get(keyOf(key)).catch(fail('read'))
      return value === undefined ? undefined : plainBytes(value)
    },
    async batch(operations: readonly KeyValueOperation[]) {
      if (operations.length === 0) return
      const batch = operations.map((operation) =>
        operation.type === 'put'
          ? ({ type: 'put', key: keyOf(operation.key), value: operation.value } as const)
          : ({ type: 'del', key: keyOf(operation.key) } as const),
      )
      await database.batch(batch, { sync }).catch(fail('write'))
    },
    async *entries(range: KeyValueRange = {}) {
      const start = keyOf(range.prefix ?? new Uint8Array(0))
      const end = prefixUpperBound(start)
      const iterator = database.iterator({
        gte: start,
        ...(end === undefined ? {} : { lt: end }),
        reverse: range.reverse ?? false,
        limit: range.limit ?? -1,
      })
      try {
        for await (const [key, value] of iterator) yield [plainBytes(key.subarray(prefix.length)), plainBytes(value)] as const
      } finally {
        await iterator.close()
      }
    },
    namespace(name) {
      return createView(database, namespacePrefix(prefix, name), sync, false)
    },
    async close() {
      if (ownsDatabase) await database.close()
    },
  }
}

/** The smallest key above every key that starts with `prefix`; undefined when `prefix` is all 0xff or empty. */
function prefixUpperBound(prefix: Uint8Array): Uint8Array | undefined {
  for (let index = prefix.length - 1; index >= 0; index--) {
    if ((prefix[index] as number) < 0xff) {
      const bound = prefix.slice(0, index + 1)
      bound[index] = (bound[index] as number) + 1
      return bound
    }
  }
  return undefined
}

/** classic-level hands out Buffers; callers get plain Uint8Arrays over the same memory. */
function plainBytes(view: Uint8Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}
