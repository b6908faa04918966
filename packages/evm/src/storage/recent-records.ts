import { bytesToHex, createBoundedCache } from '@bulkhead/core'

/**
 * The decoded records of the last committed blocks (transactions, heights), by store key. A
 * client polls for a receipt right after its block: answering from here saves a store read and
 * a JSON parse on that path. Bounded (least recently used out first); emptied on rollback.
 */
export interface RecentRecords {
  remember(key: Uint8Array, record: unknown): void
  get<T>(key: Uint8Array): T | undefined
  clear(): void
}

export function createRecentRecords(capacity = 4_096): RecentRecords {
  const records = createBoundedCache<string, unknown>(capacity)
  return {
    remember: (key, record) => records.set(bytesToHex(key), record),
    get: <T>(key: Uint8Array) => records.get(bytesToHex(key)) as T | undefined,
    clear: () => records.clear(),
  }
}
