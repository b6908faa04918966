import { runConformance } from '@bulkhead/conformance/vitest'
import { wasmSubject } from './__fixtures__/conformance-subject.js'

runConformance(wasmSubject)
