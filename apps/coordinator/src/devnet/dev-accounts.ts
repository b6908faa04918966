import { bytesToHex, type Address, type Hex } from '@bulkhead/core'
import { mnemonicToAccount } from 'viem/accounts'

/** The mnemonic Hardhat, Anvil and Ganache prefund, so the same addresses and keys work here. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export interface DevAccount {
  readonly address: Address
  readonly privateKey: Hex
}

/** The first `count` accounts of the dev mnemonic (m/44'/60'/0'/0/i). */
export function deriveDevAccounts(count = 10, mnemonic = DEV_MNEMONIC): DevAccount[] {
  return Array.from({ length: count }, (_, addressIndex) => {
    const account = mnemonicToAccount(mnemonic, { addressIndex })
    const privateKey = account.getHdKey().privateKey
    if (privateKey === null) throw new Error('the HD key has no private key')
    return { address: account.address.toLowerCase() as Address, privateKey: bytesToHex(privateKey) }
  })
}
