import type { ExecutionEnvironment, KeyValueStore } from '@bulkhead/core'
import type { ChainGenesis, EnvironmentGenesisEntry } from '../genesis/chain-genesis.js'

/** What an adapter is given to build one environment of a chain. */
export interface AdapterContext {
  readonly genesis: ChainGenesis
  readonly entry: EnvironmentGenesisEntry
  /** The environment's own storage namespace; it resumes from what is there. */
  readonly store: KeyValueStore
}

/** Builds the environments of one kind of VM (`vm` in genesis). */
export interface EnvironmentAdapter {
  create(context: AdapterContext): Promise<ExecutionEnvironment>
}
