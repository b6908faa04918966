import { defineCase, type CaseContext } from '../define-case.js'
import { describeReceipt, onlyReceipt } from './shared.js'

export const oversizedTransactionIsRejected = defineCase({
  name: 'limits/oversized-transaction-is-rejected',
  description: 'a payload longer than limits.maxTransactionBytes is rejected by checkTransaction and execute without decoding it',
  async run(context: CaseContext) {
    const harness = await context.open()
    const { environment } = harness
    const transaction = { environment: environment.id, payload: new Uint8Array(environment.limits.maxTransactionBytes + 1).fill(0x7b) }
    const hint = 'compare payload.length with limits.maxTransactionBytes first, before decoding'
    const check = await environment.checkTransaction(transaction)
    context.check(check.status === 'rejected' && (check.reason ?? '').length > 0, {
      expected: 'checkTransaction rejects it with a reason',
      actual: `status ${check.status}, reason ${JSON.stringify(check.reason)}`,
      hint,
    })
    const receipt = onlyReceipt(context, (await harness.commitBlock({ transactions: [transaction] })).receipts)
    context.check(receipt.status === 'rejected' && receipt.gasUsed === 0n && (receipt.reason ?? '').length > 0, {
      expected: 'execute returns a rejected receipt with a reason and gasUsed 0',
      actual: describeReceipt(receipt),
      hint,
    })
  },
})
