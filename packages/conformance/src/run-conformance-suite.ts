import { ConformanceFailure } from './conformance-failure.js'
import { ConformanceSkip } from './conformance-skip.js'
import type { ConformanceSubject } from './conformance-subject.js'
import { defineConformanceSuite, type ConformanceSuiteOptions } from './define-conformance-suite.js'

/** The verdict of one case. */
export type ConformanceResult =
  | { readonly name: string; readonly status: 'passed' }
  | { readonly name: string; readonly status: 'skipped'; readonly reason: string }
  | { readonly name: string; readonly status: 'failed'; readonly failure: ConformanceFailure }

/**
 * Runs every case one after the other and collects verdicts, for runners other than vitest
 * (a CLI, a CI script, node:test). Never throws for a failing case.
 */
export async function runConformanceSuite(subject: ConformanceSubject, options: ConformanceSuiteOptions = {}): Promise<readonly ConformanceResult[]> {
  const results: ConformanceResult[] = []
  for (const conformanceCase of defineConformanceSuite(subject, options)) {
    try {
      await conformanceCase.run()
      results.push({ name: conformanceCase.name, status: 'passed' })
    } catch (error) {
      if (ConformanceSkip.isInstance(error)) results.push({ name: conformanceCase.name, status: 'skipped', reason: error.reason })
      else if (ConformanceFailure.isInstance(error)) results.push({ name: conformanceCase.name, status: 'failed', failure: error })
      else throw error // bindCase turns every other error into a ConformanceFailure; this is a kit bug
    }
  }
  return results
}
