import { bytesToHex } from '@bulkhead/core'

/** JSON for humans and scripts: bigints as decimal strings, bytes as 0x hex. */
export function toJSON(value: unknown): string {
  return JSON.stringify(
    value,
    (_, item: unknown) => {
      if (typeof item === 'bigint') return item.toString()
      if (item instanceof Uint8Array) return bytesToHex(item)
      return item
    },
    2,
  )
}
