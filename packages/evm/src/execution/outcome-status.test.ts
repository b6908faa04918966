import { describe, expect, it } from 'vitest'
import { outcomeStatusOf } from './outcome-status.js'

describe(outcomeStatusOf.name, () => {
  it('maps engine halts onto the unified vocabulary', () => {
    expect(outcomeStatusOf(undefined)).toBe('ok')
    expect(outcomeStatusOf('revert')).toBe('reverted')
    expect(outcomeStatusOf('out of gas')).toBe('out_of_gas')
    expect(outcomeStatusOf('code store out of gas')).toBe('out_of_gas')
    for (const halt of ['invalid opcode', 'stack overflow', 'stack underflow', 'invalid JUMP', 'static state change', 'create collision']) {
      expect(outcomeStatusOf(halt)).toBe('trapped')
    }
  })
})
