import type { Client, Hash, Hex } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'

export interface SendEnvironmentTransactionParameters {
  /** The environment it is for (`wasm`, `evm`, `governance`, …). */
  readonly environment: string
  /** The signed transaction in that environment's wire format. */
  readonly data: Hex
}

/**
 * `bulkhead_sendRawTransaction`: submits a signed transaction to any environment. A refusal is
 * a JSON-RPC error -32000 carrying the reason (viem throws it as an `RpcRequestError`).
 */
export async function sendEnvironmentTransaction(client: Client, parameters: SendEnvironmentTransactionParameters): Promise<Hash> {
  return bulkheadRequest<Hash>(client, 'bulkhead_sendRawTransaction', [parameters.environment, parameters.data])
}
