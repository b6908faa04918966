import { canonical, show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'
import { buildScenario, replay } from './scenario.js'

export const sameBlocksSameResults = defineCase({
  name: 'determinism/same-blocks-same-results',
  description: 'two fresh instances fed the same blocks give the same receipts, gas, messages, supply and state roots',
  async run(context: CaseContext) {
    const first = await context.openDeployed()
    const second = await context.openDeployed()
    const firstHead = await first.environment.head()
    const secondHead = await second.environment.head()
    const hint =
      'make execution a pure function of (committed state, block context, inputs): no Date.now(), Math.random(), Map iteration over unsorted keys from outside, or host-dependent values'
    context.check(firstHead.stateRoot === secondHead.stateRoot, {
      expected: 'the same genesis and deploy block give the same state root',
      actual: `${firstHead.stateRoot} vs ${secondHead.stateRoot}`,
      hint,
    })
    const blocks = await buildScenario(context, first)
    const outputs = [await replay(first, blocks), await replay(second, blocks)]
    const [left, right] = outputs.map((run) => run.map((output) => canonical(output)))
    for (const [index, output] of (left ?? []).entries()) {
      context.check(output === right?.[index], {
        expected: `block ${index + 2} gives identical output on both instances`,
        actual: `first: ${show(outputs[0]?.[index])}\nsecond: ${show(outputs[1]?.[index])}`,
        hint,
      })
    }
    const states = [await context.subject.fixtures.readState(first.environment, first.contract), await context.subject.fixtures.readState(second.environment, second.contract)]
    context.check(canonical(states[0]) === canonical(states[1]), {
      expected: 'readState is the same on both instances',
      actual: `${show(states[0])} vs ${show(states[1])}`,
      hint,
    })
  },
})
