import { createMemoryStore } from '@bulkhead/core'
import { RLP } from '@ethereumjs/rlp'
import { Caches, MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, Address, ValueEncoding } from '@ethereumjs/util'
import { describe, expect, it } from 'vitest'
import { generator } from '../__fixtures__/seeded-bytes.js'
import { createStagedTrieDatabase } from '../storage/staged-trie-database.js'
import { BlockStateManager } from './block-state-manager.js'
import { DeferredHashingTrie } from './deferred-hashing-trie.js'

const trie = () => new DeferredHashingTrie({ db: createStagedTrieDatabase({ store: createMemoryStore(), prefix: Uint8Array.of(1) }), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes })
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/**
 * An SSTORE as the bundled program makes it: into the storage cache only, for the flush to
 * write (upstream's `putStorage` also writes the trie at once, which would hide the flush).
 */
function cachedStore(manager: BlockStateManager, address: Address, slot: Uint8Array, value: Uint8Array): void {
  const caches = (manager as unknown as { _caches: Caches })._caches
  caches.storage?.put(address, slot, RLP.encode(value))
}

describe(BlockStateManager.name, () => {
  for (const seed of [1, 2, 3]) {
    it(`reaches the state roots of upstream writing each slot at once, block after block (seed ${seed})`, async () => {
      const upstream = new MerkleStateManager({ trie: trie() })
      const batched = new BlockStateManager({ trie: trie(), caches: new Caches() })
      const random = generator(seed)
      const addresses = Array.from({ length: 6 }, () => new Address(random.bytes(20)))
      const slots = Array.from({ length: 12 }, () => random.bytes(32))
      for (const manager of [upstream, batched]) {
        for (const address of addresses) await manager.putAccount(address, new Account(0n, 1_000n))
      }
      for (let block = 0; block < 40; block++) {
        const writes = Array.from({ length: 1 + (random.next() % 8) }, () => {
          const address = addresses[random.next() % addresses.length] as Address
          const slot = slots[random.next() % slots.length] as Uint8Array
          // Zero clears the slot: the trie deletes it.
          const value = random.next() % 3 === 0 ? new Uint8Array(0) : random.bytes(1 + (random.next() % 32))
          return [address, slot, value] as const
        })
        for (const [address, slot, value] of writes) await upstream.putStorage(address, slot, value)
        await batched.checkpoint()
        for (const [address, slot, value] of writes) cachedStore(batched, address, slot, value)
        await batched.commit()
        expect(hex(await batched.getStateRoot())).toBe(hex(await upstream.getStateRoot()))
      }
      for (const address of addresses) {
        for (const slot of slots) expect(hex(await batched.getStorage(address, slot))).toBe(hex(await upstream.getStorage(address, slot)))
      }
    })
  }
})
