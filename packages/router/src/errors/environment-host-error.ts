import { BulkheadError, type BulkheadErrorOptions } from '@bulkhead/core'

/** How a hosted environment failed: the router's reaction depends on it. */
export type HostFailureKind =
  /** The wall-clock backstop fired; the worker was terminated. */
  | 'timed_out'
  /** The worker died: heap cap, uncaught exception, `process.exit`. */
  | 'crashed'
  /** The environment threw an error that is not a caller fault; its memory may be inconsistent. */
  | 'threw'

/**
 * An environment's host failed (infrastructure fault). The router turns it into `timed_out` or
 * `rejected` receipts inside `runBlock`; it surfaces as this error from the other methods.
 */
export class EnvironmentHostError extends BulkheadError<'ENVIRONMENT_HOST'> {
  override name = 'EnvironmentHostError' as const
  readonly environment: string
  readonly failure: HostFailureKind
  constructor(environment: string, failure: HostFailureKind, message: string, options?: BulkheadErrorOptions) {
    super('ENVIRONMENT_HOST', message, options)
    this.environment = environment
    this.failure = failure
  }
}
