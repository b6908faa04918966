// The shared body of the ack and timeout cases: send an asset, then settle its message.
import type { Acknowledgement, DeliveryResult, EndBlockResult, SentMessage } from '@bulkhead/core'
import type { CaseContext } from '../define-case.js'
import { show } from '../canonical.js'
import { balanceOf, describeReceipt, onlyReceipt } from './shared.js'

export type Settlement = { readonly kind: 'acknowledgement'; readonly acknowledgement: Acknowledgement } | { readonly kind: 'timeout' }

export async function sendAndSettle(
  context: CaseContext,
  settlement: Settlement,
): Promise<{
  readonly result: DeliveryResult
  readonly amount: bigint
  readonly balanceBefore: bigint
  readonly balanceAfter: bigint
  /** Supply before the settling block, and that block's end, for the conservation check. */
  readonly supplyBefore: bigint
  readonly end: EndBlockResult
}> {
  const { fixtures } = context.subject
  if (!fixtures.sendAsset) context.skip('no sendAsset fixture')
  const harness = await context.openDeployed()
  const sent = await fixtures.sendAsset(await harness.nextTransaction())
  const { receipts, end } = await harness.commitBlock({ transactions: [sent.transaction] })
  const receipt = onlyReceipt(context, receipts)
  const outbound = end.messages[0]
  context.check(receipt.status === 'ok' && outbound?.body.kind === 'asset_transfer', {
    expected: 'the sendAsset fixture succeeds and emits an asset_transfer',
    actual: `${describeReceipt(receipt)}; messages ${show(end.messages)}`,
    hint: 'see outbound/send-asset-emits-one-message',
  })
  // The coordinator assigns the sequence when it commits the block; the kit plays that part.
  const message = { ...outbound, source: harness.environment.id, sequence: 1n } as SentMessage
  const payer = message.body.kind === 'asset_transfer' ? message.body.sender : fixtures.sender
  const balanceBefore = await balanceOf(harness, payer)
  const supplyBefore = harness.supplyOf(fixtures.denom)
  const { deliveries, end: settled } = await harness.commitBlock({
    deliveries: [settlement.kind === 'timeout' ? { kind: 'timeout', message } : { kind: 'acknowledgement', message, acknowledgement: settlement.acknowledgement }],
  })
  const result = deliveries[0]
  context.check(deliveries.length === 1 && result !== undefined, {
    expected: 'deliver returns one result per delivery',
    actual: `${deliveries.length} results`,
    hint: 'return exactly one DeliveryResult per InboundDelivery, in order',
  })
  return { result, amount: sent.amount, balanceBefore, balanceAfter: await balanceOf(harness, payer), supplyBefore, end: settled }
}
