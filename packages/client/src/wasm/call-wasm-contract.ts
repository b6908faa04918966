import { hexToBytes, type Address, type Client, type Hash, type Hex } from 'viem'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'
import { sendWasmTransaction, type WasmTransactionOptions } from './send-wasm-transaction.js'

export interface CallWasmContractParameters extends WasmTransactionOptions {
  readonly contract: Address
  /** The exported entry point (no parameters, no results: it reads its input with `input_read`). */
  readonly function: string
  /** The input the function reads [empty]. */
  readonly args?: Uint8Array | Hex
}

/**
 * Calls a WASM contract in a transaction and waits for its receipt. A revert, trap or
 * out-of-gas is a receipt status, not an exception: check `receipt.status`.
 */
export async function callWasmContract(client: Client, parameters: CallWasmContractParameters): Promise<{ readonly hash: Hash; readonly receipt: BulkheadReceipt }> {
  const args = parameters.args === undefined ? new Uint8Array(0) : typeof parameters.args === 'string' ? hexToBytes(parameters.args) : parameters.args
  const sent = await sendWasmTransaction(client, {
    ...parameters,
    defaultGasLimit: 5_000_000n,
    action: { kind: 'call', contract: parameters.contract, function: parameters.function, args },
  })
  return { hash: sent.hash, receipt: sent.receipt }
}
