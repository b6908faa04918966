import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** A height, root, environment or record that was asked for does not exist. */
export class NotFoundError extends BulkheadError<'NOT_FOUND'> {
  override name = 'NotFoundError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('NOT_FOUND', message, options)
  }
}
