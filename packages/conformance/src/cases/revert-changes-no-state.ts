import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkUnchanged, describeReceipt, onlyReceipt } from './shared.js'

export const revertChangesNoState = defineCase({
  name: 'failures/revert-changes-no-state',
  description: 'a reverted transaction is a receipt (status reverted, gas charged) that changes no contract state and emits no events or messages',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const before = canonical(await fixtures.readState(harness.environment, harness.contract))
    const { receipts, end } = await harness.commitBlock({ transactions: [await harness.build(fixtures.revert)] })
    const receipt = onlyReceipt(context, receipts)
    context.check(receipt.status === 'reverted' && receipt.gasUsed > 0n, {
      expected: "the revert fixture gives status 'reverted' with gasUsed > 0",
      actual: describeReceipt(receipt),
      hint: "map the VM's revert (REVERT opcode, abort, explicit failure) to status 'reverted' and charge the gas spent",
    })
    context.check(receipt.events.length === 0 && receipt.messageCount === 0 && end.messages.length === 0, {
      expected: 'a reverted transaction has no events, messageCount 0, and the block no outbound messages',
      actual: `${receipt.events.length} events, messageCount ${receipt.messageCount}, ${end.messages.length} block messages`,
      hint: 'collect events and messages in the transaction journal and drop them when it fails',
    })
    checkUnchanged(context, before, canonical(await fixtures.readState(harness.environment, harness.contract)), 'a revert')

    // Guard against a readState that sees nothing: a successful call must be visible.
    await harness.commitBlock({ transactions: [await harness.build(fixtures.succeed)] })
    const changed = canonical(await fixtures.readState(harness.environment, harness.contract))
    context.check(changed !== before, {
      expected: 'readState changes after the succeed fixture runs (otherwise this case proves nothing)',
      actual: `readState stayed ${before}`,
      hint: 'make `fixtures.readState` read the state `succeed` writes, through query()',
    })
  },
})
