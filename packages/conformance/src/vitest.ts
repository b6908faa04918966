// The vitest adapter, a subpath of its own (`@bulkhead/conformance/vitest`) so the kit itself
// never imports vitest.
import { describe, it } from 'vitest'
import { ConformanceSkip } from './conformance-skip.js'
import type { ConformanceSubject } from './conformance-subject.js'
import { defineConformanceSuite, type ConformanceSuiteOptions } from './define-conformance-suite.js'

export interface RunConformanceOptions extends ConformanceSuiteOptions {
  /** Per-case timeout in milliseconds; default vitest's configured `testTimeout`. */
  readonly timeout?: number
}

/**
 * Registers one `describe` named after the subject with one `it` per case. Call it at the top
 * level of a test file:
 *
 * ```ts
 * runConformance({ name: 'counter', create: ({ store }) => createCounterEnvironment({ store, ... }), fixtures })
 * ```
 *
 * A case the subject cannot run (missing capability or optional fixture) is reported as skipped.
 */
export function runConformance(subject: ConformanceSubject, options: RunConformanceOptions = {}): void {
  describe(`conformance: ${subject.name}`, () => {
    for (const conformanceCase of defineConformanceSuite(subject, options)) {
      it(
        conformanceCase.name,
        async (context) => {
          try {
            await conformanceCase.run()
          } catch (error) {
            if (ConformanceSkip.isInstance(error)) {
              context.skip(error.reason)
              return
            }
            throw error
          }
        },
        options.timeout,
      )
    }
  })
}
