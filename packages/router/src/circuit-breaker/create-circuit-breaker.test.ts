import { describe, expect, it } from 'vitest'
import { createCircuitBreaker } from './create-circuit-breaker.js'

const contract = '0x00000000000000000000000000000000000000c0' as const

describe(createCircuitBreaker.name, () => {
  it('quarantines after N failures within M blocks, for K blocks, then releases', () => {
    const breaker = createCircuitBreaker({ failures: 2, window: 3, quarantine: 2 })
    const failure = { environment: 'alpha', contract }
    expect(breaker.commit(1n, [failure])).toEqual([])
    expect(breaker.commit(2n, [])).toEqual([])
    const events = breaker.commit(3n, [
      { environment: 'alpha', contract: contract.toUpperCase().replace('0X', '0x') as `0x${string}` },
    ])
    expect(events).toMatchObject([{ kind: 'quarantined', environment: 'alpha', contract, height: 3n, until: 5n }])
    expect(Object.keys(breaker.quarantined('alpha', 4n))).toEqual([contract])
    expect(Object.keys(breaker.quarantined('alpha', 5n))).toEqual([contract])
    expect(breaker.quarantined('beta', 4n)).toEqual({})
    expect(breaker.telemetry(4n)).toEqual([
      { environment: 'alpha', contract, recentFailures: 0, totalFailures: 2, quarantinedUntil: 5n },
    ])
    expect(breaker.commit(4n, [])).toEqual([])
    expect(breaker.commit(5n, [])).toEqual([])
    expect(breaker.commit(6n, [])).toEqual([{ kind: 'released', environment: 'alpha', contract, height: 6n }])
    expect(breaker.quarantined('alpha', 6n)).toEqual({})
  })

  it('forgets failures that fall out of the window', () => {
    const breaker = createCircuitBreaker({ failures: 2, window: 2, quarantine: 5 })
    const failure = { environment: 'alpha', contract }
    breaker.commit(1n, [failure])
    breaker.commit(2n, [])
    expect(breaker.commit(3n, [failure])).toEqual([])
    expect(breaker.commit(4n, [failure])).toHaveLength(1)
  })
})
