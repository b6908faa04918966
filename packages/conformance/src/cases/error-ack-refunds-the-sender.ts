import { defineCase, type CaseContext } from '../define-case.js'
import { sendAndSettle } from './settle-sent-asset.js'
import { checkSupply } from './shared.js'

export const errorAckRefundsTheSender = defineCase({
  name: 'inbound/error-ack-refunds-the-sender',
  description: 'an error acknowledgement of a sent asset refunds its sender exactly the amount, and balance queries show it',
  async run(context: CaseContext) {
    const { result, amount, balanceBefore, balanceAfter, supplyBefore, end } = await sendAndSettle(context, {
      kind: 'acknowledgement',
      acknowledgement: { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: 'receiver refused' },
    })
    context.check(result.status === 'ok' && result.refunded === amount, {
      expected: `delivery status ok with refunded = ${amount}`,
      actual: `status ${result.status}${result.reason ? ` (${result.reason})` : ''}, refunded ${String(result.refunded)}`,
      hint: "on a failed acknowledgement, credit the message's sender back with the amount and report it in `refunded`; refunds never fail",
    })
    context.check(balanceAfter === balanceBefore + amount, {
      expected: `the sender's balance rises by ${amount}`,
      actual: `balance ${balanceBefore} -> ${balanceAfter}`,
      hint: 'credit the refund to the AssetTransfer.sender account in committed state',
    })
    checkSupply(context, context.subject.fixtures.denom, supplyBefore, end, amount, 'an error acknowledgement (the refund returns to supply)')
  },
})
