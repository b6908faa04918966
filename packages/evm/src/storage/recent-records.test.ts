import { describe, expect, it } from 'vitest'
import { createRecentRecords } from './recent-records.js'

describe(createRecentRecords.name, () => {
  it('keeps the newest records within its capacity and forgets everything on clear', () => {
    const recent = createRecentRecords(4)
    for (let key = 1; key <= 10; key++) recent.remember(Uint8Array.of(key), key)
    expect(recent.get(Uint8Array.of(1))).toBeUndefined()
    expect(recent.get(Uint8Array.of(9))).toBe(9)
    expect(recent.get(Uint8Array.of(10))).toBe(10)
    recent.clear()
    expect(recent.get(Uint8Array.of(10))).toBeUndefined()
  })
})
