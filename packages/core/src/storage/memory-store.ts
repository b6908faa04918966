import { bytesToHex, concatBytes, hexToBytes } from '../encoding/hex.js'
import type { KeyValueOperation, KeyValueRange, KeyValueStore } from './key-value-store.js'
import { namespacePrefix } from './namespace-prefix.js'

/**
 * An in-memory {@link KeyValueStore}: for tests, `--in-memory` devnets and ephemeral runs.
 * Values are copied in and out, so callers can never alias stored bytes.
 */
export function createMemoryStore(): KeyValueStore {
  // Lower-case hex keys sort exactly like the bytes they encode.
  return createView(new Map<string, Uint8Array>(), new Uint8Array(0))
}

function createView(data: Map<string, Uint8Array>, prefix: Uint8Array): KeyValueStore {
  const keyOf = (key: Uint8Array) => bytesToHex(concatBytes(prefix, key))
  return {
    async get(key) {
      const value = data.get(keyOf(key))
      return value === undefined ? undefined : value.slice()
    },
    async batch(operations: readonly KeyValueOperation[]) {
      const staged = operations.map((operation) => [keyOf(operation.key), operation] as const)
      for (const [key, operation] of staged) {
        if (operation.type === 'put') data.set(key, operation.value.slice())
        else data.delete(key)
      }
    },
    async *entries(range: KeyValueRange = {}) {
      const start = bytesToHex(concatBytes(prefix, range.prefix ?? new Uint8Array(0)))
      const keys = [...data.keys()].filter((key) => key.startsWith(start)).sort()
      if (range.reverse) keys.reverse()
      const limited = range.limit === undefined ? keys : keys.slice(0, range.limit)
      for (const key of limited) {
        const value = data.get(key)
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
