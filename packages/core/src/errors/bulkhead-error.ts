const marker = Symbol.for('bulkhead.error')

export interface BulkheadErrorOptions {
  /** The underlying error, kept for debugging. */
  readonly cause?: unknown
  /** Extra lines that say what was wrong and what to do; printed under the message. */
  readonly details?: readonly string[]
}

/**
 * The base of every error Bulkhead throws. `code` is a literal that callers switch on;
 * `shortMessage` is the one-line summary, `message` adds the detail lines.
 *
 * Failed executions are not errors: they are receipts with an `OutcomeStatus`. Errors are for
 * caller faults (bad input, wrong phase) and infrastructure faults (storage).
 */
export class BulkheadError<TCode extends string = string> extends Error {
  override name = 'BulkheadError'
  readonly code: TCode
  readonly shortMessage: string
  readonly details: readonly string[]
  constructor(code: TCode, shortMessage: string, options: BulkheadErrorOptions = {}) {
    const details = options.details ?? []
    super([shortMessage, ...details.map((line) => `  ${line}`)].join('\n'), { cause: options.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = details
    Object.defineProperty(this, marker, { value: true })
  }

  /** True for any Bulkhead error, even one thrown by another copy of this package. */
  static isInstance(error: unknown): error is BulkheadError {
    return typeof error === 'object' && error !== null && marker in error
  }
}
