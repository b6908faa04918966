import { keccak256 } from '@bulkhead/core'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { describe, expect, it } from 'vitest'
import { orderedTrieRoot } from './ordered-trie-root.js'

/** Deterministic bytes: a test that fails fails the same way again. */
function generator(seed: number): (length: number) => Uint8Array {
  let state = seed >>> 0
  return (length) => {
    const bytes = new Uint8Array(length)
    for (let index = 0; index < length; index++) {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
      bytes[index] = state >>> 24
    }
    return bytes
  }
}

async function trieRoot(values: readonly Uint8Array[]): Promise<Uint8Array> {
  const trie = new MerklePatriciaTrie()
  for (const [index, value] of values.entries()) await trie.put(RLP.encode(index), value)
  return trie.root()
}

describe(orderedTrieRoot.name, () => {
  it('is the root of an empty trie for no values', async () => {
    expect(orderedTrieRoot([], keccak256)).toEqual(await trieRoot([]))
  })

  // Around the RLP boundaries of the keys (0, 127/128, 255/256) and the hex digits of the
  // paths; short values make nodes shorter than a hash, which are embedded, not hashed.
  for (const count of [1, 2, 3, 15, 16, 17, 127, 128, 129, 130, 255, 256, 257, 300]) {
    for (const [label, longest] of [
      ['short', 8],
      ['mixed', 120],
    ] as const) {
      it(`matches an @ethereumjs trie for ${count} ${label} values`, async () => {
        const bytes = generator(count * 31 + longest)
        const values = Array.from({ length: count }, () => bytes(1 + ((bytes(1)[0] as number) % longest)))
        expect(orderedTrieRoot(values, keccak256)).toEqual(await trieRoot(values))
      })
    }
  }
})
