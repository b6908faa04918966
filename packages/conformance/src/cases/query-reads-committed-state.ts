import { canonical } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const queryReadsCommittedState = defineCase({
  name: 'query/reads-committed-state-only',
  description: 'query() answers from committed state: writes of an open block are invisible until commit',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    const { environment } = harness
    const before = canonical(await fixtures.readState(environment, harness.contract))
    const transaction = await harness.build(fixtures.succeed)
    await environment.beginBlock(await harness.nextContext())
    await environment.execute([transaction])
    const during = canonical(await fixtures.readState(environment, harness.contract))
    context.check(during === before, {
      expected: 'readState during an open block equals the committed state',
      actual: `${before} -> ${during}`,
      hint: 'serve query() from committed state, not from the block overlay',
    })
    await environment.endBlock()
    await environment.commit()
    const after = canonical(await fixtures.readState(environment, harness.contract))
    context.check(after !== before, {
      expected: 'readState reflects the block after commit',
      actual: `stayed ${after}`,
      hint: 'publish the block’s writes to committed state in commit()',
    })
  },
})
