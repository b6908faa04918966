import { blockContextFor } from '../harness.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const beginBlockAtWrongHeight = defineCase({
  name: 'lifecycle/begin-block-at-wrong-height-throws',
  description: 'beginBlock at a height other than head + 1 throws a BulkheadError and leaves the environment usable',
  async run(context: CaseContext) {
    const harness = await context.open()
    const { environment } = harness
    const hint = 'compare context.height with head().height + 1n in beginBlock and throw BlockPhaseError (or InvalidArgumentError) otherwise'
    await context.expectError(() => environment.beginBlock(blockContextFor(environment, 2n)), ['BLOCK_PHASE', 'INVALID_ARGUMENT'], {
      expected: 'beginBlock({ height: 2n }) on a fresh instance (head 0) throws BLOCK_PHASE or INVALID_ARGUMENT',
      hint,
    })
    await context.expectError(() => environment.beginBlock(blockContextFor(environment, 0n)), ['BLOCK_PHASE', 'INVALID_ARGUMENT'], {
      expected: 'beginBlock({ height: 0n }) (genesis again) throws BLOCK_PHASE or INVALID_ARGUMENT',
      hint,
    })
    await environment.beginBlock(blockContextFor(environment, 1n))
    await context.expectError(() => environment.beginBlock(blockContextFor(environment, 1n)), ['BLOCK_PHASE'], {
      expected: 'beginBlock() while a block is open throws BLOCK_PHASE',
      hint: 'refuse beginBlock unless the phase is idle',
    })
    await environment.endBlock()
    const head = await environment.commit()
    context.check(head.height === 1n, {
      expected: 'after refused beginBlock calls, block 1 still opens, ends and commits',
      actual: `commit() returned height ${head.height}`,
      hint: 'check the height before changing the phase',
    })
  },
})
