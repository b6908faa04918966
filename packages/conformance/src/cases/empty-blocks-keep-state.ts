import type { Address } from '@bulkhead/core'
import { canonical, show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const emptyBlocksKeepState = defineCase({
  name: 'lifecycle/empty-blocks-keep-state-when-declared',
  description:
    'with capabilities.emptyBlocksKeepState, an empty block ends with the committed root and supply, no messages, no gas, nothing burned or minted and no extensions, whatever its context',
  async run(context: CaseContext) {
    const harness = await context.openDeployed()
    const { environment } = harness
    if (environment.capabilities.emptyBlocksKeepState !== true) context.skip('capabilities.emptyBlocksKeepState is not declared')
    const before = await environment.head()
    const supply = harness.supplyOf(context.subject.fixtures.denom)
    const { end: first } = await harness.commitBlock()
    // A worker host answers such blocks without running them: any context must give the same end.
    const usual = await harness.nextContext()
    await environment.beginBlock({
      ...usual,
      timestamp: usual.timestamp + 1_000n,
      gasLimit: usual.gasLimit / 2n,
      proposer: `0x${'01'.repeat(20)}` as Address,
    })
    await environment.deliver([])
    await environment.execute([])
    const second = await environment.endBlock()
    await environment.rollback()
    for (const end of [first, second]) {
      const kept = {
        stateRoot: before.stateRoot,
        messages: [],
        gasUsed: 0n,
        supply: { ...end.supply, [context.subject.fixtures.denom]: supply },
        burnedByRule: {},
        mintedByRule: {},
      }
      const { height: _height, ...rest } = end
      context.check(canonical(rest) === canonical(kept), {
        expected: `an empty block keeps the state: ${show(kept)}`,
        actual: show(end),
        hint: 'declare emptyBlocksKeepState only if nothing but deliveries and transactions changes the state',
      })
    }
    context.check(canonical(second.supply) === canonical(first.supply), {
      expected: `the same supply in every empty block: ${show(first.supply)}`,
      actual: show(second.supply),
      hint: 'the supply of an empty block is the committed one',
    })
  },
})
