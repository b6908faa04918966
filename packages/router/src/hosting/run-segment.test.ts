import { describe, expect, it } from 'vitest'
import { createLedgerEnvironment } from '../__fixtures__/ledger-environment.js'
import { ledgerTransaction, testAddress } from '../__fixtures__/ledger-transaction.js'
import { testContext } from '../__fixtures__/test-context.js'
import { admitAndRun, runSegment } from './run-segment.js'

const sender = testAddress(1)
const quarantined = testAddress(0xbad)

describe(runSegment.name, () => {
  it('refuses quarantined calls and disallowed deployments, re-indexes, and names the contract of each failure', async () => {
    const environment = await createLedgerEnvironment({ id: 'alpha' })
    const transactions = [
      ledgerTransaction('alpha', { sender, nonce: 0, gasLimit: 50_000, op: 'call', to: quarantined }),
      ledgerTransaction('alpha', {
        sender,
        nonce: 1,
        gasLimit: 50_000,
        op: 'fail',
        to: testAddress(7),
        status: 'out_of_gas',
      }),
      ledgerTransaction('alpha', { sender, nonce: 2, gasLimit: 50_000, op: 'deploy' }),
      ledgerTransaction('alpha', { sender: testAddress(3), nonce: 0, gasLimit: 50_000, op: 'deploy' }),
    ]
    const output = await runSegment(
      environment,
      { context: testContext(1n), deliveries: [], transactions },
      { quarantined: { [quarantined]: 'quarantined for testing' }, deployers: [testAddress(3)], facts: [] },
      admitAndRun,
    )
    expect(output.receipts.map((receipt) => [receipt.index, receipt.status, receipt.reason])).toEqual([
      [0, 'rejected', 'quarantined for testing'],
      [1, 'out_of_gas', 'fixture out_of_gas'],
      [2, 'rejected', `deployer ${sender} is not on the deployer allow-list of environment "alpha"`],
      [3, 'ok', undefined],
    ])
    expect(output.targets).toEqual([quarantined, testAddress(7), undefined, undefined])
  })

  it('checks nothing when there is no policy to enforce, and learns the contract only of failures', async () => {
    const environment = await createLedgerEnvironment({ id: 'alpha' })
    let checks = 0
    const counted = {
      ...environment,
      checkTransaction: (transaction: Parameters<typeof environment.checkTransaction>[0]) => (
        checks++, environment.checkTransaction(transaction)
      ),
    }
    const transactions = [
      ledgerTransaction('alpha', { sender, nonce: 0, gasLimit: 50_000, op: 'call', to: testAddress(5) }),
      ledgerTransaction('alpha', {
        sender,
        nonce: 1,
        gasLimit: 50_000,
        op: 'fail',
        to: testAddress(6),
        status: 'trapped',
      }),
    ]
    const output = await runSegment(
      counted,
      { context: testContext(1n), deliveries: [], transactions },
      { quarantined: {}, deployers: '*', facts: [] },
      admitAndRun,
    )
    expect(checks).toBe(1)
    expect(output.targets).toEqual([undefined, testAddress(6)])
  })
})
