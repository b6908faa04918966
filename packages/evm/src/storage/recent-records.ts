import { bytesToHex } from '@bulkhead/core'

/**
 * The decoded records of the last committed blocks (transactions, heights), by store key. A
 * client polls for a receipt right after its block: answering from here saves a store read and
 * a JSON parse on that path. Bounded (oldest first out); emptied on rollback.
 */
export interface RecentRecords {
  remember(key: Uint8Array, record: unknown): void
  get<T>(key: Uint8Array): T | undefined
  clear(): void
}

export function createRecentRecords(capacity = 4_096): RecentRecords {
  const records = new Map<string, unknown>()
  return {
    remember(key, record) {
      if (records.size >= capacity) {
        const oldest = records.keys().next()
        if (oldest.done !== true) records.delete(oldest.value)
      }
      records.set(bytesToHex(key), record)
    },
    get: <T>(key: Uint8Array) => records.get(bytesToHex(key)) as T | undefined,
    clear: () => records.clear(),
  }
}
