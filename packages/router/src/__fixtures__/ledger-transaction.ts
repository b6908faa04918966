import type { Address, EnvironmentId } from '@bulkhead/core'

/**
 * The fixture environment's transaction: UTF-8 JSON. No signature: `sender` is trusted, which
 * is fine for routing tests (the router never looks inside payloads).
 */
export type LedgerTransaction = {
  readonly sender: Address
  readonly nonce: number
  readonly gasLimit: number
} & (
  | { readonly op: 'transfer'; readonly to: Address; readonly amount: string }
  /** Bumps the contract's counter after `work` rounds of Keccak (CPU load for benches). */
  | { readonly op: 'call'; readonly to: Address; readonly work?: number }
  /** Ends with the given failure status, charging the whole gas limit. */
  | { readonly op: 'fail'; readonly to: Address; readonly status: 'trapped' | 'out_of_gas' | 'reverted' }
  | { readonly op: 'deploy' }
  /** Sends `amount` to `receiver` in `destination` as an AssetTransfer (escrowed at send). */
  | { readonly op: 'send'; readonly destination: EnvironmentId; readonly receiver: Address; readonly amount: string }
  | { readonly op: 'sync'; readonly destination: EnvironmentId; readonly to: Address }
  /** Hostile (only when the environment is built with `hostile: true`). */
  | { readonly op: 'spin' | 'allocate' | 'throw' | 'exit' | 'uncaught'; readonly to?: Address }
  /** Hostile: busy-waits `ms` milliseconds, then does nothing (its receipt is `rejected`: unknown op). */
  | { readonly op: 'busy'; readonly ms: number }
)

/** Encodes a fixture transaction for environment `environment`. */
export function ledgerTransaction(environment: EnvironmentId, transaction: LedgerTransaction) {
  return { environment, payload: new TextEncoder().encode(JSON.stringify(transaction)) }
}

/** A deterministic 20-byte address for test actor `n`. */
export function testAddress(n: number): Address {
  return `0x${n.toString(16).padStart(40, '0')}` as Address
}
