import type { Client, Hash } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { quantitiesToBigInt } from '../from-json.js'
import type { BulkheadLedger } from '../types/bulkhead-ledger.js'

interface LedgerJSON {
  readonly height: string
  readonly hash: Hash
  readonly denoms: readonly { denom: string; supply: Record<string, string>; inFlight: string; genesis: string; mintedByRule: string; burnedByRule: string }[]
}

/** `bulkhead_getLedger`: per denom, each environment's supply, the amount in flight and the totals since genesis. */
export async function getLedger(client: Client): Promise<BulkheadLedger> {
  const ledger = await bulkheadRequest<LedgerJSON>(client, 'bulkhead_getLedger', [])
  return {
    height: BigInt(ledger.height),
    hash: ledger.hash,
    denoms: ledger.denoms.map((denom) => ({
      denom: denom.denom,
      supply: quantitiesToBigInt(denom.supply),
      inFlight: BigInt(denom.inFlight),
      genesis: BigInt(denom.genesis),
      mintedByRule: BigInt(denom.mintedByRule),
      burnedByRule: BigInt(denom.burnedByRule),
    })),
  }
}
