import { RLP } from '@ethereumjs/rlp'
import { nibblesOf } from '../encoding/nibbles.js'
import { hexPrefix } from '../engine/trie-node.js'

/** A trie node before encoding: a leaf or extension pair, or a 17-item branch. */
type RawNode = Uint8Array | RawNode[]

const EMPTY = new Uint8Array(0)

/**
 * The root of the Merkle Patricia trie that maps `rlp(index)` to `values[index]`: an Ethereum
 * block's transactions and receipts roots. The same bytes as putting each pair into an
 * @ethereumjs `MerklePatriciaTrie`, computed in one synchronous pass over the sorted keys
 * instead of one async trie walk, node encoding and database write per item (a block's two
 * tries cost more than its header otherwise).
 */
export function orderedTrieRoot(values: readonly Uint8Array[], keccak256: (data: Uint8Array) => Uint8Array): Uint8Array {
  return trieRootOf(
    values.map((value, index) => [RLP.encode(index), value]),
    keccak256,
  )
}

/** The root of the Merkle Patricia trie holding these key-value pairs (unhashed keys, distinct). */
export function trieRootOf(pairs: readonly (readonly [Uint8Array, Uint8Array])[], keccak256: (data: Uint8Array) => Uint8Array): Uint8Array {
  if (pairs.length === 0) return keccak256(RLP.encode(EMPTY))
  const entries = pairs.map(([key, value]) => ({ path: nibblesOf(key), value }))
  entries.sort((a, b) => compareNibbles(a.path, b.path))
  return keccak256(RLP.encode(nodeOf(entries, 0, entries.length, 0, keccak256)))
}

interface Entry {
  readonly path: readonly number[]
  readonly value: Uint8Array
}

/** The node for `entries[from, to)`, which share their first `depth` nibbles. */
function nodeOf(entries: readonly Entry[], from: number, to: number, depth: number, keccak256: (data: Uint8Array) => Uint8Array): RawNode {
  const first = entries[from] as Entry
  if (to - from === 1) return [hexPrefix(first.path.slice(depth), true), first.value]
  const last = entries[to - 1] as Entry
  // Sorted keys: the prefix all of them share is the one the first and the last share.
  let shared = depth
  while (shared < first.path.length && shared < last.path.length && first.path[shared] === last.path[shared]) shared++
  if (shared > depth) {
    const branch = branchOf(entries, from, to, shared, keccak256)
    return [hexPrefix(first.path.slice(depth, shared), false), referenceTo(branch, keccak256)]
  }
  return branchOf(entries, from, to, depth, keccak256)
}

function branchOf(entries: readonly Entry[], from: number, to: number, depth: number, keccak256: (data: Uint8Array) => Uint8Array): RawNode {
  const branch: RawNode[] = new Array<RawNode>(17).fill(EMPTY)
  let start = from
  // A key that ends here holds the branch's value; being the shortest, it sorts first.
  if ((entries[start] as Entry).path.length === depth) {
    branch[16] = (entries[start] as Entry).value
    start++
  }
  while (start < to) {
    const nibble = (entries[start] as Entry).path[depth] as number
    let end = start + 1
    while (end < to && (entries[end] as Entry).path[depth] === nibble) end++
    branch[nibble] = referenceTo(nodeOf(entries, start, end, depth + 1, keccak256), keccak256)
    start = end
  }
  return branch
}

/** A child is embedded when its encoding is shorter than a hash, and hashed otherwise. */
function referenceTo(node: RawNode, keccak256: (data: Uint8Array) => Uint8Array): RawNode {
  const encoded = RLP.encode(node)
  return encoded.length < 32 ? node : keccak256(encoded)
}

function compareNibbles(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return (a[index] as number) - (b[index] as number)
  return a.length - b.length
}
