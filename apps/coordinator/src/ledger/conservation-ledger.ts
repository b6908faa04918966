import type { DenomAmounts, EnvironmentId } from '@bulkhead/core'
import { ConservationError } from './conservation-error.js'

/** Totals per denom since genesis; persisted with every block. */
export interface LedgerTotals {
  /** Σ of genesis allocations over every environment. */
  readonly genesis: ReadonlyMap<string, bigint>
  /** Σ of `mintedByRule` over every environment and block so far. */
  readonly mintedByRule: ReadonlyMap<string, bigint>
  /** Σ of `burnedByRule` over every environment and block so far. */
  readonly burnedByRule: ReadonlyMap<string, bigint>
}

/** One environment's end-of-block report, as the ledger needs it. */
export interface EnvironmentSupply {
  readonly environment: EnvironmentId
  readonly supply: DenomAmounts
  readonly mintedByRule: DenomAmounts
  readonly burnedByRule: DenomAmounts
}

/** Per denom, what the ledger saw at the end of a block (`bulkhead_getLedger`). */
export interface DenomLedger {
  readonly denom: string
  readonly supply: Readonly<Record<EnvironmentId, bigint>>
  readonly inFlight: bigint
  readonly genesis: bigint
  readonly mintedByRule: bigint
  readonly burnedByRule: bigint
}

/**
 * The conservation check of docs/protocol.md: for every denom,
 * `Σ supply over environments + in flight = genesis + minted by rule − burned by rule`.
 * Returns the new totals and the per-denom view when it holds; throws `ConservationError`
 * naming the denom, every environment's supply and the amounts when it does not.
 */
export function checkConservation(
  totals: LedgerTotals,
  environments: readonly EnvironmentSupply[],
  inFlight: ReadonlyMap<string, bigint>,
): { totals: LedgerTotals; denoms: DenomLedger[] } {
  const mintedByRule = addAll(totals.mintedByRule, environments.map((environment) => environment.mintedByRule))
  const burnedByRule = addAll(totals.burnedByRule, environments.map((environment) => environment.burnedByRule))
  const denoms = new Set<string>([...totals.genesis.keys(), ...mintedByRule.keys(), ...inFlight.keys()])
  for (const environment of environments) for (const denom of Object.keys(environment.supply)) denoms.add(denom)

  const ledgers: DenomLedger[] = []
  for (const denom of [...denoms].sort()) {
    const supply: Record<EnvironmentId, bigint> = {}
    let held = 0n
    for (const environment of environments) {
      const amount = environment.supply[denom] ?? 0n
      supply[environment.environment] = amount
      held += amount
    }
    const ledger: DenomLedger = {
      denom,
      supply,
      inFlight: inFlight.get(denom) ?? 0n,
      genesis: totals.genesis.get(denom) ?? 0n,
      mintedByRule: mintedByRule.get(denom) ?? 0n,
      burnedByRule: burnedByRule.get(denom) ?? 0n,
    }
    const expected = ledger.genesis + ledger.mintedByRule - ledger.burnedByRule
    const actual = held + ledger.inFlight
    if (actual !== expected) {
      throw new ConservationError(denom, actual - expected, [
        `held: ${Object.entries(supply).map(([environment, amount]) => `${environment}=${amount}`).join(', ')} (Σ ${held})`,
        `in flight: ${ledger.inFlight}`,
        `expected: genesis ${ledger.genesis} + minted by rule ${ledger.mintedByRule} − burned by rule ${ledger.burnedByRule} = ${expected}`,
        `found: ${actual}`,
      ])
    }
    ledgers.push(ledger)
  }
  return { totals: { genesis: totals.genesis, mintedByRule, burnedByRule }, denoms: ledgers }
}

function addAll(base: ReadonlyMap<string, bigint>, additions: readonly DenomAmounts[]): Map<string, bigint> {
  const out = new Map(base)
  for (const amounts of additions) {
    for (const [denom, amount] of Object.entries(amounts)) out.set(denom, (out.get(denom) ?? 0n) + amount)
  }
  return out
}
