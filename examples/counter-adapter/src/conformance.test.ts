import { runConformance } from '@bulkhead/conformance/vitest'
import { counterSubject } from './__fixtures__/conformance-subject.js'

runConformance(counterSubject)
