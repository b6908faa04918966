import { concatBytes, bytesToHex } from '../encoding/hex.js'
import type { Hash } from '../spec/identifiers.js'
import { keccak256 } from './keccak256.js'

const leafPrefix = Uint8Array.of(0x00)
const nodePrefix = Uint8Array.of(0x01)

/**
 * The Merkle root of an ordered list, used for a block's transaction root and message root.
 *
 * The tree is RFC 6962's (Certificate Transparency) with Keccak-256:
 *
 * - empty list:  `keccak256("")` = `0xc5d2…a470`
 * - one item d:  `keccak256(0x00 ‖ d)`                           (leaf)
 * - n > 1 items: `keccak256(0x01 ‖ root(d[0:k]) ‖ root(d[k:n]))` (node)
 *   where k is the largest power of two smaller than n.
 *
 * The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an inner node, and an odd
 * item is carried up unpaired instead of being duplicated, so no two different lists share a
 * root (Bitcoin's duplicated-last-leaf scheme lets `[a, b, c]` and `[a, b, c, c]` collide).
 * Items are hashed as given: pass each item's canonical bytes.
 */
export function merkleRoot(items: readonly Uint8Array[]): Hash {
  return bytesToHex(subtreeRoot(items, 0, items.length))
}

function subtreeRoot(items: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const count = end - start
  if (count === 0) return keccak256(new Uint8Array(0))
  if (count === 1) return keccak256(concatBytes(leafPrefix, items[start] as Uint8Array))
  const split = largestPowerOfTwoBelow(count)
  return keccak256(
    concatBytes(nodePrefix, subtreeRoot(items, start, start + split), subtreeRoot(items, start + split, end)),
  )
}

function largestPowerOfTwoBelow(count: number): number {
  let power = 1
  while (power * 2 < count) power *= 2
  return power
}
