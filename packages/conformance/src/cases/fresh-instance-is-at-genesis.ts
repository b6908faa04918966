import { isEnvironmentId, isHex } from '@bulkhead/core'
import { defineCase, type CaseContext } from '../define-case.js'

export const freshInstanceIsAtGenesis = defineCase({
  name: 'lifecycle/fresh-instance-is-at-genesis',
  description: 'a fresh instance declares v1, a valid id, and sits at height 0 with a 32-byte state root, healthy',
  async run(context: CaseContext) {
    const { environment } = await context.open()
    context.check(environment.specificationVersion === 'v1', {
      expected: "specificationVersion is 'v1'",
      actual: `specificationVersion is ${String(environment.specificationVersion)}`,
      hint: "declare `specificationVersion: 'v1'`",
    })
    context.check(isEnvironmentId(environment.id), {
      expected: 'id is a lower-case letter then up to 31 of [a-z0-9-]',
      actual: `id is ${JSON.stringify(environment.id)}`,
      hint: 'take the id from the factory options (genesis names it) and validate it',
    })
    context.check(environment.capabilities.denoms.includes(context.subject.fixtures.denom), {
      expected: `fixtures.denom (${context.subject.fixtures.denom}) is one of capabilities.denoms`,
      actual: `capabilities.denoms is ${JSON.stringify(environment.capabilities.denoms)}`,
      hint: 'set fixtures.denom to the native denom the environment declares (the inbound and refund cases use it)',
    })
    const head = await environment.head()
    context.check(head.height === 0n && isHex(head.stateRoot) && head.stateRoot.length === 66, {
      expected: 'head() is { height: 0n, stateRoot: 32-byte hex } before the first block',
      actual: `head() is { height: ${String(head.height)}, stateRoot: ${String(head.stateRoot)} }`,
      hint: 'write the genesis state at height 0 when the store is empty, and return heights as bigint',
    })
    const health = await environment.health()
    context.check(health.status === 'healthy' && health.head.stateRoot === head.stateRoot, {
      expected: "health() is 'healthy' and reports the same head",
      actual: `health() is ${health.status} at root ${health.head.stateRoot}`,
      hint: 'report the committed head in health()',
    })
  },
})
