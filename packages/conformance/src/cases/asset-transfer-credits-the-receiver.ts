import { defineCase, type CaseContext } from '../define-case.js'
import { REMOTE_ACCOUNT, balanceOf, checkSupply, inboundMessage, requireReceives } from './shared.js'

export const assetTransferCreditsTheReceiver = defineCase({
  name: 'inbound/asset-transfer-credits-the-receiver',
  description: 'an inbound AssetTransfer credits its receiver, is acknowledged with success, and adds the amount to supply',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.open()
    requireReceives(context, 'asset_transfer', harness)
    const amount = 12_345n
    const receiver = fixtures.inbound.assetReceiver
    const before = await balanceOf(harness, receiver)
    const supply = (await harness.commitBlock()).end.supply[fixtures.denom] ?? 0n
    const message = inboundMessage(context, harness, {
      kind: 'asset_transfer',
      denom: fixtures.denom,
      amount,
      sender: REMOTE_ACCOUNT,
      receiver,
      memo: '',
    })
    const { deliveries, end } = await harness.commitBlock({ deliveries: [{ kind: 'message', message }] })
    const result = deliveries[0]
    context.check(result?.status === 'ok' && result.acknowledgement?.success === true, {
      expected: 'delivery status ok with a success acknowledgement',
      actual: `status ${String(result?.status)}${result?.reason ? ` (${result.reason})` : ''}, acknowledgement ${JSON.stringify(result?.acknowledgement?.success)}`,
      hint: 'mint (or unescrow) the amount to the receiver and answer with { kind: "acknowledgement", success: true }',
    })
    const after = await balanceOf(harness, receiver)
    context.check(after === before + amount, {
      expected: `receiver balance rises by ${amount}`,
      actual: `balance ${before} -> ${after}`,
      hint: 'credit AssetTransfer.receiver in committed state; query({ method: "balance" }) reads committed state',
    })
    checkSupply(context, fixtures.denom, supply, end, amount, 'an inbound asset transfer')
  },
})
