import type { Address, EnvironmentPermissions } from '@bulkhead/core'

/**
 * A validated genesis: what the node starts a chain from. Parsed from the JSON genesis file
 * (docs/genesis.md) by `parseGenesis`; its protobuf form (`@bulkhead/proto` `Genesis`) is hashed
 * to identify the chain.
 */
export interface ChainGenesis {
  /** EIP-155 chain id of the EVM environment and the signature domain of every transaction. */
  readonly chainId: bigint
  /** Timestamp of the genesis block, seconds since the Unix epoch. */
  readonly timestamp: bigint
  /** Name of the native asset every environment holds. Default `wei`. */
  readonly nativeDenom: string
  /** Blocks a message may wait before it times out when its sender gave no timeout. Default 100. */
  readonly defaultMessageTimeout: bigint
  /** Total block gas shared among environments by weight. Default 60,000,000. */
  readonly blockGasLimit: bigint
  /** Addresses whose signatures are accepted on governance transactions; at least one. */
  readonly governance: readonly Address[]
  /** Strictly ascending by id. */
  readonly environments: readonly EnvironmentGenesisEntry[]
}

export interface EnvironmentGenesisEntry {
  readonly id: string
  /** Adapter kind; must be one the node knows (`evm`, `wasm`, or a registered adapter). */
  readonly vm: string
  /** Share of block gas relative to the other environments; default 1. */
  readonly blockGasWeight: number
  /** Defaults: everything allowed (DEFAULT_PERMISSIONS). */
  readonly permissions: EnvironmentPermissions
  /** Native asset per address at genesis. */
  readonly allocations: ReadonlyMap<Address, bigint>
  /** Adapter-specific options, passed through as given (plain JSON). */
  readonly options: Readonly<Record<string, unknown>>
  /**
   * A third-party adapter: the module to import (a package name, or a path relative to the
   * genesis file) and the factory it exports (default `createEnvironment`). Absent for built-ins.
   */
  readonly adapter?: { readonly module: string; readonly export: string }
}
