import { bytesToHex } from '@bulkhead/core'

/**
 * Node records as JSON-RPC results: `bigint` becomes a `0x` quantity, bytes become `0x` data,
 * maps become objects and `undefined` fields are left out. Numbers stay numbers (they are
 * positions and counts, never amounts: amounts are bigint throughout the node).
 */
export function toJSONValue(value: unknown): unknown {
  if (typeof value === 'bigint') return `0x${value.toString(16)}`
  if (value instanceof Uint8Array) return bytesToHex(value)
  if (Array.isArray(value)) return value.map(toJSONValue)
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), toJSONValue(item)]))
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = toJSONValue(item)
    return result
  }
  return value
}
