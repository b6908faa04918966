import { BulkheadError, type Address } from '@bulkhead/core'
import { ConformanceFailure, type ConformanceFailureOptions } from './conformance-failure.js'
import { ConformanceSkip } from './conformance-skip.js'
import type { ConformanceSubject } from './conformance-subject.js'
import { Harness } from './harness.js'

/** One named case of the suite, ready to run. Throws `ConformanceFailure` or `ConformanceSkip`. */
export interface ConformanceCase {
  /** Stable, `area/what-is-guaranteed`; adapters may refer to it in issues and skips. */
  readonly name: string
  /** The guarantee checked, in one sentence. */
  readonly description: string
  run(): Promise<void>
}

export type FailureReport = Omit<ConformanceFailureOptions, 'caseName'>

/** What a case body gets: the subject, environments it opens, and assertion helpers. */
export interface CaseContext {
  readonly subject: ConformanceSubject
  readonly caseName: string
  /** Opens a fresh environment (closed after the case). */
  open(options?: { readonly store?: Harness['store'] }): Promise<Harness>
  /** Opens a fresh environment and deploys the fixture contract in block 1. */
  openDeployed(options?: { readonly store?: Harness['store'] }): Promise<Harness & { readonly contract: Address }>
  /** Fails the case unless `condition` holds. */
  check(condition: unknown, report: FailureReport): asserts condition
  fail(report: FailureReport): never
  skip(reason: string): never
  /** Runs `action` and fails unless it throws a `BulkheadError` with one of `codes`. */
  expectError(action: () => Promise<unknown>, codes: readonly string[], report: Omit<FailureReport, 'actual'>): Promise<void>
}

export interface CaseDefinition {
  readonly name: string
  readonly description: string
  run(context: CaseContext): Promise<void>
}

/** A case definition, bound to a subject by {@link bindCase}. */
export function defineCase(definition: CaseDefinition): CaseDefinition {
  return definition
}

/**
 * Binds a case to a subject. Environments the case opens are closed afterwards, and anything
 * the environment throws that is not a kit verdict becomes a `ConformanceFailure` that says
 * which call threw: for a scaffolded adapter, that is its "implement X" `UnsupportedError`.
 */
export function bindCase(definition: CaseDefinition, subject: ConformanceSubject): ConformanceCase {
  return {
    name: definition.name,
    description: definition.description,
    async run() {
      const opened: Harness[] = []
      const fail = (report: FailureReport): never => {
        throw new ConformanceFailure({ caseName: definition.name, ...report })
      }
      const context: CaseContext = {
        subject,
        caseName: definition.name,
        async open(options = {}) {
          const harness = await Harness.open(subject, options.store)
          opened.push(harness)
          return harness
        },
        async openDeployed(options = {}) {
          const harness = await context.open(options)
          const { receipt, contract } = await harness.deploy()
          context.check(receipt.status === 'ok' && contract !== undefined, {
            expected: 'the `deploy` fixture succeeds and its receipt carries `contractAddress`',
            actual: `status ${receipt.status}${receipt.reason ? ` (${receipt.reason})` : ''}, contractAddress ${String(contract)}`,
            hint: 'make the deploy fixture valid for a fresh genesis, and set `contractAddress` on the receipt of a deployment',
          })
          return harness as Harness & { readonly contract: Address }
        },
        check(condition, report) {
          if (!condition) fail(report)
        },
        fail,
        skip(reason) {
          throw new ConformanceSkip(reason)
        },
        async expectError(action, codes, report) {
          let thrown: unknown
          try {
            await action()
          } catch (error) {
            thrown = error
          }
          if (BulkheadError.isInstance(thrown) && codes.includes(thrown.code)) return
          fail({
            ...report,
            // An unimplemented method is the first thing to fix, whatever this check wanted.
            ...(BulkheadError.isInstance(thrown) && thrown.code === 'UNSUPPORTED' ? { hint: unsupportedHint(thrown) } : {}),
            actual:
              thrown === undefined
                ? 'it resolved without throwing'
                : `it threw ${describeError(thrown)}`,
            ...(thrown === undefined ? {} : { cause: thrown }),
          })
        },
      }
      try {
        await definition.run(context)
      } catch (error) {
        if (ConformanceFailure.isInstance(error) || ConformanceSkip.isInstance(error)) throw error
        throw new ConformanceFailure({
          caseName: definition.name,
          expected: definition.description,
          actual: `the case stopped on ${describeError(error)}`,
          hint:
            BulkheadError.isInstance(error) && error.code === 'UNSUPPORTED'
              ? unsupportedHint(error)
              : 'failed executions are receipts, not exceptions; throw only for caller faults (wrong phase, bad arguments) and infrastructure faults',
          cause: error,
        })
      } finally {
        // A closing error must not hide the verdict; close() itself is checked by its own case.
        for (const harness of opened) await harness.close().catch(() => {})
      }
    },
  }
}

export function describeError(error: unknown): string {
  if (BulkheadError.isInstance(error)) return `${error.name} (${error.code}): ${error.shortMessage}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/** The hint for an `UnsupportedError`: its own words when they already say what to implement. */
function unsupportedHint(error: BulkheadError): string {
  return /^implement\b/.test(error.shortMessage) ? error.shortMessage : `implement what the error names: ${error.shortMessage}`
}
