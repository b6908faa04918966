import { mnemonicToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { DEV_MNEMONIC, deriveDevAccounts } from './dev-accounts.js'

describe(deriveDevAccounts.name, () => {
  it('derives the same accounts as a wallet does from the mnemonic (Hardhat/Anvil addresses)', () => {
    const accounts = deriveDevAccounts(10)
    expect(accounts[0]).toEqual({
      address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    })
    accounts.forEach((account, addressIndex) => {
      expect(account.address).toBe(mnemonicToAccount(DEV_MNEMONIC, { addressIndex }).address.toLowerCase())
    })
    expect(deriveDevAccounts(2, 'legal winner thank year wave sausage worth useful legal winner thank yellow')[1]?.address).toBe(
      mnemonicToAccount('legal winner thank year wave sausage worth useful legal winner thank yellow', { addressIndex: 1 }).address.toLowerCase(),
    )
  })
})
