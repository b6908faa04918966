import { createMemoryStore, keccak256 } from '@bulkhead/core'
import { MerklePatriciaTrie, createMerkleProof, verifyMerkleProof } from '@ethereumjs/mpt'
import { ValueEncoding } from '@ethereumjs/util'
import { describe, expect, it } from 'vitest'
import { generator } from '../__fixtures__/seeded-bytes.js'
import { trieRootOf } from '../chain/ordered-trie-root.js'
import { createStagedTrieDatabase } from '../storage/staged-trie-database.js'
import { DeferredHashingTrie } from './deferred-hashing-trie.js'
import { PathTrie } from './path-trie.js'

const PREFIX = Uint8Array.of(0x6e)
const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('hex'))

function deferredTrie(useKeyHashing: boolean, store = createMemoryStore()) {
  const db = createStagedTrieDatabase({ store, prefix: PREFIX })
  const trie = new DeferredHashingTrie({ db, useKeyHashing, valueEncoding: ValueEncoding.Bytes })
  return { trie, db, store }
}

describe(DeferredHashingTrie.name, () => {
  for (const useKeyHashing of [false, true]) {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // A few seeds draw from a handful of keys, so the trie empties and refills often.
      const keyCount = seed > 4 ? 5 : useKeyHashing ? 300 : 60
      it(`holds the same values and roots as upstream and as a trie built from scratch (${useKeyHashing ? 'hashed' : 'raw'} keys, ${keyCount} of them, seed ${seed})`, async () => {
        const upstream = new MerklePatriciaTrie({ useKeyHashing })
        const { trie: ours } = deferredTrie(useKeyHashing)
        const contents = new Map<string, readonly [Uint8Array, Uint8Array]>()
        // Upstream deletes wrongly when raw keys end inside one another (a branch value left
        // beside one child); Ethereum's tries hash their keys, so there it is the reference.
        const expected = () =>
          useKeyHashing ? hex(upstream.root()) : hex(trieRootOf([...contents.values()], keccak256))
        const random = generator(seed)
        // Short raw keys end inside one another (branch values) and short values make nodes
        // under 32 bytes that are inlined in their parent; hashed keys make state-like tries.
        const keys = Array.from({ length: keyCount }, () => random.bytes(useKeyHashing ? 20 : 1 + (random.next() % 3)))
        for (let operation = 0; operation < 1_500; operation++) {
          const key = keys[random.next() % keys.length] as Uint8Array
          if (random.next() % 4 === 0) {
            await upstream.del(key)
            await ours.del(key)
            contents.delete(hex(key) as string)
          } else {
            const value = random.bytes(1 + (random.next() % (random.next() % 2 === 0 ? 3 : 40)))
            await upstream.put(key, value)
            await ours.put(key, value)
            contents.set(hex(key) as string, [key, value])
          }
          // Reading the root between some writes only: several writes then share one hashing.
          if (random.next() % 7 === 0) expect(hex(ours.root())).toBe(expected())
        }
        expect(hex(ours.root())).toBe(expected())
        for (const key of keys) expect(hex(await ours.get(key))).toBe(hex(contents.get(hex(key) as string)?.[1] ?? null))
      })
    }
  }

  it('stores every node of its root: a trie over the same store, read cold, finds every value', async () => {
    const store = createMemoryStore()
    const { trie, db } = deferredTrie(true, store)
    const random = generator(7)
    const entries = Array.from({ length: 400 }, () => [random.bytes(32), random.bytes(1 + (random.next() % 60))] as const)
    for (const [key, value] of entries) await trie.put(key, value)
    await trie.del((entries[0] as readonly [Uint8Array, Uint8Array])[0])
    const root = trie.root()
    await store.batch(db.staged())
    db.persisted()

    // A new database over the store: nothing cached, every node is read through the promise path.
    const cold = new DeferredHashingTrie({ db: createStagedTrieDatabase({ store, prefix: PREFIX }), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, root })
    expect(await cold.get((entries[0] as readonly [Uint8Array, Uint8Array])[0])).toBeNull()
    for (const [key, value] of entries.slice(1)) expect(hex(await cold.get(key))).toBe(hex(value))
    // And upstream's own reader agrees.
    const reader = new PathTrie({ db: createStagedTrieDatabase({ store, prefix: PREFIX }), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, root })
    for (const [key, value] of entries.slice(1, 50)) expect(hex(await reader.get(key))).toBe(hex(value))
  })

  it('writes into a cold trie read from the store give the same root as in memory', async () => {
    const store = createMemoryStore()
    const { trie: warm, db } = deferredTrie(true, store)
    const random = generator(8)
    for (let index = 0; index < 300; index++) await warm.put(random.bytes(32), random.bytes(40))
    const root = warm.root()
    await store.batch(db.staged())
    db.persisted()
    const cold = new DeferredHashingTrie({ db: createStagedTrieDatabase({ store, prefix: PREFIX }), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, root })
    const writes = Array.from({ length: 50 }, () => [random.bytes(32), random.bytes(40)] as const)
    for (const [key, value] of writes) {
      await warm.put(key, value)
      await cold.put(key, value)
    }
    expect(hex(cold.root())).toBe(hex(warm.root()))
  })

  it('deleting every key, after the root was read, gives the empty root again', async () => {
    const { trie } = deferredTrie(true)
    const empty = trie.root()
    await trie.put(Uint8Array.of(1), Uint8Array.of(1, 2, 3))
    await trie.put(Uint8Array.of(2), Uint8Array.of(4, 5, 6))
    expect(hex(trie.root())).not.toBe(hex(empty))
    await trie.del(Uint8Array.of(1))
    trie.root()
    await trie.del(Uint8Array.of(2))
    expect(hex(trie.root())).toBe(hex(empty))
    expect(hex(trie.root())).toBe(hex(new MerklePatriciaTrie().EMPTY_TRIE_ROOT))
  })

  it('reverting a checkpoint returns to the root it was taken at', async () => {
    const { trie } = deferredTrie(true)
    await trie.put(Uint8Array.of(1), Uint8Array.of(1, 2, 3))
    const before = trie.root()
    trie.checkpoint()
    await trie.put(Uint8Array.of(2), Uint8Array.of(4, 5, 6))
    expect(hex(trie.root())).not.toBe(hex(before))
    await trie.revert()
    expect(hex(trie.root())).toBe(hex(before))
    expect(await trie.get(Uint8Array.of(2))).toBeNull()
    expect(hex(await trie.get(Uint8Array.of(1)))).toBe('010203')
  })

  it('nodes hashed inside a checkpoint are stored only if it is committed', async () => {
    const { trie, db } = deferredTrie(true)
    await trie.put(Uint8Array.of(1), new Uint8Array(40).fill(1))
    trie.root()
    const before = db.staged().length
    trie.checkpoint()
    await trie.put(Uint8Array.of(2), new Uint8Array(40).fill(2))
    trie.checkpoint() // reads the root: the new nodes are hashed inside the first checkpoint
    await trie.revert()
    await trie.revert()
    expect(db.staged().length).toBe(before)
    trie.checkpoint()
    await trie.put(Uint8Array.of(3), new Uint8Array(40).fill(3))
    const root = trie.root()
    await trie.commit()
    expect(db.staged().length).toBeGreaterThan(before)
    expect(hex(await trie.get(Uint8Array.of(3)))).toBe('03'.repeat(40))
    expect(hex(trie.root())).toBe(hex(root))
  })

  it('storage-trie copies share the database and start at the root they are given', async () => {
    const { trie } = deferredTrie(true)
    await trie.put(Uint8Array.of(1), Uint8Array.of(9))
    const copy = trie.shallowCopy(false)
    expect(copy).toBeInstanceOf(DeferredHashingTrie)
    copy.root(copy.EMPTY_TRIE_ROOT)
    await copy.put(Uint8Array.of(3), Uint8Array.of(7))
    const copyRoot = copy.root()
    const again = trie.shallowCopy(false)
    again.root(copyRoot)
    expect(hex(await again.get(Uint8Array.of(3)))).toBe('07')
    expect(hex(await trie.get(Uint8Array.of(1)))).toBe('09')
  })

  it('proofs made from its root verify', async () => {
    const { trie } = deferredTrie(true)
    const random = generator(9)
    const keys = Array.from({ length: 100 }, () => random.bytes(20))
    for (const key of keys) await trie.put(key, random.bytes(70))
    const key = keys[17] as Uint8Array
    const proof = await createMerkleProof(trie, key)
    expect(hex(keccak256(proof[0] as Uint8Array))).toBe(hex(trie.root()))
    expect(hex(await verifyMerkleProof(key, proof, { useKeyHashing: true }))).toBe(hex(await trie.get(key)))
  })

  it('refuses the options it does not support', () => {
    const db = createStagedTrieDatabase({ store: createMemoryStore(), prefix: PREFIX })
    for (const option of [{ useNodePruning: true }, { useRootPersistence: true }, { keyPrefix: Uint8Array.of(1) }]) {
      expect(() => new DeferredHashingTrie({ db, useKeyHashing: true, ...option })).toThrow(/supports neither/)
    }
  })

  it('a node missing from the store reads as no value, unless asked to throw; a write fails', async () => {
    const root = new Uint8Array(32).fill(0xab)
    const trie = new DeferredHashingTrie({ db: createStagedTrieDatabase({ store: createMemoryStore(), prefix: PREFIX }), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, root })
    expect(await trie.get(Uint8Array.of(1))).toBeNull()
    await expect(trie.get(Uint8Array.of(1), true)).rejects.toThrow('Missing node in DB')
    await expect(trie.put(Uint8Array.of(1), Uint8Array.of(1))).rejects.toThrow('Missing node in DB')
  })
})
