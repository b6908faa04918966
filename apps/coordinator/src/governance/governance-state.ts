import type { Address, EnvironmentPermissions } from '@bulkhead/core'

/** The environment id governance transactions are addressed to; no environment may use it. */
export const GOVERNANCE_ENVIRONMENT = 'governance'

/** What governance has changed since genesis; persisted with every block. */
export interface GovernanceState {
  /** Next nonce per governance key. */
  readonly nonces: ReadonlyMap<Address, bigint>
  /** Total block gas shared among environments. */
  readonly blockGasLimit: bigint
  /** Environments paused, with the reason. */
  readonly paused: ReadonlyMap<string, string>
  /** Weights set by governance (others keep their genesis weight). */
  readonly weights: ReadonlyMap<string, number>
  /** Permissions set by governance (others keep their genesis permissions). */
  readonly permissions: ReadonlyMap<string, EnvironmentPermissions>
  /** Contracts quarantined by governance: `environment/contract` → the last block they are quarantined. */
  readonly quarantines: ReadonlyMap<string, { readonly environment: string; readonly contract: Address; readonly until: bigint; readonly reason: string }>
}

export function initialGovernanceState(blockGasLimit: bigint): GovernanceState {
  return { nonces: new Map(), blockGasLimit, paused: new Map(), weights: new Map(), permissions: new Map(), quarantines: new Map() }
}
