import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

const alice = testAddress(1)
const target = testAddress(0x7a)

describe(`${createRouter.name} governance controls`, () => {
  it('quarantines and releases a contract on request, with the governance reason', async () => {
    const router = await ledgerRouter(['alpha'], { [alice]: 10n })
    let nonce = 0
    const call = () => ledgerTransaction('alpha', { sender: alice, nonce: nonce++, gasLimit: 30_000, op: 'call', to: target })
    router.quarantine('alpha', target, 2n, 'audit pending')
    const during = await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [call()] })
    await router.commit()
    expect(during.receipts[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/until block 2 by governance: audit pending/) })
    nonce--
    router.release('alpha', target)
    const after = await router.runBlock({ context: testContext(2n), deliveries: [], transactions: [call()] })
    expect(after.receipts[0]?.status).toBe('ok')
    expect(router.telemetry().events.map((event) => event.kind)).toEqual(['quarantined', 'released'])
  })

  it('keeps breaker decisions across a restart through circuitBreakerState', async () => {
    const first = await ledgerRouter(['alpha'], { [alice]: 10n }, { circuitBreaker: { failures: 1, window: 5, quarantine: 10 } })
    const fail = ledgerTransaction('alpha', { sender: alice, nonce: 0, gasLimit: 30_000, op: 'fail', to: target, status: 'trapped' })
    await first.runBlock({ context: testContext(1n), deliveries: [], transactions: [fail] })
    await first.commit()
    const state = first.circuitBreakerState()
    expect(state).toMatchObject([{ environment: 'alpha', contract: target, total: 1, until: 11n }])

    const restarted = await ledgerRouter(['alpha'], { [alice]: 10n }, { circuitBreaker: { failures: 1, window: 5, quarantine: 10 } })
    restarted.restoreCircuitBreaker(state)
    const check = await restarted.submit(ledgerTransaction('alpha', { sender: alice, nonce: 0, gasLimit: 30_000, op: 'call', to: target }))
    expect(check).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/quarantined/) })
    expect(restarted.circuitBreakerState()).toEqual(state)
  })

  it('changes weights and permissions at run time, refusing what the scheduler cannot use', async () => {
    const router = await ledgerRouter(['alpha', 'beta'], { [alice]: 10n })
    expect(() => router.setWeight('alpha', 0)).toThrowError()
    router.setWeight('alpha', 3)
    expect(router.telemetry().environments.map((environment) => environment.weight)).toEqual([3, 1])
    router.setPermissions('alpha', { deployers: [alice.toUpperCase().replace('0X', '0x') as `0x${string}`] })
    expect(() => router.setWeight('gamma', 1)).toThrowError(/gamma/)
  })

  it('answers plain queries from its query environment when it has one', async () => {
    const router = await ledgerRouter(['alpha'], { [alice]: 10n }, { queryEnvironment: 'alpha' })
    expect(await router.query({ method: 'balance', address: alice })).toBe(10n)
    const strict = await ledgerRouter(['alpha'], { [alice]: 10n })
    await expect(strict.query({ method: 'balance', address: alice })).rejects.toThrowError(/must name an environment/)
  })
})
