import { describe, expect, it } from 'vitest'
import { BulkheadError } from './bulkhead-error.js'
import { DecodeError } from './decode-error.js'

describe(BulkheadError.name, () => {
  it('carries a literal code, a short message, detail lines and the cause', () => {
    const cause = new Error('disk full')
    const error = new DecodeError('Envelope: truncated', { cause, details: ['input is 3 bytes'] })
    expect(error.code).toBe('DECODE_FAILED')
    expect(error.name).toBe('DecodeError')
    expect(error.shortMessage).toBe('Envelope: truncated')
    expect(error.message).toBe('Envelope: truncated\n  input is 3 bytes')
    expect(error.cause).toBe(cause)
    expect(error).toBeInstanceOf(BulkheadError)
  })

  it('recognises errors from another copy of the package by its global marker', () => {
    const foreign = new (class extends Error {})('from another copy')
    Object.defineProperty(foreign, Symbol.for('bulkhead.error'), { value: true })
    expect(BulkheadError.isInstance(foreign)).toBe(true)
    expect(BulkheadError.isInstance(new Error('plain'))).toBe(false)
    expect(BulkheadError.isInstance(undefined)).toBe(false)
  })
})
