import { BulkheadError } from '@bulkhead/core'

/** A block would create or destroy an asset across environments; it is not committed. */
export class ConservationError extends BulkheadError<'CONSERVATION_VIOLATED'> {
  override name = 'ConservationError' as const
  readonly denom: string
  /** What the environments hold plus what is in flight, minus what the rules allow. */
  readonly discrepancy: bigint

  constructor(denom: string, discrepancy: bigint, details: readonly string[]) {
    super('CONSERVATION_VIOLATED', `Block breaks conservation of ${denom}: ${discrepancy > 0n ? 'created' : 'lost'} ${abs(discrepancy)}`, {
      details,
    })
    this.denom = denom
    this.discrepancy = discrepancy
  }
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value
}
