import { concatBytes, hexToBytes, merkleRoot, type EnvironmentId, type Hash } from '@bulkhead/core'

const encoder = new TextEncoder()

/**
 * The router's state root: `merkleRoot` (core's RFC 6962 tree) over one leaf per environment,
 * sorted by id, where a leaf is `len(id) as 1 byte ‖ utf8(id) ‖ stateRoot (32 bytes)`.
 * The length prefix keeps `("ab", root)` and `("a", "b"‖…)` apart; sorting makes the root
 * independent of configuration order.
 */
export function combineStateRoots(roots: Readonly<Record<EnvironmentId, Hash>>): Hash {
  const leaves = Object.keys(roots)
    .sort()
    .map((id) => {
      const name = encoder.encode(id)
      return concatBytes(Uint8Array.of(name.length), name, hexToBytes(roots[id] as Hash))
    })
  return merkleRoot(leaves)
}
