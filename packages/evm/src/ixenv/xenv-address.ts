import type { Address } from '@bulkhead/core'

/**
 * Where the XEnv system contract (interface `contracts/IXEnv.sol`) lives in every Bulkhead EVM
 * environment. "b0c" for "boundary"; below 0x…ffff, like other system addresses, and far
 * above the precompiles (0x01–0x11).
 */
export const XENV_ADDRESS: Address = '0x0000000000000000000000000000000000000b0c'

/**
 * The environment's own caller for mirror writes (EIP-4788's system address: nobody holds its
 * key). Inbound `ContractCall`s come from {@link XENV_ADDRESS} instead, so a target contract
 * can tell a cross-environment call by `msg.sender == XENV_ADDRESS`.
 */
export const SYSTEM_ADDRESS: Address = '0xfffffffffffffffffffffffffffffffffffffffe'
