import { describe, expect, it } from 'vitest'
import { ConservationError } from './conservation-error.js'
import { checkConservation } from './conservation-ledger.js'

const genesis = { genesis: new Map([['wei', 1_000n]]), mintedByRule: new Map<string, bigint>(), burnedByRule: new Map<string, bigint>() }

describe(checkConservation.name, () => {
  it('accepts supply + in flight = genesis + minted − burned, and accumulates the rule totals', () => {
    const { totals, denoms } = checkConservation(
      genesis,
      [
        { environment: 'evm', supply: { wei: 590n }, mintedByRule: {}, burnedByRule: { wei: 10n } },
        { environment: 'wasm', supply: { wei: 300n }, mintedByRule: {}, burnedByRule: {} },
      ],
      new Map([['wei', 100n]]),
    )
    expect(totals.burnedByRule.get('wei')).toBe(10n)
    expect(denoms).toEqual([{ denom: 'wei', supply: { evm: 590n, wasm: 300n }, inFlight: 100n, genesis: 1_000n, mintedByRule: 0n, burnedByRule: 10n }])
  })

  it('refuses a block that creates value, naming the denom, the environments and the amounts', () => {
    const attempt = () =>
      checkConservation(
        genesis,
        [
          { environment: 'evm', supply: { wei: 700n }, mintedByRule: {}, burnedByRule: {} },
          { environment: 'wasm', supply: { wei: 305n }, mintedByRule: {}, burnedByRule: {} },
        ],
        new Map(),
      )
    expect(attempt).toThrowError(ConservationError)
    expect(attempt).toThrowError(
      'Block breaks conservation of wei: created 5\n  held: evm=700, wasm=305 (Σ 1005)\n  in flight: 0\n  expected: genesis 1000 + minted by rule 0 − burned by rule 0 = 1000\n  found: 1005',
    )
  })

  it('checks denoms that appear only in flight or only in one environment', () => {
    expect(() =>
      checkConservation(genesis, [{ environment: 'evm', supply: { wei: 1_000n, gold: 1n }, mintedByRule: {}, burnedByRule: {} }], new Map()),
    ).toThrowError(/conservation of gold: created 1/)
  })
})
