import { runConformance } from '@bulkhead/conformance/vitest'
import { evmSubject } from './__fixtures__/conformance-subject.js'

runConformance(evmSubject)
