import { BulkheadError, type BulkheadErrorOptions } from '@bulkhead/core'

/** Every upload-time rule a module can break; each refusal names exactly one. */
export type WasmValidationRule =
  | 'not_wasm'
  | 'code_size'
  | 'malformed'
  | 'missing_memory'
  | 'multiple_memories'
  | 'memory_initial_pages'
  | 'memory_maximum_pages'
  | 'shared_memory'
  | 'memory64'
  | 'imported_memory'
  | 'imported_table'
  | 'imported_global'
  | 'forbidden_import'
  | 'too_many_imports'
  | 'too_many_functions'
  | 'too_many_locals'
  | 'function_locals'
  | 'table_size'
  | 'multiple_tables'
  | 'exception_tags'
  | 'reserved_export'
  | 'features'
  | 'expression_depth'

/**
 * A module was refused at upload. `rule` says which limit it broke, so a deployer can fix
 * exactly that; the deploy transaction then gets a `rejected` receipt with the same text.
 */
export class WasmValidationError extends BulkheadError<'WASM_VALIDATION'> {
  override name = 'WasmValidationError' as const
  readonly rule: WasmValidationRule

  constructor(rule: WasmValidationRule, message: string, options?: BulkheadErrorOptions) {
    super('WASM_VALIDATION', message, options)
    this.rule = rule
  }
}
