import type { Address, EnvironmentId, Hash } from './identifiers.js'
import type { OutcomeStatus } from './outcome-status.js'

/**
 * A transaction addressed to one environment. The payload is the environment's own wire
 * format (RLP for EVM, the protobuf `WasmTransaction` for WASM); only that environment
 * decodes it.
 */
export interface TransactionEnvelope {
  /** The environment that executes the payload. */
  readonly environment: EnvironmentId
  /** The signed transaction in the environment's own encoding. */
  readonly payload: Uint8Array
}

/**
 * The admission check of a transaction against committed state, done before it is queued:
 * decoding, signature, chain id, nonce window, funds for the gas limit. Cheap, no execution.
 */
export interface TransactionCheck {
  /** `ok` when the transaction may be queued, else `rejected`. */
  readonly status: Extract<OutcomeStatus, 'ok' | 'rejected'>
  /** The transaction hash, when the payload decoded far enough to have one. */
  readonly hash?: Hash
  /** The recovered signer, when the signature was valid. */
  readonly sender?: Address
  /** The sender's nonce carried by the transaction. */
  readonly nonce?: bigint
  /** The transaction's gas limit, so schedulers can pack blocks without decoding. */
  readonly gasLimit?: bigint
  /** The contract the transaction calls, absent for deployments; used by per-contract throttles. */
  readonly to?: Address
  /** Why it was rejected, precise enough to fix the transaction. Absent when `ok`. */
  readonly reason?: string
}
