import { defineCase, type CaseContext } from '../define-case.js'
import { sendAndSettle } from './settle-sent-asset.js'
import { checkSupply } from './shared.js'

export const timeoutRefundsTheSender = defineCase({
  name: 'inbound/timeout-refunds-the-sender',
  description: 'a timeout of a sent asset refunds its sender exactly the amount, and balance queries show it',
  async run(context: CaseContext) {
    const { result, amount, balanceBefore, balanceAfter, supplyBefore, end } = await sendAndSettle(context, { kind: 'timeout' })
    context.check(result.status === 'ok' && result.refunded === amount, {
      expected: `delivery status ok with refunded = ${amount}`,
      actual: `status ${result.status}${result.reason ? ` (${result.reason})` : ''}, refunded ${String(result.refunded)}`,
      hint: "on a timeout delivery, credit the message's sender back with the amount and report it in `refunded`",
    })
    context.check(balanceAfter === balanceBefore + amount, {
      expected: `the sender's balance rises by ${amount}`,
      actual: `balance ${balanceBefore} -> ${balanceAfter}`,
      hint: 'credit the refund to the AssetTransfer.sender account in committed state',
    })
    checkSupply(context, context.subject.fixtures.denom, supplyBefore, end, amount, 'a timeout (the refund returns to supply)')
  },
})
