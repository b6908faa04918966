import { createMemoryStore } from '@bulkhead/core'
import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const restartResumesFromTheStore = defineCase({
  name: 'restart/resumes-from-the-store',
  description: 'a new instance over the same store resumes at the last committed head (an uncommitted block is lost) and continues exactly like one that never stopped',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const store = createMemoryStore()
    const original = await context.openDeployed({ store })
    const control = await context.openDeployed()
    const block = { transactions: [await original.build(fixtures.succeed)] }
    await original.commitBlock(block)
    await control.commitBlock(block)
    const committed = await original.environment.head()
    const state = canonical(await fixtures.readState(original.environment, original.contract))
    // An ended but uncommitted block stands for a crash between endBlock and commit.
    await original.run({ transactions: [await original.build(fixtures.succeed)] })
    await original.environment.close()

    const restarted = await context.open({ store })
    restarted.contract = original.contract
    const head = await restarted.environment.head()
    const hint = 'persist height, root and state in one atomic store batch in commit(), and read the head back from the store when the factory opens it'
    context.check(head.height === committed.height && head.stateRoot === committed.stateRoot, {
      expected: `the restarted instance is at ${committed.height} / ${committed.stateRoot}`,
      actual: `${head.height} / ${head.stateRoot}`,
      hint,
    })
    const restartedState = canonical(await fixtures.readState(restarted.environment, original.contract))
    context.check(restartedState === state, {
      expected: 'queries on the restarted instance read the committed state',
      actual: `readState ${restartedState}, expected ${state}`,
      hint,
    })
    const next = { transactions: [await restarted.build(fixtures.succeed)] }
    const { head: resumed } = await restarted.commitBlock(next)
    const { head: uninterrupted } = await control.commitBlock(next)
    context.check(resumed.stateRoot === uninterrupted.stateRoot, {
      expected: 'the next block gives the same root as on an instance that never restarted',
      actual: `${resumed.stateRoot} vs ${uninterrupted.stateRoot}`,
      hint: 'rebuild every in-memory cache from the store; keep nothing only in memory that affects execution',
    })
  },
})
