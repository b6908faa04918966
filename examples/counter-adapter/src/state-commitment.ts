import { bytesToHex, concatBytes, hexToBytes, keccak256, merkleRoot, type Hash } from '@bulkhead/core'

const encoder = new TextEncoder()
const BUCKETS = 256

/**
 * The state root, kept up to date by rehashing only what a block touched, not the whole state.
 *
 * Entries are spread over 256 buckets by the first byte of keccak256(key). A bucket's root is
 * the RFC 6962 Merkle root (`merkleRoot` from core) of its `key 0x00 value` entries sorted by
 * key bytes; the state root is the Merkle root of the 256 bucket roots. A block recomputes only
 * the buckets it touched, each holding about state/256 entries.
 *
 * The root is a function of the state alone (two nodes with the same state agree whatever their
 * history) and an entry can be proven with two Merkle paths. It is still linear in the state,
 * divided by 256: an adapter with millions of entries wants a sparse Merkle tree or a Merkle
 * Patricia trie, whose updates cost O(log state).
 */
export class StateCommitment {
  private readonly buckets: Map<string, string>[] = Array.from({ length: BUCKETS }, () => new Map())
  /**
   * The Merkle tree over the bucket roots, level by level: `levels[0]` are the 256 leaf hashes,
   * the last level is the root. 256 is a power of two, so this is exactly the tree `merkleRoot`
   * builds over the bucket roots, and a changed bucket rehashes one path of 9 nodes, not 511.
   */
  private readonly levels: Uint8Array[][] = []

  constructor() {
    this.reset([])
  }

  /** Replaces the whole content, e.g. after opening the store or a rollback. */
  reset(entries: Iterable<readonly [key: string, value: string]>): void {
    for (const bucket of this.buckets) bucket.clear()
    for (const [key, value] of entries) this.buckets[bucketOf(key)]?.set(key, value)
    this.levels.length = 0
    let level = this.buckets.map((bucket) => leafHash(bucketRoot(bucket)))
    this.levels.push(level)
    while (level.length > 1) {
      const below = level
      level = Array.from({ length: below.length / 2 }, (_, index) => nodeHash(below[2 * index] as Uint8Array, below[2 * index + 1] as Uint8Array))
      this.levels.push(level)
    }
  }

  /** The root the state would have with `writes` applied (`undefined` deletes); changes nothing. */
  rootWith(writes: ReadonlyMap<string, string | undefined>): Hash {
    return this.update(this.touched(writes), false)
  }

  /** Applies committed `writes`. */
  apply(writes: ReadonlyMap<string, string | undefined>): void {
    const touched = this.touched(writes)
    for (const [index, bucket] of touched) this.buckets[index] = bucket
    this.update(touched, true)
  }

  /** Rehashes the paths from the touched buckets to the root; stores them when `keep`. */
  private update(touched: ReadonlyMap<number, ReadonlyMap<string, string>>, keep: boolean): Hash {
    let changed = new Map([...touched].map(([index, bucket]) => [index, leafHash(bucketRoot(bucket))] as const))
    for (const [depth, level] of this.levels.entries()) {
      if (keep) for (const [index, hash] of changed) level[index] = hash
      if (depth === this.levels.length - 1) break
      const parents = new Map<number, Uint8Array>()
      for (const index of changed.keys()) {
        const parent = index >> 1
        if (parents.has(parent)) continue
        const left = changed.get(2 * parent) ?? (level[2 * parent] as Uint8Array)
        const right = changed.get(2 * parent + 1) ?? (level[2 * parent + 1] as Uint8Array)
        parents.set(parent, nodeHash(left, right))
      }
      changed = parents
    }
    return bytesToHex(changed.get(0) ?? (this.levels.at(-1)?.[0] as Uint8Array))
  }

  /** Copies of the buckets `writes` touches, with the writes applied. */
  private touched(writes: ReadonlyMap<string, string | undefined>): Map<number, Map<string, string>> {
    const copies = new Map<number, Map<string, string>>()
    for (const [key, value] of writes) {
      const index = bucketOf(key)
      let bucket = copies.get(index)
      if (bucket === undefined) copies.set(index, (bucket = new Map(this.buckets[index])))
      if (value === undefined) bucket.delete(key)
      else bucket.set(key, value)
    }
    return copies
  }
}

// RFC 6962 with Keccak-256, as `merkleRoot` in @bulkhead/core: 0x00-prefixed leaves, 0x01-prefixed nodes.
function leafHash(data: Uint8Array): Uint8Array {
  return keccak256(concatBytes(Uint8Array.of(0), data))
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return keccak256(concatBytes(Uint8Array.of(1), left, right))
}

function bucketOf(key: string): number {
  return keccak256(encoder.encode(key))[0] as number
}

function bucketRoot(bucket: ReadonlyMap<string, string>): Uint8Array {
  // Sort by UTF-8 bytes, not UTF-16 code units, so an implementation in any language agrees.
  const leaves = [...bucket].map(([key, value]) => [encoder.encode(key), encoder.encode(value)] as const)
  leaves.sort(([left], [right]) => compareBytes(left, right))
  return hexToBytes(merkleRoot(leaves.map(([key, value]) => concatBytes(key, Uint8Array.of(0), value))))
}

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.length, right.length)
  for (let index = 0; index < length; index++) {
    const difference = (left[index] as number) - (right[index] as number)
    if (difference !== 0) return difference
  }
  return left.length - right.length
}
