import { describe, expect, it } from 'vitest'
import { unimplementedSubject } from './__fixtures__/unimplemented-subject.js'
import { runConformanceSuite } from './run-conformance-suite.js'

describe(runConformanceSuite.name, () => {
  it('fails an environment that implements nothing, case by case, with "implement" hints', async () => {
    const results = await runConformanceSuite(unimplementedSubject)
    const failed = results.filter((result) => result.status === 'failed')
    const passed = results.filter((result) => result.status === 'passed').map((result) => result.name)
    // Only checks of static declarations can pass without a single working method.
    expect(passed).toEqual(['limits/are-well-formed'])
    expect(failed.length).toBeGreaterThan(20)
    for (const result of failed) {
      if (result.status !== 'failed') continue
      expect(result.failure.message).toContain(`conformance case ${result.name} failed`)
      expect(result.failure.hint).toMatch(/^implement what the error names: \w+\(\) is not implemented yet$|throw|BlockPhaseError|EnvironmentClosedError/)
    }
  })

  it('reports a case as skipped when the subject lacks a fixture or capability', async () => {
    const results = await runConformanceSuite(unimplementedSubject, {
      only: ['failures/send-then-fail-emits-no-message', 'inbound/asset-transfer-credits-the-receiver'],
    })
    expect(results.map((result) => (result.status === 'skipped' ? result.reason : result.status))).toEqual([
      'no sendThenFail fixture',
      'capabilities.receives does not include asset_transfer',
    ])
  })
})
