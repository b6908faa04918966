import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkUnchanged, describeReceipt, onlyReceipt } from './shared.js'

export const outOfGasChargesTheLimit = defineCase({
  name: 'failures/out-of-gas-charges-exactly-the-limit',
  description: 'a transaction that exhausts its gas is out_of_gas, charged exactly its gas limit, and changes no contract state',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const before = canonical(await fixtures.readState(harness.environment, harness.contract))
    const { transaction, gasLimit } = await fixtures.exhaustGas(await harness.nextTransaction())
    const { receipts, end } = await harness.commitBlock({ transactions: [transaction] })
    const receipt = onlyReceipt(context, receipts)
    context.check(receipt.status === 'out_of_gas', {
      expected: "status 'out_of_gas'",
      actual: describeReceipt(receipt),
      hint: 'meter every step deterministically and stop with out_of_gas when the limit is reached',
    })
    context.check(receipt.gasUsed === gasLimit, {
      expected: `gasUsed equals the gas limit (${gasLimit})`,
      actual: `gasUsed ${receipt.gasUsed}`,
      hint: 'an out_of_gas receipt charges the whole limit, refunds nothing',
    })
    context.check(receipt.messageCount === 0 && end.messages.length === 0 && receipt.events.length === 0, {
      expected: 'no events or messages',
      actual: describeReceipt(receipt),
      hint: 'drop the transaction journal on out_of_gas',
    })
    context.check(end.gasUsed >= gasLimit, {
      expected: `endBlock().gasUsed counts the charged gas (>= ${gasLimit})`,
      actual: `endBlock().gasUsed ${end.gasUsed}`,
      hint: 'add every receipt’s gasUsed to the block’s gasUsed',
    })
    checkUnchanged(context, before, canonical(await fixtures.readState(harness.environment, harness.contract)), 'running out of gas')
  },
})
