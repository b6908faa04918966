import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'

/** A deploy that was mined but did not create a contract (trap, revert, out of gas in `init`). */
export class WasmDeployError extends Error {
  override readonly name = 'WasmDeployError'
  readonly receipt: BulkheadReceipt

  constructor(receipt: BulkheadReceipt) {
    super(`WASM deploy ${receipt.transactionHash} ended ${receipt.status}${receipt.reason === undefined ? '' : `: ${receipt.reason}`}`)
    this.receipt = receipt
  }
}
