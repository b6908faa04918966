import { RLP } from '@ethereumjs/rlp'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { createAddressFromString } from '@ethereumjs/util'

/**
 * The engine's state manager, flushing each account's changed storage slots as one batch.
 * Upstream's `flush` writes slot by slot, and after each one reads the storage trie's root into
 * the account: with a trie that hashes when its root is read ({@link DeferredHashingTrie}),
 * that hashes the top of a contract's storage trie once per slot instead of once per block.
 * Slots are grouped by account in the order they came, and the roots are upstream's; then
 * upstream's flush writes the code and the accounts (the storage it would write is written).
 */
export class BlockStateManager extends MerkleStateManager {
  override async flush(): Promise<void> {
    const slotsByAccount = new Map<string, [Uint8Array, Uint8Array][]>()
    for (const [addressHex, keyHex, value] of this._caches?.storage?.flush() ?? []) {
      let slots = slotsByAccount.get(addressHex)
      if (slots === undefined) slotsByAccount.set(addressHex, (slots = []))
      slots.push([Buffer.from(keyHex, 'hex'), RLP.decode(value ?? new Uint8Array(0)) as Uint8Array])
    }
    for (const [addressHex, slots] of slotsByAccount) {
      const address = createAddressFromString(`0x${addressHex}`)
      // As upstream: the storage of an account that no longer exists is not written.
      const account = await this.getAccount(address)
      if (account === undefined) continue
      const storageTrie = this._getStorageTrie(address, account)
      for (const [key, value] of slots) {
        if (value.length > 0) await storageTrie.put(key, RLP.encode(value))
        else await storageTrie.del(key)
      }
      account.storageRoot = storageTrie.root()
      await this.putAccount(address, account)
    }
    return super.flush()
  }
}
