import { bytesToHex, concatBytes, hexToBytes } from '../encoding/hex.js'
import type { KeyValueOperation, KeyValueRange, KeyValueStore } from './key-value-store.js'
import { namespacePrefix } from './namespace-prefix.js'

/** Values by key plus the keys kept sorted, so a prefix scan costs O(log n + matches). */
interface SortedMap {
  readonly values: Map<string, Uint8Array>
  readonly keys: string[]
}

/**
 * An in-memory {@link KeyValueStore}: for tests, `--in-memory` devnets and ephemeral runs.
 * Values are copied in and out, so callers can never alias stored bytes.
 */
export function createMemoryStore(): KeyValueStore {
  // Lower-case hex keys sort exactly like the bytes they encode.
  return createView({ values: new Map(), keys: [] }, new Uint8Array(0))
}

function createView(data: SortedMap, prefix: Uint8Array): KeyValueStore {
  const keyOf = (key: Uint8Array) => bytesToHex(concatBytes(prefix, key))
  return {
    async get(key) {
      const value = data.values.get(keyOf(key))
      return value === undefined ? undefined : value.slice()
    },
    async batch(operations: readonly KeyValueOperation[]) {
      for (const operation of operations) {
        const key = keyOf(operation.key)
        if (operation.type === 'put') {
          if (!data.values.has(key)) data.keys.splice(lowerBound(data.keys, key), 0, key)
          data.values.set(key, operation.value.slice())
        } else if (data.values.delete(key)) {
          data.keys.splice(lowerBound(data.keys, key), 1)
        }
      }
    },
    async *entries(range: KeyValueRange = {}) {
      const start = bytesToHex(concatBytes(prefix, range.prefix ?? new Uint8Array(0)))
      // Snapshot the matching keys first: the iteration must not see its own later writes.
      const matching: string[] = []
      for (let index = lowerBound(data.keys, start); index < data.keys.length; index++) {
        const key = data.keys[index] as string
        if (!key.startsWith(start)) break
        matching.push(key)
      }
      if (range.reverse) matching.reverse()
      const limited = range.limit === undefined ? matching : matching.slice(0, range.limit)
      for (const key of limited) {
        const value = data.values.get(key)
        if (value === undefined) continue // deleted while iterating
        yield [hexToBytes(key).subarray(prefix.length), value.slice()] as const
      }
    },
    namespace(name) {
      return createView(data, namespacePrefix(prefix, name))
    },
    async close() {},
  }
}

/** The first index whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0
  let high = keys.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((keys[middle] as string) < key) low = middle + 1
    else high = middle
  }
  return low
}
