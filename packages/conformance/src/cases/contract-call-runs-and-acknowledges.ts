import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { REMOTE_ACCOUNT, inboundMessage, requireReceives } from './shared.js'

export const contractCallRunsAndAcknowledges = defineCase({
  name: 'inbound/contract-call-runs-and-acknowledges',
  description: 'an inbound ContractCall runs in the destination, changes its state, spends gas counted in the block, and is acknowledged with success',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    requireReceives(context, 'contract_call', harness)
    if (!fixtures.inbound.contractCall) context.skip('no inbound.contractCall fixture')
    const before = canonical(await fixtures.readState(harness.environment, harness.contract))
    const message = inboundMessage(context, harness, {
      kind: 'contract_call',
      sender: REMOTE_ACCOUNT,
      contract: harness.contract,
      data: fixtures.inbound.contractCall(harness.contract),
      gasLimit: harness.environment.limits.transactionGasLimit,
    })
    const { deliveries, end } = await harness.commitBlock({ deliveries: [{ kind: 'message', message }] })
    const result = deliveries[0]
    context.check(result?.status === 'ok' && result.acknowledgement?.success === true && result.gasUsed > 0n, {
      expected: 'status ok, a success acknowledgement and gasUsed > 0',
      actual: `status ${String(result?.status)}${result?.reason ? ` (${result.reason})` : ''}, ack ${JSON.stringify(result?.acknowledgement?.success)}, gasUsed ${String(result?.gasUsed)}`,
      hint: 'run the call like a transaction from the remote sender, meter it against ContractCall.gasLimit and answer with its return data',
    })
    context.check(end.gasUsed >= result.gasUsed, {
      expected: 'the delivery’s gas is counted in endBlock().gasUsed',
      actual: `block gasUsed ${end.gasUsed}, delivery ${result.gasUsed}`,
      hint: 'add delivery gas to the block total',
    })
    const after = canonical(await fixtures.readState(harness.environment, harness.contract))
    context.check(after !== before, {
      expected: 'readState changes after the inbound call',
      actual: `readState stayed ${before}`,
      hint: 'commit the call’s writes when it succeeds',
    })
  },
})
