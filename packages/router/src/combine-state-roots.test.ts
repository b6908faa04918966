import { concatBytes, hexToBytes, keccak256Hex, merkleRoot } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { combineStateRoots } from './combine-state-roots.js'

const root = (byte: string) => `0x${byte.repeat(32)}` as const

describe(combineStateRoots.name, () => {
  it('is the Merkle root of length-prefixed (id, root) leaves sorted by id', () => {
    const leaf = (id: string, hash: `0x${string}`) =>
      concatBytes(Uint8Array.of(id.length), new TextEncoder().encode(id), hexToBytes(hash))
    expect(combineStateRoots({ wasm: root('22'), evm: root('11') })).toBe(
      merkleRoot([leaf('evm', root('11')), leaf('wasm', root('22'))]),
    )
    expect(combineStateRoots({})).toBe(keccak256Hex(new Uint8Array(0)))
  })

  it('depends on every root and id, not on key order', () => {
    const base = combineStateRoots({ evm: root('11'), wasm: root('22') })
    expect(combineStateRoots({ wasm: root('22'), evm: root('11') })).toBe(base)
    expect(combineStateRoots({ evm: root('11'), wasm: root('23') })).not.toBe(base)
    expect(combineStateRoots({ evm: root('11'), wasn: root('22') })).not.toBe(base)
  })
})
