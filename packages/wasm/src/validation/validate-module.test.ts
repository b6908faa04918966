import { describe, expect, it } from 'vitest'
import { compileWat } from '../__fixtures__/compile-wat.js'
import { WasmValidationError, type WasmValidationRule } from '../errors/wasm-validation-error.js'
import { validateModule } from './validate-module.js'
import { DEFAULT_VALIDATION_LIMITS } from './validation-limits.js'

function refusal(code: Uint8Array): WasmValidationError {
  try {
    validateModule(code, DEFAULT_VALIDATION_LIMITS)
  } catch (error) {
    if (error instanceof WasmValidationError) return error
    throw error
  }
  throw new Error('module was accepted')
}

function expectRule(code: Uint8Array, rule: WasmValidationRule): void {
  const error = refusal(code)
  expect(error.rule).toBe(rule)
  expect(error.code).toBe('WASM_VALIDATION')
}

const minimal = compileWat('(module (memory 1) (func (export "f")))')

describe(validateModule.name, () => {
  it('accepts a minimal module and one using every allowed feature', () => {
    expect(validateModule(minimal, DEFAULT_VALIDATION_LIMITS).usesWasi).toBe(false)
    const featureful = compileWat(`(module
      (import "env" "input_size" (func (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
      (memory 1 2) (global $g (mut i32) (i32.const 0)) (export "g" (global $g))
      (func (export "f") (param i32) (result i32)
        (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))
        (memory.fill (i32.const 0) (i32.const 0) (i32.const 4))
        (i32.extend8_s (local.get 0))))`)
    expect(validateModule(featureful, DEFAULT_VALIDATION_LIMITS).usesWasi).toBe(true)
  })

  it('refuses garbage, truncated and oversized modules', () => {
    expectRule(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'not_wasm')
    expectRule(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]), 'not_wasm')
    expectRule(minimal.subarray(0, minimal.length - 3), 'malformed')
    // A valid module padded with a 900 KiB custom section.
    const name = new TextEncoder().encode('pad')
    const payload = 900 * 1024
    const section = new Uint8Array([0, ...leb(1 + name.length + payload), name.length, ...name, ...new Uint8Array(payload)])
    expectRule(new Uint8Array([...minimal, ...section]), 'code_size')
  })

  it('refuses modules without exactly one bounded, unshared, 32-bit memory', () => {
    expectRule(compileWat('(module (func))'), 'missing_memory')
    expectRule(compileWat('(module (memory 1) (memory 1))', { multi_memory: true }), 'multiple_memories')
    expectRule(compileWat('(module (memory 513))'), 'memory_initial_pages')
    expectRule(compileWat('(module (memory 1 1000))'), 'memory_maximum_pages')
    expectRule(compileWat('(module (memory 1 1 shared))', { threads: true }), 'shared_memory')
    expectRule(compileWat('(module (memory i64 1))', { memory64: true }), 'memory64')
  })

  it('refuses imports other than allow-listed functions', () => {
    expectRule(compileWat('(module (import "env" "memory" (memory 1)))'), 'imported_memory')
    expectRule(compileWat('(module (import "env" "table" (table 1 funcref)) (memory 1))'), 'imported_table')
    expectRule(compileWat('(module (import "env" "g" (global i32)) (memory 1))'), 'imported_global')
    expectRule(compileWat('(module (import "env" "exit" (func)) (memory 1))'), 'forbidden_import')
    expectRule(compileWat('(module (import "os" "system" (func)) (memory 1))'), 'forbidden_import')
    expectRule(compileWat('(module (import "wasi_snapshot_preview1" "path_open" (func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32))) (memory 1))'), 'forbidden_import')
    const wrongSignature = refusal(compileWat('(module (import "env" "input_size" (func (result i64))) (memory 1))'))
    expect(wrongSignature.rule).toBe('forbidden_import')
    expect(wrongSignature.shortMessage).toMatch(/wrong signature/)
    const many = Array.from({ length: 101 }, (_, index) => `(import "env" "gas_left" (func $i${index} (result i64)))`).join('')
    expectRule(compileWat(`(module ${many} (memory 1))`), 'too_many_imports')
  })

  it('refuses function, local and table bombs', () => {
    expectRule(compileWat(`(module (memory 1) ${'(func)'.repeat(20_001)})`), 'too_many_functions')
    expectRule(compileWat(`(module (memory 1) (func (local ${'i64 '.repeat(2_049)})))`), 'function_locals')
    const spread = `(func (local ${'i32 '.repeat(2_000)}))`.repeat(6)
    expectRule(compileWat(`(module (memory 1) ${spread})`), 'too_many_locals')
    expectRule(compileWat('(module (memory 1) (table 2501 funcref))'), 'table_size')
    expectRule(compileWat('(module (memory 1) (table 1 funcref) (table 1 funcref))', { reference_types: true }), 'multiple_tables')
  })

  it('refuses SIMD, atomics, exceptions and reference types by parsing every instruction', () => {
    const simd = refusal(compileWat('(module (memory 1) (func (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))', { simd: true }))
    expect(simd.rule).toBe('features')
    expect(simd.shortMessage).toMatch(/outside Wasm 1.0/)
    // An atomic on an unshared memory hides no telltale in the sections: only the code shows it.
    expectRule(compileWat('(module (memory 1) (func (result i32) (i32.atomic.load (i32.const 0))))', { threads: true }), 'features')
    expectRule(compileWat('(module (memory 1) (tag $e) (func (throw $e)))', { exceptions: true }), 'exception_tags')
    expectRule(compileWat('(module (memory 1) (func (result externref) (ref.null extern)))', { reference_types: true }), 'features')
  })

  it('refuses exports that use the reserved metering prefix', () => {
    expectRule(compileWat('(module (memory 1) (func (export "__bulkhead_gas")))'), 'reserved_export')
  })

  it('applies limits from the options', () => {
    const tight = { ...DEFAULT_VALIDATION_LIMITS, maxInitialPages: 1 }
    expect(() => validateModule(compileWat('(module (memory 2))'), tight)).toThrow(/limit is 1/)
  })
})

function leb(value: number): number[] {
  const out: number[] = []
  do {
    let byte = value & 0x7f
    value >>>= 7
    if (value !== 0) byte |= 0x80
    out.push(byte)
  } while (value !== 0)
  return out
}
