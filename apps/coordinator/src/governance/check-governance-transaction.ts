import { keccak256Hex, recoverAddress, type Address, type Hash } from '@bulkhead/core'
import { decodeSignedGovernanceTransaction, governanceSigningHash, type GovernanceTransaction } from '@bulkhead/proto'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import type { GovernanceState } from './governance-state.js'

export type GovernanceCheck =
  | { readonly status: 'ok'; readonly hash: Hash; readonly signer: Address; readonly transaction: GovernanceTransaction }
  | { readonly status: 'rejected'; readonly hash?: Hash; readonly signer?: Address; readonly reason: string }

/**
 * Admission of a governance transaction: it decodes strictly, is for this chain, is signed by a
 * genesis governance key, carries that key's next nonce, and names environments that exist.
 */
export function checkGovernanceTransaction(payload: Uint8Array, genesis: ChainGenesis, state: GovernanceState): GovernanceCheck {
  const hash = keccak256Hex(payload)
  let signed
  try {
    signed = decodeSignedGovernanceTransaction(payload)
  } catch (error) {
    return { status: 'rejected', hash, reason: `malformed governance transaction: ${(error as Error).message.split('\n')[0]}` }
  }
  const { transaction } = signed
  if (transaction.chainId !== genesis.chainId) {
    return { status: 'rejected', hash, reason: `governance transaction for chain ${transaction.chainId}, this is chain ${genesis.chainId}` }
  }
  let signer: Address
  try {
    signer = recoverAddress(governanceSigningHash(transaction), signed.signature)
  } catch (error) {
    return { status: 'rejected', hash, reason: `bad signature: ${(error as Error).message.split('\n')[0]}` }
  }
  if (!genesis.governance.includes(signer)) return { status: 'rejected', hash, signer, reason: `${signer} is not a governance key of this chain` }
  const expected = state.nonces.get(signer) ?? 0n
  if (transaction.nonce !== expected) {
    return { status: 'rejected', hash, signer, reason: `governance nonce ${transaction.nonce}, expected ${expected}` }
  }
  const { action } = transaction
  if ('environment' in action && !genesis.environments.some((environment) => environment.id === action.environment)) {
    return { status: 'rejected', hash, signer, reason: `unknown environment "${action.environment}"` }
  }
  if (action.kind === 'set_permissions' && action.permissions.destinations !== '*') {
    const unknown = action.permissions.destinations.find((id) => !genesis.environments.some((environment) => environment.id === id))
    if (unknown !== undefined) return { status: 'rejected', hash, signer, reason: `permissions name unknown environment "${unknown}"` }
  }
  return { status: 'ok', hash, signer, transaction }
}

