import { show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkSupply, describeReceipt, onlyReceipt } from './shared.js'

export const sendAssetEmitsOneMessage = defineCase({
  name: 'outbound/send-asset-emits-one-message',
  description: 'a successful asset send produces exactly one AssetTransfer in endBlock, tied to its transaction, with the amount taken out of supply',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    if (!fixtures.sendAsset) context.skip('no sendAsset fixture')
    const harness = await context.openDeployed()
    const supply = harness.supplyOf(fixtures.denom)
    const sent = await fixtures.sendAsset(await harness.nextTransaction())
    const { receipts, end } = await harness.commitBlock({ transactions: [sent.transaction] })
    const receipt = onlyReceipt(context, receipts)
    context.check(receipt.status === 'ok' && receipt.messageCount === 1, {
      expected: "status 'ok' and messageCount 1",
      actual: describeReceipt(receipt),
      hint: 'count the messages a successful transaction emitted in its receipt',
    })
    const message = end.messages[0]
    context.check(
      end.messages.length === 1 &&
        message?.body.kind === 'asset_transfer' &&
        message.body.amount === sent.amount &&
        message.body.denom === fixtures.denom &&
        message.destination === sent.destination &&
        message.originTransaction === receipt.transactionHash,
      {
        expected: `one asset_transfer of ${sent.amount} ${fixtures.denom} to ${sent.destination} whose originTransaction is the receipt's hash`,
        actual: show(end.messages),
        hint: 'turn each emitted send into an OutboundMessage in endBlock, in execution then emission order, with originTransaction = the transaction hash',
      },
    )
    checkSupply(context, fixtures.denom, supply, end, -sent.amount, 'an asset send (escrowed or burned at send)')
  },
})
