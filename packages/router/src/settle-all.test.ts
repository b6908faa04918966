import { describe, expect, it } from 'vitest'
import { settleAll } from './settle-all.js'

describe(settleAll.name, () => {
  it('resolves in order, or rejects with the first failure only after every promise settled', async () => {
    expect(await settleAll([Promise.resolve(1), Promise.resolve(2)])).toEqual([1, 2])
    let slowFinished = false
    const slow = new Promise<number>((resolve) => setTimeout(() => ((slowFinished = true), resolve(3)), 30))
    await expect(
      settleAll([Promise.reject(new Error('first')), slow, Promise.reject(new Error('second'))]),
    ).rejects.toThrow('first')
    expect(slowFinished).toBe(true)
  })
})
