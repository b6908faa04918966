import { BulkheadError } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { ConformanceFailure } from './conformance-failure.js'
import { ConformanceSkip } from './conformance-skip.js'

describe(ConformanceFailure.name, () => {
  const failure = new ConformanceFailure({
    caseName: 'failures/out-of-gas-charges-exactly-the-limit',
    expected: 'gasUsed equals the gas limit (50000)',
    actual: 'gasUsed 49999',
    hint: 'an out_of_gas receipt charges the whole limit',
  })

  it('says which case, what was expected, what happened and what to do', () => {
    expect(failure.message).toBe(
      [
        'conformance case failures/out-of-gas-charges-exactly-the-limit failed',
        '  expected: gasUsed equals the gas limit (50000)',
        '  actual:   gasUsed 49999',
        '  to fix:   an out_of_gas receipt charges the whole limit',
      ].join('\n'),
    )
    expect(failure.code).toBe('CONFORMANCE_FAILURE')
    expect(failure.name).toBe('ConformanceFailure')
  })

  it('is recognised across package copies by its code, not its class', () => {
    const copy = new BulkheadError('CONFORMANCE_FAILURE', 'from another copy')
    expect(ConformanceFailure.isInstance(copy)).toBe(true)
    expect(ConformanceFailure.isInstance(new ConformanceSkip('no fixture'))).toBe(false)
    expect(ConformanceSkip.isInstance(new ConformanceSkip('no fixture'))).toBe(true)
    expect(ConformanceFailure.isInstance(new Error('plain'))).toBe(false)
  })
})
