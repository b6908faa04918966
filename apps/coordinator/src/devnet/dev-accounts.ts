import { pbkdf2 } from '@noble/hashes/pbkdf2.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex, type Address, type Hex } from '@bulkhead/core'
import { HDKey, hdKeyToAccount } from 'viem/accounts'

/** The mnemonic Hardhat, Anvil and Ganache prefund, so the same addresses and keys work here. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export interface DevAccount {
  readonly address: Address
  readonly privateKey: Hex
}

/**
 * The first `count` accounts of a mnemonic (m/44'/60'/0'/0/i). The BIP-39 seed (2,048 rounds
 * of PBKDF2) is computed once and every path derived from it, which keeps it off the devnet's
 * start-up time (deriving each account from the mnemonic took about 30 ms apiece).
 */
export function deriveDevAccounts(count = 10, mnemonic = DEV_MNEMONIC): DevAccount[] {
  const encoder = new TextEncoder()
  const seed = pbkdf2(sha512, encoder.encode(mnemonic.normalize('NFKD')), encoder.encode('mnemonic'), { c: 2048, dkLen: 64 })
  const root = HDKey.fromMasterSeed(seed)
  return Array.from({ length: count }, (_, addressIndex) => {
    const account = hdKeyToAccount(root, { addressIndex })
    const privateKey = account.getHdKey().privateKey
    if (privateKey === null) throw new Error('the HD key has no private key')
    return { address: account.address.toLowerCase() as Address, privateKey: bytesToHex(privateKey) }
  })
}
