import type { KeyValueStore } from '../storage/key-value-store.js'
import type { ExecutionEnvironment } from './execution-environment.js'
import type { Address, EnvironmentId } from './identifiers.js'

/**
 * What a node hands an adapter's factory to build one environment of a chain. Everything but
 * `store` is plain data from the genesis file, so a node can also build the environment inside
 * a worker thread (where it opens the store itself).
 */
export interface EnvironmentFactoryOptions {
  /** The environment's id in this chain. */
  readonly id: EnvironmentId
  /** The chain id (EIP-155 for EVM signatures, the signing domain for others). */
  readonly chainId: bigint
  /** The native asset's denom. */
  readonly denom: string
  /** Native balances at genesis; used only when `store` is empty. */
  readonly allocations: Readonly<Record<Address, bigint>>
  /** The adapter's own options from genesis (`options` of the environment), as given. Default `{}`. */
  readonly options: Readonly<Record<string, unknown>>
  /** The environment's own storage; it resumes from what is there. */
  readonly store: KeyValueStore
}

/**
 * The entry point a node loads from an adapter package (by default its `createEnvironment`
 * export) to run an environment named in a genesis file.
 */
export type EnvironmentFactory = (options: EnvironmentFactoryOptions) => Promise<ExecutionEnvironment>
