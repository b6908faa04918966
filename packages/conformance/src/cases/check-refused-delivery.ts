// Shared body of the cases where a delivery must be refused and change nothing.
import type { InboundDelivery } from '@bulkhead/core'
import type { CaseContext } from '../define-case.js'
import type { Harness } from '../harness.js'

/**
 * Delivers `delivery` on `harness` and an empty block on `control` (same history), and fails
 * unless the delivery is `rejected` with a reason and both blocks end at the same state root.
 */
export async function checkRefusedDelivery(context: CaseContext, harness: Harness, control: Harness, delivery: InboundDelivery, what: string): Promise<void> {
  const { deliveries, end } = await harness.commitBlock({ deliveries: [delivery] })
  const { end: controlEnd } = await control.commitBlock()
  const result = deliveries[0]
  context.check(result?.status === 'rejected' && typeof result.reason === 'string' && result.reason.length > 0, {
    expected: `${what} is refused with status 'rejected' and a reason`,
    actual: `status ${String(result?.status)}, reason ${JSON.stringify(result?.reason)}`,
    hint: "validate each delivery before applying it and return { status: 'rejected', reason, gasUsed: 0n, events: [] } instead of throwing",
  })
  context.check(result.gasUsed === 0n && result.acknowledgement === undefined && (result.refunded ?? 0n) === 0n, {
    expected: 'a rejected delivery spends no gas, acknowledges nothing and refunds nothing',
    actual: `gasUsed ${result.gasUsed}, acknowledgement ${JSON.stringify(result.acknowledgement?.success)}, refunded ${String(result.refunded)}`,
    hint: 'return before touching state',
  })
  context.check(end.stateRoot === controlEnd.stateRoot && end.messages.length === 0, {
    expected: `${what} leaves the state root as an empty block would, and emits nothing`,
    actual: `root ${end.stateRoot} vs empty block ${controlEnd.stateRoot}, ${end.messages.length} messages`,
    hint: 'refuse the delivery before any write',
  })
}
