import type { EnvironmentEvent } from './event.js'
import type { Address } from './identifiers.js'
import type { OutcomeStatus } from './outcome-status.js'

/** A read-only call against committed state: nothing it does is kept. */
export interface CallQuery {
  readonly method: 'call'
  /** The caller; default the zero address. */
  readonly from?: Address
  /** The contract; absent to simulate a deployment with `data` as init code. */
  readonly to?: Address
  readonly data: Uint8Array
  /** Value sent along; default 0. */
  readonly value?: bigint
  /** Gas available; default the environment's transaction gas limit. */
  readonly gasLimit?: bigint
}

/** The least gas limit with which the call would succeed. */
export interface EstimateGasQuery extends Omit<CallQuery, 'method'> {
  readonly method: 'estimate_gas'
}

export interface BalanceQuery {
  readonly method: 'balance'
  readonly address: Address
  /** Default: the chain's native asset. */
  readonly denom?: string
}

export interface NonceQuery {
  readonly method: 'nonce'
  readonly address: Address
}

export interface CodeQuery {
  readonly method: 'code'
  readonly address: Address
}

export interface StorageQuery {
  readonly method: 'storage'
  readonly address: Address
  readonly key: Uint8Array
}

/** A read-only StateSync mirror entry, published by `publisher` in `source`. */
export interface MirrorQuery {
  readonly method: 'mirror'
  readonly source: string
  readonly publisher: Address
  readonly key: Uint8Array
}

/**
 * A query only one VM understands (e.g. EVM `transaction_by_hash`). Parameters and value are
 * plain structured-cloneable data, documented by the adapter; the router passes them through.
 */
export interface ExtensionQuery {
  readonly method: 'extension'
  readonly name: string
  readonly params: readonly unknown[]
}

export type QueryRequest =
  | CallQuery
  | EstimateGasQuery
  | BalanceQuery
  | NonceQuery
  | CodeQuery
  | StorageQuery
  | MirrorQuery
  | ExtensionQuery

export interface CallQueryResult {
  readonly status: OutcomeStatus
  readonly reason?: string
  readonly gasUsed: bigint
  readonly returnData: Uint8Array
  readonly events: readonly EnvironmentEvent[]
}

export interface EstimateGasQueryResult {
  readonly status: OutcomeStatus
  readonly reason?: string
  /** The estimate; meaningful only when `status` is `ok`. */
  readonly gasLimit: bigint
  /** Return or revert data of the attempt at the estimate. */
  readonly returnData: Uint8Array
}

/** A mirror entry; `undefined` value when nothing was ever synced under that key. */
export interface MirrorQueryResult {
  readonly value: Uint8Array | undefined
  readonly version: bigint
}

/** The result type for each query method. */
export interface QueryResultMap {
  readonly call: CallQueryResult
  readonly estimate_gas: EstimateGasQueryResult
  readonly balance: bigint
  readonly nonce: bigint
  readonly code: Uint8Array
  readonly storage: Uint8Array
  readonly mirror: MirrorQueryResult
  readonly extension: unknown
}

export type QueryResult<TRequest extends QueryRequest> = QueryResultMap[TRequest['method']]
