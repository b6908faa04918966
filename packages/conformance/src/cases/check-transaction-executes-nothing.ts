import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { onlyReceipt } from './shared.js'

export const checkTransactionExecutesNothing = defineCase({
  name: 'admission/check-transaction-executes-nothing',
  description: 'checkTransaction admits a valid transaction with its hash, rejects garbage with a reason, and changes nothing',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const { environment } = harness
    const head = await environment.head()
    const state = canonical(await fixtures.readState(environment, harness.contract))
    const transaction = await harness.build(fixtures.succeed)
    const check = await environment.checkTransaction(transaction)
    context.check(check.status === 'ok' && check.hash !== undefined, {
      expected: "checkTransaction of the succeed fixture is 'ok' with a hash",
      actual: `status ${check.status}, hash ${String(check.hash)}, reason ${JSON.stringify(check.reason)}`,
      hint: 'decode, check nonce and funds against committed state, and return the hash',
    })
    const garbage = await environment.checkTransaction({ environment: environment.id, payload: Uint8Array.of(1, 2, 3) })
    context.check(garbage.status === 'rejected' && (garbage.reason ?? '').length > 0, {
      expected: 'checkTransaction of 3 garbage bytes is rejected with a reason',
      actual: `status ${garbage.status}, reason ${JSON.stringify(garbage.reason)}`,
      hint: 'catch decode errors and answer rejected',
    })
    const after = await environment.head()
    context.check(after.stateRoot === head.stateRoot && canonical(await fixtures.readState(environment, harness.contract)) === state, {
      expected: 'checkTransaction changes neither head nor state',
      actual: `root ${head.stateRoot} -> ${after.stateRoot}`,
      hint: 'checkTransaction executes nothing',
    })
    const receipt = onlyReceipt(context, (await harness.commitBlock({ transactions: [transaction] })).receipts)
    context.check(receipt.transactionHash === check.hash, {
      expected: 'the receipt carries the hash checkTransaction announced',
      actual: `${receipt.transactionHash} vs ${check.hash}`,
      hint: 'compute the transaction hash in one function used by both',
    })
  },
})
