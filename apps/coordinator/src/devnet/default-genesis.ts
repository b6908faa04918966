import type { DevAccount } from './dev-accounts.js'

/** 10,000 of the native asset (in wei) for each dev account in each environment. */
const DEV_BALANCE = (10_000n * 10n ** 18n).toString()

/**
 * The devnet's genesis when none is given: an EVM and a WASM environment, each prefunding the
 * dev accounts, the first account as governance key, chain id 31337 like Hardhat and Anvil.
 */
export function defaultDevnetGenesis(accounts: readonly DevAccount[], chainId = 31_337n) {
  const allocations = Object.fromEntries(accounts.map((account) => [account.address, DEV_BALANCE]))
  return {
    chainId: chainId.toString(),
    nativeDenom: 'wei',
    defaultMessageTimeout: 100,
    blockGasLimit: 60_000_000,
    governance: [accounts[0]?.address],
    environments: [
      { id: 'evm', vm: 'evm', blockGasWeight: 1, allocations },
      { id: 'wasm', vm: 'wasm', blockGasWeight: 1, allocations },
    ],
  }
}
