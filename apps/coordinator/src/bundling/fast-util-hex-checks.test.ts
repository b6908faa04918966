import * as upstream from '@ethereumjs/util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { outcome } from '../__fixtures__/outcome.js'
import { fastUtilHexChecks } from './fast-util-hex-checks.js'

const own = fastUtilHexChecks(upstream)

/** Hex strings with and without 0x, mixed case, stray characters, and what is not a string. */
const candidate = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => `0X${Buffer.from(bytes).toString('hex').toUpperCase()}`),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  fc.string({ maxLength: 12 }).map((text) => `0x${text}`),
  fc.string({ maxLength: 12 }),
  fc.constantFrom<unknown>(undefined, null, 5, 5n, {}, ['0x00']),
)

describe('fast util hex checks (the bundled program’s stand-ins in @ethereumjs/util)', () => {
  it('answers as upstream does for any value and any byte length asked for, twice in a row', () => {
    fc.assert(
      fc.property(candidate, fc.option(fc.integer({ min: -1, max: 41 }), { nil: undefined }), (value, length) => {
        const text = value as string
        for (let round = 0; round < 2; round++) {
          expect(own.isHexString(text, length)).toBe(upstream.isHexString(text, length))
          expect(outcome(() => own.stripHexPrefix(text))).toEqual(outcome(() => upstream.stripHexPrefix(text)))
        }
      }),
      { numRuns: 3_000 },
    )
  })
})
