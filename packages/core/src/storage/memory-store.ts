import { bytesToHex, concatBytes, hexToBytes } from '../encoding/hex.js'
import type { KeyValueOperation, KeyValueRange, KeyValueStore } from './key-value-store.js'
import { namespacePrefix } from './namespace-prefix.js'

/**
 * Values by key, plus a sorted index that is brought up to date only when someone iterates:
 * writes cost O(1), and a prefix scan O(log n + matches) once the index is current.
 */
interface SortedMap {
  readonly values: Map<string, Uint8Array>
  /** Sorted; may still hold keys deleted since the last merge (skipped on read). */
  sorted: string[]
  /** Keys written since the last merge, in no order. */
  added: string[]
}

/**
 * An in-memory {@link KeyValueStore}: for tests, `--in-memory` devnets and ephemeral runs.
 * Values are copied in and out, so callers can never alias stored bytes.
 */
export function createMemoryStore(): KeyValueStore {
  // Lower-case hex keys sort exactly like the bytes they encode.
  return createView({ values: new Map(), sorted: [], added: [] }, new Uint8Array(0))
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
          if (!data.values.has(key)) data.added.push(key)
          data.values.set(key, operation.value.slice())
        } else {
          data.values.delete(key)
        }
      }
    },
    async *entries(range: KeyValueRange = {}) {
      mergeIndex(data)
      const start = bytesToHex(concatBytes(prefix, range.prefix ?? new Uint8Array(0)))
      // Snapshot the matching keys first: the iteration must not see its own later writes.
      const matching: string[] = []
      for (let index = lowerBound(data.sorted, start); index < data.sorted.length; index++) {
        const key = data.sorted[index] as string
        if (!key.startsWith(start)) break
        if (data.values.has(key)) matching.push(key)
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

/** Merges keys added since the last scan into the sorted index and drops deleted ones: O(n + k log k). */
function mergeIndex(data: SortedMap): void {
  if (data.added.length === 0 && data.sorted.length <= data.values.size * 2) return
  const added = data.added.sort()
  const merged: string[] = []
  let left = 0
  let right = 0
  while (left < data.sorted.length || right < added.length) {
    const next =
      right >= added.length || (left < data.sorted.length && (data.sorted[left] as string) <= (added[right] as string))
        ? (data.sorted[left++] as string)
        : (added[right++] as string)
    if (data.values.has(next) && merged[merged.length - 1] !== next) merged.push(next)
  }
  data.sorted = merged
  data.added = []
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
