import { defineCase, type CaseContext } from '../define-case.js'
import { checkRefusedDelivery } from './check-refused-delivery.js'
import { REMOTE_ACCOUNT, inboundMessage } from './shared.js'

export const wrongDestinationIsRejected = defineCase({
  name: 'inbound/wrong-destination-is-rejected',
  description: "a message addressed to another environment is rejected with a reason, whatever its body",
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.open()
    const control = await context.open()
    const message = inboundMessage(
      context,
      harness,
      { kind: 'asset_transfer', denom: fixtures.denom, amount: 1n, sender: REMOTE_ACCOUNT, receiver: fixtures.inbound.assetReceiver, memo: '' },
      { destination: `${harness.environment.id === 'elsewhere' ? 'elsewhere-2' : 'elsewhere'}` },
    )
    await checkRefusedDelivery(context, harness, control, { kind: 'message', message }, 'a message for another environment')
  },
})
