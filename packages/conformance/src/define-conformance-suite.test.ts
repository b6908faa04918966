import { describe, expect, it } from 'vitest'
import { unimplementedSubject } from './__fixtures__/unimplemented-subject.js'
import { CONFORMANCE_CASE_NAMES, defineConformanceSuite } from './define-conformance-suite.js'

describe(defineConformanceSuite.name, () => {
  it('gives every case a unique area/guarantee name and a description', () => {
    const suite = defineConformanceSuite(unimplementedSubject)
    expect(new Set(suite.map((entry) => entry.name)).size).toBe(suite.length)
    for (const entry of suite) {
      expect(entry.name).toMatch(/^[a-z]+\/[a-z0-9-]+$/)
      expect(entry.description.length).toBeGreaterThan(20)
    }
  })

  it('covers the guarantees issue 8 asks for', () => {
    for (const name of [
      'determinism/same-blocks-same-results',
      'failures/revert-changes-no-state',
      'failures/send-then-fail-emits-no-message',
      'failures/out-of-gas-charges-exactly-the-limit',
      'rollback/restores-a-committed-height',
      'restart/resumes-from-the-store',
      'inbound/asset-transfer-credits-the-receiver',
      'inbound/error-ack-refunds-the-sender',
      'inbound/timeout-refunds-the-sender',
      'mirror/state-sync-mirror-is-read-only',
      'inbound/unknown-body-is-rejected',
      'inbound/wrong-destination-is-rejected',
      'limits/over-transaction-gas-limit-is-rejected',
      'status/outcomes-use-the-unified-vocabulary',
      'lifecycle/methods-outside-a-block-throw-block-phase',
      'lifecycle/begin-block-at-wrong-height-throws',
      'lifecycle/run-block-equals-step-methods',
    ]) {
      expect(CONFORMANCE_CASE_NAMES).toContain(name)
    }
  })

  it('runs only the listed cases when asked', () => {
    const suite = defineConformanceSuite(unimplementedSubject, { only: ['limits/are-well-formed'] })
    expect(suite.map((entry) => entry.name)).toEqual(['limits/are-well-formed'])
  })
})
