import type { Address, EnvironmentId } from './identifiers.js'
import type { MessageKind } from './messages.js'

/**
 * What an environment is allowed to do across the boundary. Granted in genesis, changed by
 * governance, enforced by the router at the boundary: a message that breaks them is refused.
 */
export interface EnvironmentPermissions {
  /** May contracts here send `AssetTransfer`s? Default `true`. */
  readonly sendAssets: boolean
  /** May contracts here send `ContractCall`s? Default `true`. */
  readonly sendCalls: boolean
  /** May contracts here publish `StateSync`? Default `true`. */
  readonly sendStateSync: boolean
  /** Environments this one may send to; `'*'` (default) for every other environment. */
  readonly destinations: readonly EnvironmentId[] | '*'
  /** Accounts allowed to deploy contracts; `'*'` (default) for anyone. */
  readonly deployers: readonly Address[] | '*'
}

/** The permissions of an environment nobody has restricted. */
export const DEFAULT_PERMISSIONS: EnvironmentPermissions = Object.freeze({
  sendAssets: true,
  sendCalls: true,
  sendStateSync: true,
  destinations: '*',
  deployers: '*',
})

/** What an environment implements, declared by the adapter. */
export interface EnvironmentCapabilities {
  /** Message kinds it can receive as the destination; others are refused at delivery. */
  readonly receives: readonly MessageKind[]
  /** Message kinds its contracts can send. */
  readonly sends: readonly MessageKind[]
  /** Denoms it can hold (the chain's native asset at least). */
  readonly denoms: readonly string[]
  /**
   * Declares that a block with no deliveries and no transactions changes nothing here but the
   * height: its end has the previous state root and supply, no messages, no gas, nothing
   * burned or minted and no extensions, whatever the block's context. A worker host then
   * answers such blocks itself and runs them in the worker later, many in one call, so an
   * idle environment does not cost every block a round trip. Default `false`.
   */
  readonly emptyBlocksKeepState?: boolean
}
