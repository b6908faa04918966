import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** A caller passed a value that is out of range, malformed or inconsistent. */
export class InvalidArgumentError extends BulkheadError<'INVALID_ARGUMENT'> {
  override name = 'InvalidArgumentError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('INVALID_ARGUMENT', message, options)
  }
}
