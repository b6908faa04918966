import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkUnchanged, describeReceipt, onlyReceipt } from './shared.js'

export const overGasLimitIsRejected = defineCase({
  name: 'limits/over-transaction-gas-limit-is-rejected',
  description: 'a transaction asking for more than limits.transactionGasLimit is rejected by checkTransaction and execute, consuming no nonce and no gas',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    if (!fixtures.withGasLimit) context.skip('no withGasLimit fixture')
    const harness = await context.openDeployed()
    const limit = harness.environment.limits.transactionGasLimit
    const transaction = await fixtures.withGasLimit(await harness.nextTransaction({ consumesNonce: false }), limit + 1n)
    const check = await harness.environment.checkTransaction(transaction)
    const hint = 'compare the gas limit with limits.transactionGasLimit before executing and return a rejected receipt with gasUsed 0n'
    context.check(check.status === 'rejected' && (check.reason ?? '').length > 0, {
      expected: `checkTransaction rejects a gas limit of ${limit + 1n} with a reason`,
      actual: `status ${check.status}, reason ${JSON.stringify(check.reason)}`,
      hint,
    })
    const nonce = await harness.environment.query({ method: 'nonce', address: fixtures.sender })
    const state = canonical(await fixtures.readState(harness.environment, harness.contract))
    const receipt = onlyReceipt(context, (await harness.commitBlock({ transactions: [transaction] })).receipts)
    context.check(receipt.status === 'rejected' && receipt.gasUsed === 0n, {
      expected: "execute returns status 'rejected' with gasUsed 0",
      actual: describeReceipt(receipt),
      hint,
    })
    const after = await harness.environment.query({ method: 'nonce', address: fixtures.sender })
    context.check(after === nonce, {
      expected: 'a rejected transaction consumes no nonce',
      actual: `nonce ${nonce} -> ${after}`,
      hint: 'reject before incrementing the nonce',
    })
    checkUnchanged(context, state, canonical(await fixtures.readState(harness.environment, harness.contract)), 'a rejected transaction')
  },
})
