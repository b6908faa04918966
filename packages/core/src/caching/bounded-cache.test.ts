import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBoundedCache } from './bounded-cache.js'

describe(createBoundedCache.name, () => {
  it('never holds more than its capacity and keeps what was used recently', () => {
    const cache = createBoundedCache<number, string>(4)
    for (let key = 0; key < 100; key++) {
      cache.set(key, String(key))
      expect(cache.size).toBeLessThanOrEqual(4)
    }
    expect(cache.get(99)).toBe('99')
    cache.set(1, 'one')
    cache.get(99) // read: stays while newer keys arrive
    cache.set(2, 'two')
    cache.set(3, 'three')
    expect(cache.get(99)).toBe('99')
    expect(cache.get(0)).toBeUndefined()
    cache.delete(99)
    expect(cache.get(99)).toBeUndefined()
    cache.clear()
    expect(cache.size).toBe(0)
  })

  it('answers like a plain map for the most recent capacity / 2 distinct keys written', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer())), fc.integer({ min: 2, max: 20 }), (writes, capacity) => {
        const cache = createBoundedCache<number, number>(capacity)
        const model = new Map<number, number>()
        for (const [key, value] of writes) {
          cache.set(key, value)
          model.delete(key)
          model.set(key, value)
        }
        const recent = [...model].slice(-Math.floor(capacity / 2))
        for (const [key, value] of recent) expect(cache.get(key)).toBe(value)
        expect(cache.size).toBeLessThanOrEqual(capacity)
      }),
    )
  })

  it('refuses a capacity it cannot honour', () => {
    expect(() => createBoundedCache(1)).toThrow(RangeError)
  })
})
