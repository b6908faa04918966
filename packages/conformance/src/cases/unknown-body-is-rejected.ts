import type { OutboundBody } from '@bulkhead/core'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkRefusedDelivery } from './check-refused-delivery.js'
import { inboundMessage } from './shared.js'

export const unknownBodyIsRejected = defineCase({
  name: 'inbound/unknown-body-is-rejected',
  description: 'a delivered message with a body kind the spec does not define, or an acknowledgement as a message, is rejected with a reason',
  async run(context: CaseContext) {
    const harness = await context.open()
    const control = await context.open()
    // A future wire version could carry a body this adapter has never heard of.
    const unknown = { kind: 'teleport', payload: new Uint8Array(1) } as unknown as OutboundBody
    await checkRefusedDelivery(context, harness, control, { kind: 'message', message: inboundMessage(context, harness, unknown) }, 'a message with an unknown body kind')
    const acknowledgement = { kind: 'acknowledgement', success: true, result: new Uint8Array(0), error: '' } as unknown as OutboundBody
    await checkRefusedDelivery(
      context,
      harness,
      control,
      { kind: 'message', message: inboundMessage(context, harness, acknowledgement, { sequence: 2n }) },
      'an acknowledgement delivered as a message',
    )
  },
})
