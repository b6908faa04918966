import { isHex, isOutcomeStatus, type Receipt } from '@bulkhead/core'
import { show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { buildScenario } from './scenario.js'

export const outcomesUseTheUnifiedVocabulary = defineCase({
  name: 'status/outcomes-use-the-unified-vocabulary',
  description: 'every receipt and delivery result uses ok | reverted | out_of_gas | trapped | rejected | timed_out, with a reason exactly when not ok, and the documented invariants per status',
  async run(context: CaseContext) {
    const harness = await context.openDeployed()
    const { environment } = harness
    const [block] = await buildScenario(context, harness)
    const garbage = { environment: environment.id, payload: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) }
    const transactions = [...(block?.transactions ?? []), garbage]
    const { receipts, deliveries } = await harness.commitBlock({ deliveries: block?.deliveries ?? [], transactions })
    const hint = 'build receipts in one place (a makeReceipt helper) so the invariants hold for every path'
    context.check(receipts.length === transactions.length, {
      expected: `${transactions.length} receipts`,
      actual: `${receipts.length}`,
      hint: 'one receipt per transaction, rejected ones included',
    })
    receipts.forEach((receipt: Receipt, index) => {
      const problem =
        !isOutcomeStatus(receipt.status) ? `status ${JSON.stringify(receipt.status)} is not in the vocabulary`
        : receipt.status === 'ok' && receipt.reason !== undefined ? 'ok with a reason'
        : receipt.status !== 'ok' && !receipt.reason ? `${receipt.status} without a reason`
        : receipt.status !== 'ok' && (receipt.events.length > 0 || receipt.messageCount > 0) ? `${receipt.status} with events or messages`
        : receipt.status === 'rejected' && receipt.gasUsed !== 0n ? 'rejected but charged gas'
        : receipt.index !== index ? `index ${receipt.index} at position ${index}`
        : receipt.environment !== environment.id ? `environment ${receipt.environment}`
        : !(isHex(receipt.transactionHash) && receipt.transactionHash.length === 66) ? `transactionHash ${receipt.transactionHash}`
        : typeof receipt.gasUsed !== 'bigint' || receipt.gasUsed < 0n ? `gasUsed ${String(receipt.gasUsed)}`
        : undefined
      context.check(problem === undefined, {
        expected: `receipt ${index} follows the Receipt invariants`,
        actual: `${problem}: ${show(receipt)}`,
        hint,
      })
    })
    context.check(receipts.at(-1)?.status === 'rejected', {
      expected: 'an undecodable payload is rejected',
      actual: show(receipts.at(-1)),
      hint: "catch decode errors and return status 'rejected' with the decoder's reason",
    })
    for (const result of deliveries) {
      context.check(isOutcomeStatus(result.status) && (result.status === 'ok') === (result.reason === undefined), {
        expected: 'delivery results use the vocabulary, with a reason exactly when not ok',
        actual: show(result),
        hint,
      })
    }
  },
})
