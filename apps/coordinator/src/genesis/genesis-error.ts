import { BulkheadError } from '@bulkhead/core'

/** A genesis file that cannot start a chain; every problem found is listed, each with its JSON path. */
export class GenesisError extends BulkheadError<'INVALID_GENESIS'> {
  override name = 'GenesisError' as const
  readonly problems: readonly string[]

  constructor(problems: readonly string[], source = 'genesis') {
    super('INVALID_GENESIS', `${source} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, {
      details: problems,
    })
    this.problems = problems
  }
}
