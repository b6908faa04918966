import { defineCase, type CaseContext } from '../define-case.js'
import { sendAndSettle } from './settle-sent-asset.js'

export const successAckRefundsNothing = defineCase({
  name: 'inbound/success-ack-refunds-nothing',
  description: 'a successful acknowledgement finalizes a sent asset: nothing is refunded',
  async run(context: CaseContext) {
    const { result, balanceBefore, balanceAfter } = await sendAndSettle(context, {
      kind: 'acknowledgement',
      acknowledgement: { kind: 'acknowledgement', success: true, result: new Uint8Array(0), error: '' },
    })
    context.check(result.status === 'ok' && (result.refunded ?? 0n) === 0n, {
      expected: 'delivery status ok with refunded 0',
      actual: `status ${result.status}${result.reason ? ` (${result.reason})` : ''}, refunded ${String(result.refunded)}`,
      hint: 'a successful acknowledgement only finalizes; do not credit anything',
    })
    context.check(balanceAfter === balanceBefore, {
      expected: "the sender's balance is unchanged",
      actual: `balance ${balanceBefore} -> ${balanceAfter}`,
      hint: 'credit nothing on a successful acknowledgement',
    })
  },
})
