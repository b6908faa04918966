import type { TransactionCheck } from '@bulkhead/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { createLedgerEnvironment } from './__fixtures__/ledger-environment.js'
import { ledgerTransaction, testAddress } from './__fixtures__/ledger-transaction.js'
import { ledgerWorker } from './__fixtures__/ledger-worker.js'
import { testContext } from './__fixtures__/test-context.js'
import type { Router } from './router.js'

const alice = testAddress(1)
const counter = testAddress(0xc0)
const call = (environment: string, nonce: number, work = 0) =>
  ledgerTransaction(environment, { sender: alice, nonce, gasLimit: 29_000_000, op: 'call', to: counter, work })
const counterIn = (router: Router, environment: string) =>
  router.environment(environment).query({ method: 'extension', name: 'counter', params: [counter] })

let router: Router | undefined
afterEach(async () => {
  await router?.close()
  router = undefined
})

/** Room for two transactions' gas in each environment's share. */
const context = testContext(1n, 200_000_000n)

/** `worked` in a worker, `quiet` in-process: both hosting paths of an admit-first segment. */
async function twoEnvironments() {
  router = createRouter({
    environments: [
      { id: 'quiet', environment: await createLedgerEnvironment({ id: 'quiet', genesis: { [alice]: 1_000n } }) },
      { id: 'worked', worker: ledgerWorker({ id: 'worked', genesis: { [alice]: 1_000n } }) },
    ],
  })
  return router
}

describe(`${createRouter.name} admitAndCommitBlock`, () => {
  it.each(['worked', 'quiet'])(
    'in %s: answers the check while the block runs, then commits the block with the transaction last',
    async (environment) => {
      const router = await twoEnvironments()
      const checks: { readonly check: TransactionCheck; readonly at: number }[] = []
      // 280,000 rounds of Keccak keep the worker's block busy for tens of ms after the check;
      // were the check answered with the block, the two would be a fraction of a ms apart.
      const output = await router.admitAndCommitBlock(
        { context, deliveries: [], transactions: [call(environment === 'quiet' ? 'worked' : 'quiet', 0)] },
        call(environment, 0, 280_000),
        (check) => checks.push({ check, at: performance.now() }),
      )
      const ended = performance.now()
      if ('refused' in output) throw new Error(`refused: ${output.refused.reason}`)
      expect(checks.map(({ check }) => check.status)).toEqual(['ok'])
      if (environment === 'worked') expect(ended - (checks[0]?.at ?? ended)).toBeGreaterThan(5)
      expect(output.receipts.map((receipt) => [receipt.environment, receipt.status, receipt.reason])).toEqual([
        [environment === 'quiet' ? 'worked' : 'quiet', 'ok', undefined],
        [environment, 'ok', undefined],
      ])
      expect(output.receipts[1]?.transactionHash).toBe(checks[0]?.check.hash)
      expect(await router.head()).toMatchObject({ height: 1n })
      expect(await counterIn(router, environment)).toBe(1n)
    },
  )

  it('refuses a transaction its environment rejects: no block, the other segments rolled back', async () => {
    const router = await twoEnvironments()
    const tooMuchGas = ledgerTransaction('worked', { sender: alice, nonce: 0, gasLimit: 40_000_000, op: 'call', to: counter })
    const checks: TransactionCheck[] = []
    const output = await router.admitAndCommitBlock(
      { context, deliveries: [], transactions: [call('quiet', 0)] },
      tooMuchGas,
      (check) => checks.push(check),
    )
    expect(output).toEqual({ refused: checks[0] })
    expect(checks).toMatchObject([{ status: 'rejected', reason: 'gas limit above the transaction gas limit' }])
    // Nothing of block 1 stayed, in either environment, and block 1 can still be made.
    expect(await router.environment('quiet').head()).toMatchObject({ height: 0n })
    expect(await router.environment('worked').head()).toMatchObject({ height: 0n })
    expect(await counterIn(router, 'quiet')).toBe(0n)
    const next = await router.runAndCommitBlock({ context, deliveries: [], transactions: [call('quiet', 0)] })
    expect(next.receipts.map((receipt) => [receipt.status, receipt.reason])).toEqual([['ok', undefined]])
    expect(await counterIn(router, 'quiet')).toBe(1n)
  })

  it("applies the router's policy before anything runs: a quarantined contract is refused", async () => {
    const router = await twoEnvironments()
    router.quarantine('worked', counter, 10n, 'quarantined for testing')
    const checks: TransactionCheck[] = []
    const output = await router.admitAndCommitBlock({ context, deliveries: [], transactions: [] }, call('worked', 0), (check) =>
      checks.push(check),
    )
    expect(output).toMatchObject({ refused: { status: 'rejected', reason: expect.stringMatching(/is quarantined .*: quarantined for testing$/) } })
    expect(checks).toHaveLength(1)
    expect(await router.environment('worked').head()).toMatchObject({ height: 0n })
  })

  it('refuses unknown and paused environments as submit does, and needs the transaction alone in its environment', async () => {
    const router = await twoEnvironments()
    const input = { context, deliveries: [], transactions: [] }
    const checks: TransactionCheck[] = []
    expect(await router.admitAndCommitBlock(input, call('nowhere', 0), (check) => checks.push(check))).toMatchObject({
      refused: { status: 'rejected', reason: expect.stringMatching(/unknown environment "nowhere"/) },
    })
    router.pause('quiet', 'maintenance')
    expect(await router.admitAndCommitBlock(input, call('quiet', 0), (check) => checks.push(check))).toMatchObject({
      refused: { status: 'rejected', reason: 'environment "quiet" is paused: maintenance' },
    })
    expect(checks.map((check) => check.status)).toEqual(['rejected', 'rejected'])
    await expect(
      router.admitAndCommitBlock({ ...input, transactions: [call('worked', 0)] }, call('worked', 1), () => undefined),
    ).rejects.toThrow(/the only one of environment "worked"/)
    expect(await router.head()).toMatchObject({ height: 0n })
  })
})
