import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** The storage layer failed or holds data that is corrupt or from another format. */
export class StorageError extends BulkheadError<'STORAGE'> {
  override name = 'StorageError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('STORAGE', message, options)
  }
}
