import { describe, expect, it } from 'vitest'
import { combineStateRoots } from './combine-state-roots.js'
import { environmentRoots } from './environment-roots.js'
import { ledgerRouter } from './__fixtures__/ledger-router.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { testContext } from './__fixtures__/test-context.js'

describe(environmentRoots.name, () => {
  it('lists each environment root of a block, which combine into the router root', async () => {
    const router = await ledgerRouter(['beta', 'alpha'], {})
    const transaction = ledgerTransaction('beta', {
      sender: testAddress(1),
      nonce: 0,
      gasLimit: 50_000,
      op: 'call',
      to: testAddress(2),
    })
    const { end } = await router.runBlock({ context: testContext(1n), deliveries: [], transactions: [transaction] })
    const roots = environmentRoots(end)
    expect(Object.keys(roots)).toEqual(['alpha', 'beta'])
    expect(roots.alpha).not.toBe(roots.beta)
    expect(combineStateRoots(roots)).toBe(end.stateRoot)
    await router.commit()
    expect(roots.beta).toBe((await router.environment('beta').head()).stateRoot)
  })
})
