import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const rollbackDiscardsAnOpenBlock = defineCase({
  name: 'rollback/discards-an-open-or-ended-block',
  description: 'rollback() with no height discards an open or ended block and stays at the head; heights above the head throw NOT_FOUND',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const { environment } = harness
    const head = await environment.head()
    const state = canonical(await fixtures.readState(environment, harness.contract))
    for (const end of [false, true]) {
      const transaction = await harness.build(fixtures.succeed)
      await environment.beginBlock(await harness.nextContext())
      await environment.execute([transaction])
      if (end) await environment.endBlock()
      const after = await environment.rollback()
      context.check(after.height === head.height && after.stateRoot === head.stateRoot, {
        expected: `rollback() of an ${end ? 'ended' : 'open'} block returns the head ${head.height} / ${head.stateRoot}`,
        actual: `${after.height} / ${after.stateRoot}`,
        hint: 'keep the block’s writes in an overlay and drop it on rollback',
      })
      const now = canonical(await fixtures.readState(environment, harness.contract))
      context.check(now === state, {
        expected: 'the discarded block left no state behind',
        actual: `readState ${state} -> ${now}`,
        hint: 'never write to committed state before commit()',
      })
    }
    await context.expectError(() => environment.rollback(head.height + 5n), ['NOT_FOUND'], {
      expected: 'rollback to a height above the head throws NotFoundError (NOT_FOUND)',
      hint: 'throw `new NotFoundError(...)` from @bulkhead/core for heights you do not have',
    })
  },
})
