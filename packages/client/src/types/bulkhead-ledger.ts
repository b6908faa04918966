import type { Hash } from 'viem'

/** The conservation ledger of one denom: Σ supply + in flight = genesis + minted − burned by rule. */
export interface DenomLedger {
  readonly denom: string
  /** What each environment holds. */
  readonly supply: Readonly<Record<string, bigint>>
  /** Sent and not yet credited at the destination nor refunded. */
  readonly inFlight: bigint
  readonly genesis: bigint
  readonly mintedByRule: bigint
  readonly burnedByRule: bigint
}

/** The ledger at the head block (at height 0, genesis). */
export interface BulkheadLedger {
  readonly height: bigint
  readonly hash: Hash
  readonly denoms: readonly DenomLedger[]
}
