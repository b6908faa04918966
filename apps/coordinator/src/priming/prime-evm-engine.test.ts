import { describe, expect, it } from 'vitest'
import { primeEVMEngine } from './prime-evm-engine.js'

describe('primeEVMEngine', () => {
  it('runs each kind of transaction through a scratch environment: transfers, deployments, calls that log, calls that revert', async () => {
    const summary = await primeEVMEngine({ id: 'evm', chainId: 31337n, denom: 'ETH' }, 6)
    // 6 transfers, 2 deployments, 6 calls that store and log: ok; 6 calls without data: reverted.
    expect(summary.statuses).toEqual({ ok: 14, reverted: 6 })
    expect(summary.transactions).toBe(20)
  })
})
