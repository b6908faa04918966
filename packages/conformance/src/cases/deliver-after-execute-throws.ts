import { defineCase, type CaseContext } from '../define-case.js'

export const deliverAfterExecuteThrows = defineCase({
  name: 'lifecycle/deliver-after-execute-throws-block-phase',
  description: 'deliveries come before transactions: deliver() after execute() in the same block throws BLOCK_PHASE',
  async run(context: CaseContext) {
    const harness = await context.openDeployed()
    const transaction = await harness.build(context.subject.fixtures.succeed)
    await harness.environment.beginBlock(await harness.nextContext())
    await harness.environment.execute([transaction])
    await context.expectError(() => harness.environment.deliver([]), ['BLOCK_PHASE'], {
      expected: 'deliver() after the first execute() of a block throws BLOCK_PHASE',
      hint: 'remember that a block has started executing transactions and refuse deliveries from then on',
    })
  },
})
