import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import {
  bytesToHex,
  concatBytes,
  hexToBytes,
  type KeyValueOperation,
  type KeyValueRange,
  type KeyValueStore,
} from '@bulkhead/core'

/**
 * A tiny durable KeyValueStore for tests: one JSON file, rewritten atomically (temp file +
 * rename) on every batch. A restarted worker that opens the same path resumes where the last
 * committed batch left it, which is what crash-recovery tests need.
 */
export function createFileStore(options: { readonly path: string }): KeyValueStore {
  const data = new Map<string, string>(
    existsSync(options.path)
      ? Object.entries(JSON.parse(readFileSync(options.path, 'utf8')) as Record<string, string>)
      : [],
  )
  const persist = () => {
    const temporary = `${options.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(data)))
    renameSync(temporary, options.path)
  }
  const view = (prefix: Uint8Array): KeyValueStore => {
    const keyOf = (key: Uint8Array) => bytesToHex(concatBytes(prefix, key))
    return {
      async get(key) {
        const value = data.get(keyOf(key))
        return value === undefined ? undefined : hexToBytes(value)
      },
      async batch(operations: readonly KeyValueOperation[]) {
        for (const operation of operations) {
          if (operation.type === 'put') data.set(keyOf(operation.key), bytesToHex(operation.value))
          else data.delete(keyOf(operation.key))
        }
        persist()
      },
      async *entries(range: KeyValueRange = {}) {
        const start = keyOf(range.prefix ?? new Uint8Array(0))
        const keys = [...data.keys()].filter((key) => key.startsWith(start)).sort()
        if (range.reverse) keys.reverse()
        for (const key of range.limit === undefined ? keys : keys.slice(0, range.limit)) {
          const value = data.get(key)
          if (value !== undefined) yield [hexToBytes(key).subarray(prefix.length), hexToBytes(value)] as const
        }
      },
      namespace(name) {
        return view(concatBytes(prefix, new TextEncoder().encode(`${name}/`)))
      },
      async close() {},
    }
  }
  return view(new Uint8Array(0))
}
