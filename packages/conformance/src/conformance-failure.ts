import { BulkheadError } from '@bulkhead/core'

export interface ConformanceFailureOptions {
  /** The case that failed, e.g. `failures/out-of-gas-charges-the-limit`. */
  readonly caseName: string
  /** What the specification requires, in one sentence. */
  readonly expected: string
  /** What the environment did instead. */
  readonly actual: string
  /** What to implement or change in the adapter to make the case pass. */
  readonly hint: string
  /** An error the environment threw, kept for its stack. */
  readonly cause?: unknown
}

/**
 * A conformance case failed. The message is meant to be read by an adapter author who has
 * never read the kit: it names the case and says expected / actual / what to implement.
 */
export class ConformanceFailure extends BulkheadError<'CONFORMANCE_FAILURE'> {
  override name = 'ConformanceFailure' as const
  readonly caseName: string
  /**
   * What was expected and what happened. Not named `expected`/`actual`: test runners read
   * those as assertion values and print a character diff of two sentences.
   */
  readonly expectation: string
  readonly observation: string
  readonly hint: string

  constructor(options: ConformanceFailureOptions) {
    super('CONFORMANCE_FAILURE', `conformance case ${options.caseName} failed`, {
      cause: options.cause,
      details: [`expected: ${options.expected}`, `actual:   ${options.actual}`, `to fix:   ${options.hint}`],
    })
    this.caseName = options.caseName
    this.expectation = options.expected
    this.observation = options.actual
    this.hint = options.hint
  }

  /** True for a failure thrown by any copy of this package (`instanceof` breaks across copies). */
  static override isInstance(error: unknown): error is ConformanceFailure {
    return BulkheadError.isInstance(error) && error.code === 'CONFORMANCE_FAILURE'
  }
}
