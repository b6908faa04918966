import { describe, expect, it } from 'vitest'
import { createRecentRecords } from './recent-records.js'

describe(createRecentRecords.name, () => {
  it('keeps the newest records up to its capacity and forgets everything on clear', () => {
    const recent = createRecentRecords(2)
    recent.remember(Uint8Array.of(1), 'one')
    recent.remember(Uint8Array.of(2), 'two')
    recent.remember(Uint8Array.of(3), 'three')
    expect(recent.get(Uint8Array.of(1))).toBeUndefined()
    expect(recent.get(Uint8Array.of(2))).toBe('two')
    expect(recent.get(Uint8Array.of(3))).toBe('three')
    recent.clear()
    expect(recent.get(Uint8Array.of(3))).toBeUndefined()
  })
})
