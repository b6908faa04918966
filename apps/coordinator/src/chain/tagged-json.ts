import { bytesToHex, hexToBytes } from '@bulkhead/core'

/**
 * JSON that keeps `bigint` and `Uint8Array` exact: `{"$n":"123"}` and `{"$b":"0x…"}`.
 * Used for stored records (receipts, message records, audit entries) whose shape is plain data.
 */
export function toTaggedJSON(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, item: unknown) {
    const original = (this as Record<string, unknown>)[key]
    if (typeof original === 'bigint') return { $n: original.toString() }
    if (original instanceof Uint8Array) return { $b: bytesToHex(original) }
    return item
  })
}

export function fromTaggedJSON<T>(text: string): T {
  return JSON.parse(text, (_, item: unknown) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const keys = Object.keys(item)
      if (keys.length === 1 && keys[0] === '$n') return BigInt((item as { $n: string }).$n)
      if (keys.length === 1 && keys[0] === '$b') return hexToBytes((item as { $b: string }).$b)
    }
    return item
  }) as T
}
