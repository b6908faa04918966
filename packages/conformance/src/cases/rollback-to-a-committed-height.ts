import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const rollbackToACommittedHeight = defineCase({
  name: 'rollback/restores-a-committed-height',
  description: 'rollback(h) returns to committed height h with its root and state, and re-running the same block gives the same root again',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const { environment } = harness
    const deployed = await environment.head()
    const stateAtDeploy = canonical(await fixtures.readState(environment, harness.contract))
    const block = { transactions: [await harness.build(fixtures.succeed)] }
    const { head: afterSucceed } = await harness.commitBlock(block)
    await harness.commitBlock({ transactions: [await harness.build(fixtures.succeed)] })

    const restored = await environment.rollback(deployed.height)
    const head = await environment.head()
    const hint = 'keep each committed height’s root (content-addressed state, or per-height snapshots) and restore it; rollback must not need the open block'
    context.check(restored.height === deployed.height && restored.stateRoot === deployed.stateRoot && head.stateRoot === deployed.stateRoot, {
      expected: `rollback(${deployed.height}) returns and sets head ${deployed.height} / ${deployed.stateRoot}`,
      actual: `returned ${restored.height} / ${restored.stateRoot}, head() ${head.height} / ${head.stateRoot}`,
      hint,
    })
    const state = canonical(await fixtures.readState(environment, harness.contract))
    context.check(state === stateAtDeploy, {
      expected: 'queries read the state of the restored height',
      actual: `readState ${state}, at that height it was ${stateAtDeploy}`,
      hint,
    })
    const { head: replayed } = await harness.commitBlock(block)
    context.check(replayed.height === afterSucceed.height && replayed.stateRoot === afterSucceed.stateRoot, {
      expected: `re-running block ${afterSucceed.height} after the rollback gives root ${afterSucceed.stateRoot} again`,
      actual: `height ${replayed.height}, root ${replayed.stateRoot}`,
      hint: 'drop every trace of the rolled-back heights (nonces, balances, caches), not only the root pointer',
    })
  },
})
