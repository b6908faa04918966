import type { Address, EnvironmentId, KeyValueStore, ResourceLimits } from '@bulkhead/core'
import type { HostLimits } from './execution/host-limits.js'
import type { GasSchedule } from './metering/gas-schedule.js'
import type { WasmValidationLimits } from './validation/validation-limits.js'

export interface WASMEnvironmentOptions {
  /** Environment id messages and transactions are addressed to. Default `'wasm'`. */
  readonly id?: EnvironmentId
  /** Chain id that signatures must carry. Default `31337n`. */
  readonly chainId?: bigint
  /** Name of the native asset in messages and supply. Default `'wei'` (the EVM default, so assets move between them). */
  readonly denom?: string
  /** Native balances at height 0. Used only when the store holds no chain yet. Default `{}`. */
  readonly genesis?: Readonly<Record<Address, bigint>>
  /** Where trie nodes, code and heights live; pass a namespace of a shared store. Default: a fresh in-memory store. */
  readonly store?: KeyValueStore
  /** Overrides of the default limits (30M gas per tx and per block, 1 MiB tx, depth 1,024, 64 messages). */
  readonly limits?: Partial<Omit<ResourceLimits, 'vm'>>
  /** Overrides of the upload-time limits (800 KiB, 512 pages, 100 imports, …). */
  readonly validation?: Partial<WasmValidationLimits>
  /** Overrides of the host API's size limits (keys 256 B, values 16 KiB, …). */
  readonly host?: Partial<HostLimits>
  /** Default {@link GAS_SCHEDULE_V2}. */
  readonly gasSchedule?: GasSchedule
}
