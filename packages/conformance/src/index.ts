// The conformance kit: every ExecutionEnvironment adapter runs these cases against itself.
// The vitest adapter lives at `@bulkhead/conformance/vitest`.
export { defineConformanceSuite, CONFORMANCE_CASE_NAMES, type ConformanceSuiteOptions } from './define-conformance-suite.js'
export { runConformanceSuite, type ConformanceResult } from './run-conformance-suite.js'
export type { ConformanceCase } from './define-case.js'
export { ConformanceFailure, type ConformanceFailureOptions } from './conformance-failure.js'
export { ConformanceSkip } from './conformance-skip.js'
export type {
  ConformanceFixtures,
  ConformanceSubject,
  OutOfGasFixture,
  SendAssetFixture,
  TransactionContext,
  TransactionFixture,
} from './conformance-subject.js'
export { VERSION } from './version.js'
