import type { ConformanceSubject } from '@bulkhead/conformance'
import { runConformance } from '@bulkhead/conformance/vitest'
import { counterSubject } from '@bulkhead/example-counter-adapter'
import { createRouter } from './create-router.js'

// The router is an ExecutionEnvironment too: composing one environment under that
// environment's own id, it must behave exactly like it, case for case.
const routedCounter: ConformanceSubject = {
  ...counterSubject,
  name: 'router (over the counter VM)',
  async create(options) {
    const environment = await counterSubject.create(options)
    return createRouter({ id: environment.id, environments: [{ id: environment.id, environment }], queryEnvironment: environment.id })
  },
}

runConformance(routedCounter)
