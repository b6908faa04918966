import { runConformance } from '@bulkhead/conformance/vitest'
import { counterSubject } from './conformance-subject.js'

runConformance(counterSubject)
