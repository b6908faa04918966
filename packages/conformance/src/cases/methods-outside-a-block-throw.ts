import { defineCase, type CaseContext } from '../define-case.js'

export const methodsOutsideABlockThrow = defineCase({
  name: 'lifecycle/methods-outside-a-block-throw-block-phase',
  description: 'deliver, execute, endBlock and commit outside an open block throw BlockPhaseError (BLOCK_PHASE) and change nothing',
  async run(context: CaseContext) {
    const harness = await context.open()
    const { environment } = harness
    const before = await environment.head()
    const transaction = await harness.build(context.subject.fixtures.deploy)
    const hint = 'keep a phase (idle | open | ended) and throw `new BlockPhaseError(...)` from @bulkhead/core when a method is called in the wrong one'
    await context.expectError(() => environment.execute([transaction]), ['BLOCK_PHASE'], {
      expected: 'execute() before beginBlock() throws BLOCK_PHASE',
      hint,
    })
    await context.expectError(() => environment.deliver([]), ['BLOCK_PHASE'], {
      expected: 'deliver() before beginBlock() throws BLOCK_PHASE',
      hint,
    })
    await context.expectError(() => environment.endBlock(), ['BLOCK_PHASE'], {
      expected: 'endBlock() before beginBlock() throws BLOCK_PHASE',
      hint,
    })
    await context.expectError(() => environment.commit(), ['BLOCK_PHASE'], {
      expected: 'commit() with no ended block throws BLOCK_PHASE',
      hint,
    })
    await environment.beginBlock(await harness.nextContext())
    await context.expectError(() => environment.commit(), ['BLOCK_PHASE'], {
      expected: 'commit() of an open (not yet ended) block throws BLOCK_PHASE',
      hint,
    })
    await environment.endBlock()
    await context.expectError(() => environment.execute([transaction]), ['BLOCK_PHASE'], {
      expected: 'execute() after endBlock() throws BLOCK_PHASE',
      hint,
    })
    await environment.rollback()
    const after = await environment.head()
    context.check(after.height === before.height && after.stateRoot === before.stateRoot, {
      expected: 'the head is unchanged after phase errors and a rollback of the open block',
      actual: `head moved from ${before.height}/${before.stateRoot} to ${after.height}/${after.stateRoot}`,
      hint: 'check the phase before touching any state',
    })
  },
})
