import { BulkheadError, type BulkheadErrorOptions } from './bulkhead-error.js'

/** Bytes could not be decoded: truncated, malformed, an unknown variant, or a field of the wrong length. */
export class DecodeError extends BulkheadError<'DECODE_FAILED'> {
  override name = 'DecodeError' as const

  constructor(message: string, options?: BulkheadErrorOptions) {
    super('DECODE_FAILED', message, options)
  }
}
