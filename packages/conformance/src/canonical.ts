import { bytesToHex } from '@bulkhead/core'

/**
 * A stable string for any value built from plain objects, arrays, bigints and bytes, so the
 * kit can compare receipts and states of two instances without a deep-equal dependency.
 * Object keys are sorted; `undefined` fields are dropped (absent and undefined are the same
 * to a reader of a receipt). Strings, bigints and bytes are tagged, so `1n`, `"1n"` and
 * `"0x01"` never compare equal to each other.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value, true))
}

/** A short, readable rendering of a value for failure messages (untagged: `1n`, `0xab`). */
export function show(value: unknown): string {
  const text = JSON.stringify(normalize(value, false)) ?? String(value)
  return text.length > 600 ? `${text.slice(0, 600)}…` : text
}

function normalize(value: unknown, tagged: boolean): unknown {
  if (typeof value === 'bigint') return tagged ? `n:${value}` : `${value}n`
  if (value instanceof Uint8Array) return tagged ? `b:${bytesToHex(value)}` : bytesToHex(value)
  if (typeof value === 'string') return tagged ? `s:${value}` : value
  if (Array.isArray(value)) return value.map((item) => normalize(item, tagged))
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    return Object.fromEntries(entries.map(([key, field]) => [key, normalize(field, tagged)]))
  }
  return value
}
