import { defineCase, type CaseContext } from '../define-case.js'
import { describeReceipt, onlyReceipt } from './shared.js'

export const blockGasIsEnforced = defineCase({
  name: 'limits/block-gas-budget-is-enforced',
  description: "a transaction whose gas limit does not fit in what is left of the block's gasLimit is rejected",
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const transaction = await harness.build(fixtures.succeed, { consumesNonce: false })
    const check = await harness.environment.checkTransaction(transaction)
    if (check.gasLimit === undefined) context.skip('checkTransaction does not report gasLimit for the succeed fixture')
    context.check(check.gasLimit > 1n, {
      expected: 'the succeed fixture asks for more than 1 gas',
      actual: `gasLimit ${check.gasLimit}`,
      hint: 'give the succeed fixture a realistic gas limit',
    })
    const receipt = onlyReceipt(context, (await harness.commitBlock({ transactions: [transaction], gasLimit: check.gasLimit - 1n })).receipts)
    context.check(receipt.status === 'rejected' && receipt.gasUsed === 0n, {
      expected: `in a block with gasLimit ${check.gasLimit - 1n}, a transaction asking for ${check.gasLimit} is rejected with gasUsed 0`,
      actual: describeReceipt(receipt),
      hint: 'track gas left in the block (min of context.gasLimit and limits.blockGasLimit) and reject a transaction whose gas limit exceeds it',
    })
  },
})
