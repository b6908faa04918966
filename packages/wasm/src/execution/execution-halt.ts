import type { OutcomeStatus } from '@bulkhead/core'

/**
 * Thrown by host functions to stop a contract with a definite outcome (abort, out of gas,
 * a bad pointer). It unwinds through the Wasm frames like any JS exception.
 */
export class ExecutionHalt extends Error {
  override name = 'ExecutionHalt'
  constructor(
    readonly status: Extract<OutcomeStatus, 'ok' | 'reverted' | 'out_of_gas' | 'trapped'>,
    readonly reason: string,
    readonly data: Uint8Array = new Uint8Array(0),
  ) {
    super(reason)
  }
}
