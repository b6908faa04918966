import { bytesEqual } from '@bulkhead/core'
import { fnv1a } from '../hashing/fnv1a.js'

/**
 * A hash index from keys to positions (non-zero numbers), kept in typed arrays: its memory is
 * outside the JavaScript heap, so millions of keys cost a worker nothing of its heap cap.
 * It stores no keys; `keyAt(position)` reads a key back from wherever the caller keeps it.
 * Entries are replaced, never removed (a deleted key points at its delete record).
 */
export interface OffHeapIndex {
  /** The position stored for `key`, or undefined. */
  get(key: Uint8Array): number | undefined
  /** Stores `position` for `key`, replacing the one stored before. */
  set(key: Uint8Array, position: number): void
  /** Every stored position, in no particular order. */
  forEach(visit: (position: number) => void): void
}

const INITIAL_SLOTS = 1 << 12

export function createOffHeapIndex(keyAt: (position: number) => Uint8Array): OffHeapIndex {
  let hashes = new Uint32Array(INITIAL_SLOTS)
  /** 0 marks an empty slot; Float64 holds positions beyond 4 GiB exactly. */
  let positions = new Float64Array(INITIAL_SLOTS)
  let mask = INITIAL_SLOTS - 1
  let count = 0

  const slotOf = (key: Uint8Array, hash: number): number => {
    let slot = hash & mask
    for (;;) {
      const position = positions[slot] as number
      if (position === 0 || (hashes[slot] === hash && bytesEqual(keyAt(position), key))) return slot
      slot = (slot + 1) & mask
    }
  }

  const resize = () => {
    const oldHashes = hashes
    const oldPositions = positions
    hashes = new Uint32Array(oldHashes.length * 2)
    positions = new Float64Array(oldPositions.length * 2)
    mask = hashes.length - 1
    for (let old = 0; old < oldPositions.length; old++) {
      const position = oldPositions[old] as number
      if (position === 0) continue
      // Keys are unique here: the first empty slot of the probe sequence is theirs.
      let slot = (oldHashes[old] as number) & mask
      while (positions[slot] !== 0) slot = (slot + 1) & mask
      hashes[slot] = oldHashes[old] as number
      positions[slot] = position
    }
  }

  return {
    get(key) {
      const position = positions[slotOf(key, fnv1a(key))] as number
      return position === 0 ? undefined : position
    },
    set(key, position) {
      const hash = fnv1a(key)
      const slot = slotOf(key, hash)
      if (positions[slot] === 0) {
        count++
        hashes[slot] = hash
      }
      positions[slot] = position
      // At most half full: probe sequences stay short.
      if (count * 2 > positions.length) resize()
    },
    forEach(visit) {
      for (const position of positions) if (position !== 0) visit(position)
    },
  }
}

