import type { Address, Hash } from './identifiers.js'

/** An event (EVM log, WASM `emit_event`) recorded by a successful execution. */
export interface EnvironmentEvent {
  /** The contract that emitted it. */
  readonly address: Address
  /** Indexed topics, at most four, each 32 bytes. */
  readonly topics: readonly Hash[]
  /** Unindexed data. */
  readonly data: Uint8Array
}
