import { blockContextFor } from '../harness.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const closedEnvironmentThrows = defineCase({
  name: 'lifecycle/closed-environment-throws',
  description: 'after close(), methods throw EnvironmentClosedError (ENVIRONMENT_CLOSED)',
  async run(context: CaseContext) {
    const harness = await context.open()
    await harness.environment.close()
    const hint = 'set a closed flag in close() and throw `new EnvironmentClosedError(...)` from every method afterwards'
    await context.expectError(() => harness.environment.head(), ['ENVIRONMENT_CLOSED'], { expected: 'head() after close() throws ENVIRONMENT_CLOSED', hint })
    await context.expectError(() => harness.environment.beginBlock(blockContextFor(harness.environment, 1n)), ['ENVIRONMENT_CLOSED'], {
      expected: 'beginBlock() after close() throws ENVIRONMENT_CLOSED',
      hint,
    })
  },
})
