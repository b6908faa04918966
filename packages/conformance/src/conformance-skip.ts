import { BulkheadError } from '@bulkhead/core'

/**
 * Thrown by a case whose subject lacks what it needs (a capability it does not declare, a
 * fixture it does not provide). Runners report it as skipped, never as passed or failed.
 */
export class ConformanceSkip extends BulkheadError<'CONFORMANCE_SKIP'> {
  override name = 'ConformanceSkip' as const
  readonly reason: string

  constructor(reason: string) {
    super('CONFORMANCE_SKIP', reason)
    this.reason = reason
  }

  static override isInstance(error: unknown): error is ConformanceSkip {
    return BulkheadError.isInstance(error) && error.code === 'CONFORMANCE_SKIP'
  }
}
