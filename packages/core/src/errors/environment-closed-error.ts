import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** A method was called after `close()`. */
export class EnvironmentClosedError extends BulkheadError<'ENVIRONMENT_CLOSED'> {
  override name = 'EnvironmentClosedError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('ENVIRONMENT_CLOSED', message, options)
  }
}
