import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkSupply, checkUnchanged, describeReceipt, onlyReceipt } from './shared.js'

export const sendThenFailEmitsNothing = defineCase({
  name: 'failures/send-then-fail-emits-no-message',
  description: 'messages are journaled: a transaction that sends a message and then fails leaves no message and no state change',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    if (!fixtures.sendThenFail) context.skip('no sendThenFail fixture')
    const harness = await context.openDeployed()
    const supply = harness.supplyOf(fixtures.denom)
    const before = canonical(await fixtures.readState(harness.environment, harness.contract))
    const { receipts, end } = await harness.commitBlock({ transactions: [await harness.build(fixtures.sendThenFail)] })
    const receipt = onlyReceipt(context, receipts)
    context.check(['reverted', 'out_of_gas', 'trapped'].includes(receipt.status), {
      expected: 'the sendThenFail fixture fails during execution (reverted, out_of_gas or trapped)',
      actual: describeReceipt(receipt),
      hint: 'make the fixture send a message and then fail in the same transaction',
    })
    context.check(receipt.messageCount === 0 && end.messages.length === 0, {
      expected: 'no outbound message survives a failed transaction',
      actual: `messageCount ${receipt.messageCount}, ${end.messages.length} block messages`,
      hint: 'queue outbound messages in the transaction journal and publish them only when the transaction ends ok (cosmos/evm #903, #1001 are what early commits cost)',
    })
    checkSupply(context, fixtures.denom, supply, end, 0n, 'a send that then fails (nothing may leave)')
    checkUnchanged(context, before, canonical(await fixtures.readState(harness.environment, harness.contract)), 'a send that then fails')
  },
})
