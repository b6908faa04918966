/**
 * A map that holds at most `capacity` entries and forgets the least recently used first,
 * approximately: two generations of at most `capacity / 2` entries each; reads promote an old
 * entry, and a full young generation replaces the old one. Every operation is O(1).
 *
 * Why not one insertion-ordered Map evicting `keys().next()`: V8 leaves deleted slots in
 * place, and each eviction's iterator walks over all of them from the start, so a full cache
 * under steady churn slows down by the size of its history (it was the largest cost of an
 * EVM block after ~20,000 blocks).
 */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  delete(key: K): void
  clear(): void
  readonly size: number
}

export function createBoundedCache<K, V>(capacity: number): BoundedCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`capacity must be an integer of at least 2, got ${capacity}`)
  const generation = Math.floor(capacity / 2)
  let young = new Map<K, V>()
  let old = new Map<K, V>()
  const admit = (key: K, value: V) => {
    young.set(key, value)
    if (young.size >= generation) {
      old = young
      young = new Map()
    }
  }
  return {
    get(key) {
      const value = young.get(key)
      if (value !== undefined) return value
      const aged = old.get(key)
      if (aged !== undefined) {
        old.delete(key)
        admit(key, aged)
      }
      return aged
    },
    set(key, value) {
      old.delete(key)
      admit(key, value)
    },
    delete(key) {
      young.delete(key)
      old.delete(key)
    },
    clear() {
      young.clear()
      old.clear()
    },
    get size() {
      return young.size + old.size
    },
  }
}
