import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** The implementation does not support what was asked (e.g. a message kind it cannot receive). */
export class UnsupportedError extends BulkheadError<'UNSUPPORTED'> {
  override name = 'UnsupportedError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('UNSUPPORTED', message, options)
  }
}
