import type { BlockOutput } from '@bulkhead/core'
import { canonical, show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { buildScenario } from './scenario.js'

export const runBlockEqualsSteps = defineCase({
  name: 'lifecycle/run-block-equals-step-methods',
  description: 'runBlock gives exactly what beginBlock + deliver + execute + endBlock give',
  async run(context: CaseContext) {
    const batched = await context.openDeployed()
    const stepped = await context.openDeployed()
    const blocks = await buildScenario(context, batched)
    for (const block of blocks) {
      const viaRunBlock = await batched.run(block)
      const { environment } = stepped
      await environment.beginBlock(await stepped.nextContext())
      const viaSteps: BlockOutput = {
        deliveries: await environment.deliver(block.deliveries),
        receipts: await environment.execute(block.transactions),
        end: await environment.endBlock(),
      }
      context.check(canonical(viaRunBlock) === canonical(viaSteps), {
        expected: 'runBlock output equals the step methods’ output',
        actual: `runBlock: ${show(viaRunBlock)}\nsteps: ${show(viaSteps)}`,
        hint: 'implement runBlock with `runBlockInSteps(this, input)` from @bulkhead/core unless you batch for a worker',
      })
      await batched.environment.commit()
      await environment.commit()
    }
  },
})
