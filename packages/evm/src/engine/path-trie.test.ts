import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { describe, expect, it } from 'vitest'
import { generator } from '../__fixtures__/seeded-bytes.js'
import { PathTrie } from './path-trie.js'

const summary = (path: Awaited<ReturnType<MerklePatriciaTrie['findPath']>>) => ({
  node: path.node?.constructor.name ?? null,
  value: path.node?.value() ?? null,
  remaining: [...path.remaining],
  stack: path.stack.map((node) => node.constructor.name),
})

describe(PathTrie.name, () => {
  for (const useKeyHashing of [false, true]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      it(`finds the same paths and builds the same roots as upstream (${useKeyHashing ? 'hashed' : 'raw'} keys, seed ${seed})`, async () => {
        const upstream = new MerklePatriciaTrie({ useKeyHashing })
        const ours = new PathTrie({ useKeyHashing })
        const random = generator(seed)
        // Short raw keys share prefixes and end inside one another: extensions, branch values, mismatches.
        const keys = Array.from({ length: 60 }, () => random.bytes(1 + (random.next() % 3)))
        for (let operation = 0; operation < 400; operation++) {
          const key = keys[random.next() % keys.length] as Uint8Array
          if (random.next() % 5 === 0) {
            await upstream.del(key)
            await ours.del(key)
          } else {
            const value = random.bytes(1 + (random.next() % 40))
            await upstream.put(key, value)
            await ours.put(key, value)
          }
          expect(ours.root()).toEqual(upstream.root())
        }
        const probes = [...keys, ...Array.from({ length: 40 }, () => random.bytes(1 + (random.next() % 4)))]
        for (const key of probes) {
          const lookupKey = useKeyHashing ? upstream['hash'](key) : key
          expect(summary(await ours.findPath(lookupKey))).toEqual(summary(await upstream.findPath(lookupKey)))
          expect(await ours.get(key)).toEqual(await upstream.get(key))
        }
      })
    }
  }

  it('ends the path at a node missing from the database, or throws when told to', async () => {
    const ours = new PathTrie()
    await ours.put(Uint8Array.of(1), new Uint8Array(40).fill(1))
    await ours.put(Uint8Array.of(2), new Uint8Array(40).fill(2))
    const root = ours.root()
    const empty = new PathTrie({ root })
    const upstream = new MerklePatriciaTrie({ root })
    expect(summary(await empty.findPath(Uint8Array.of(1)))).toEqual(summary(await upstream.findPath(Uint8Array.of(1))))
    await expect(empty.findPath(Uint8Array.of(1), true)).rejects.toThrow('Missing node in DB')
  })

  it('copies into a PathTrie (storage tries are copies of the account trie)', () => {
    expect(new PathTrie().shallowCopy()).toBeInstanceOf(PathTrie)
  })
})
