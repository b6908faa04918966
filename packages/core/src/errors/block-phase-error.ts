import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** A block method was called in the wrong phase (e.g. `execute` before `beginBlock`). */
export class BlockPhaseError extends BulkheadError<'BLOCK_PHASE'> {
  override name = 'BlockPhaseError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('BLOCK_PHASE', message, options)
  }
}
