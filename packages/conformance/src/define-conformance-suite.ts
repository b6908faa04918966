import { ALL_CASES } from './cases/all-cases.js'
import type { ConformanceSubject } from './conformance-subject.js'
import { bindCase, type ConformanceCase } from './define-case.js'

export interface ConformanceSuiteOptions {
  /** Run only cases whose name is listed (e.g. while bringing up a new adapter). Default: all. */
  readonly only?: readonly string[]
}

/**
 * The conformance suite for one subject: a list of named cases, each with `run()` that
 * resolves on success, throws `ConformanceFailure` (expected / actual / what to implement)
 * or `ConformanceSkip` (the subject lacks a capability or an optional fixture).
 * Runner-agnostic: loop over it, or use `runConformance` from `@bulkhead/conformance/vitest`.
 */
export function defineConformanceSuite(subject: ConformanceSubject, options: ConformanceSuiteOptions = {}): readonly ConformanceCase[] {
  const only = options.only
  return ALL_CASES.filter((definition) => only === undefined || only.includes(definition.name)).map((definition) => bindCase(definition, subject))
}

/** The names of every case, in run order. */
export const CONFORMANCE_CASE_NAMES: readonly string[] = Object.freeze(ALL_CASES.map((definition) => definition.name))
