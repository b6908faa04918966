import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

const alice = testAddress(1)
const flaky = testAddress(0xf1)
const steady = testAddress(0x5e)

describe(`${createRouter.name} circuit breaker`, () => {
  it('quarantines a contract that keeps trapping or running out of gas, then lets it back in', async () => {
    const router = await ledgerRouter(
      ['alpha', 'beta'],
      { [alice]: 10n },
      { circuitBreaker: { failures: 2, window: 3, quarantine: 2 } },
    )
    let nonce = 0
    const fail = (status: 'trapped' | 'out_of_gas') =>
      ledgerTransaction('alpha', { sender: alice, nonce: nonce++, gasLimit: 30_000, op: 'fail', to: flaky, status })
    const call = (to: `0x${string}`, environment = 'alpha') =>
      ledgerTransaction(environment, { sender: alice, nonce: nonce++, gasLimit: 30_000, op: 'call', to })
    const block = async (height: bigint, transactions: ReturnType<typeof call>[]) => {
      const output = await router.runBlock({ context: testContext(height), deliveries: [], transactions })
      await router.commit()
      return output.receipts
    }
    await block(1n, [fail('trapped')])
    // A revert is the program's choice, not a fault: it does not count.
    await block(2n, [
      ledgerTransaction('alpha', {
        sender: alice,
        nonce: nonce++,
        gasLimit: 30_000,
        op: 'fail',
        to: flaky,
        status: 'reverted',
      }),
    ])
    await block(3n, [fail('out_of_gas'), call(flaky, 'beta')])
    expect(router.telemetry().events).toMatchObject([
      { kind: 'quarantined', environment: 'alpha', contract: flaky, height: 3n, until: 5n },
    ])
    expect(router.telemetry().contracts).toEqual([
      { environment: 'alpha', contract: flaky, recentFailures: 0, totalFailures: 2, quarantinedUntil: 5n },
    ])
    expect((await router.submit(call(flaky))).status).toBe('rejected')

    const during = await block(4n, [call(flaky), call(steady), call(flaky, 'beta')])
    expect(during.map((receipt) => receipt.status)).toEqual(['rejected', 'ok', 'ok'])
    expect(during[0]?.reason).toBe(
      `contract ${flaky} is quarantined in environment "alpha" until block 5 after repeated traps or out-of-gas`,
    )
    expect(during[0]?.gasUsed).toBe(0n)
    expect((await block(5n, [call(flaky)]))[0]?.status).toBe('rejected')

    expect((await block(6n, [call(flaky)]))[0]?.status).toBe('ok')
    expect(router.telemetry().events.map((event) => event.kind)).toEqual(['quarantined', 'released'])
    expect(router.telemetry().environments.find((entry) => entry.id === 'alpha')?.outcomes).toMatchObject({
      trapped: 1,
      out_of_gas: 1,
      reverted: 1,
      rejected: 2,
    })
  })

  it('does not count failures of a block that was rolled back', async () => {
    const router = await ledgerRouter(
      ['alpha'],
      { [alice]: 10n },
      { circuitBreaker: { failures: 1, window: 3, quarantine: 2 } },
    )
    const fail = ledgerTransaction('alpha', {
      sender: alice,
      nonce: 0,
      gasLimit: 30_000,
      op: 'fail',
      to: flaky,
      status: 'trapped',
    })
    await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [fail] })
    await router.rollback()
    await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [] })
    await router.commit()
    expect(router.telemetry().contracts).toEqual([])
  })
})
