import { keccak256 } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { type SealedNode, type TrieNode, branchNode, decodeNode, detachedNode, extensionNode, leafNode, sealNode } from './trie-node.js'

const sealed = (node: TrieNode): SealedNode[] => {
  const stored: SealedNode[] = []
  sealNode(node, true, keccak256, (each) => stored.push(each))
  return stored
}
const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('hex')

describe('trie nodes', () => {
  it('decode what they encode, with small children inlined and larger ones by hash', () => {
    const small = leafNode(Uint8Array.of(1), Uint8Array.of(7))
    const large = leafNode(Uint8Array.of(2, 3), new Uint8Array(40).fill(9))
    const children = Array.from({ length: 16 }, (_, nibble) => (nibble === 1 ? small : nibble === 2 ? large : null))
    const root = extensionNode(Uint8Array.of(5, 6, 7), branchNode(children, null))
    const stored = sealed(root)
    // The large leaf, the branch (over 32 bytes) and the root; the small leaf lives inside the branch.
    expect(stored.map((node) => node.kind)).toEqual(['leaf', 'branch', 'extension'])
    const decoded = decodeNode(root.encoded as Uint8Array)
    expect(decoded.kind).toBe('extension')
    const branch = decodeNode((stored[1] as SealedNode).encoded)
    expect(branch.kind === 'branch' && branch.children[1]).toMatchObject({ kind: 'leaf', value: Uint8Array.of(7) })
    expect(branch.kind === 'branch' && hex(branch.children[2] as Uint8Array)).toBe(hex(large.hash))
  })

  it('a detached node refers to its stored children by hash and keeps its encoding', () => {
    const small = leafNode(Uint8Array.of(1), Uint8Array.of(7))
    const large = leafNode(Uint8Array.of(2, 3), new Uint8Array(40).fill(9))
    const children = Array.from({ length: 16 }, (_, nibble) => (nibble === 1 ? small : nibble === 2 ? large : null))
    const branch = branchNode(children, null)
    sealed(branch)
    const detached = detachedNode(branch as SealedNode)
    expect(detached.kind === 'branch' && detached.children[1]).toBe(small)
    expect(detached.kind === 'branch' && hex(detached.children[2] as Uint8Array)).toBe(hex(large.hash))
    expect(hex(detached.encoded)).toBe(hex(branch.encoded))
    expect(hex(detached.hash)).toBe(hex(branch.hash))
  })
})
