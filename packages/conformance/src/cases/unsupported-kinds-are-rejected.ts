import type { OutboundBody } from '@bulkhead/core'
import { defineCase, type CaseContext } from '../define-case.js'
import { checkRefusedDelivery } from './check-refused-delivery.js'
import { REMOTE_ACCOUNT, inboundMessage } from './shared.js'

export const unsupportedKindsAreRejected = defineCase({
  name: 'inbound/undeclared-kinds-are-rejected',
  description: 'a message kind missing from capabilities.receives is rejected with a reason, so declared capabilities are truthful',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.open()
    const control = await context.open()
    const bodies: OutboundBody[] = [
      { kind: 'asset_transfer', denom: fixtures.denom, amount: 1n, sender: REMOTE_ACCOUNT, receiver: fixtures.inbound.assetReceiver, memo: '' },
      { kind: 'contract_call', sender: REMOTE_ACCOUNT, contract: fixtures.inbound.assetReceiver, data: new Uint8Array(0), gasLimit: 100_000n },
      { kind: 'state_sync', publisher: REMOTE_ACCOUNT, key: Uint8Array.of(1), value: Uint8Array.of(2), version: 1n },
    ]
    const undeclared = bodies.filter((body) => !harness.environment.capabilities.receives.includes(body.kind))
    if (undeclared.length === 0) context.skip('capabilities.receives declares every sendable kind')
    let sequence = 1n
    for (const body of undeclared) {
      await checkRefusedDelivery(context, harness, control, { kind: 'message', message: inboundMessage(context, harness, body, { sequence: sequence++ }) }, `a ${body.kind} (not in capabilities.receives)`)
    }
  },
})
