import binaryen from 'binaryen'
import { WasmValidationError } from '../errors/wasm-validation-error.js'
import { HOST_FUNCTIONS, HOST_MODULE, WASI_FUNCTIONS, WASI_MODULE, type HostSignature } from '../host/host-function-signatures.js'
import { readModuleSections, type FunctionSignature, type ModuleSummary } from './read-module-sections.js'
import type { WasmValidationLimits } from './validation-limits.js'

/** Export names the metering pass adds; a contract may not use the prefix. */
export const RESERVED_EXPORT_PREFIX = '__bulkhead'

/** What deploy needs to know about a module that passed validation. */
export interface ValidatedModule {
  readonly summary: ModuleSummary
  /** Whether it imports the WASI subset (then it gets a WASI instance at run time). */
  readonly usesWasi: boolean
}

/**
 * The features a contract may use: Wasm 1.0 + bulk memory + sign extension + mutable globals.
 * `BulkMemoryOpt` is binaryen's name for memory.copy/fill, part of the bulk-memory proposal.
 */
export const ALLOWED_FEATURES: number =
  binaryen.Features.MVP |
  binaryen.Features.MutableGlobals |
  binaryen.Features.SignExt |
  binaryen.Features.BulkMemory |
  binaryen.Features.BulkMemoryOpt

/**
 * Checks a module against every upload-time rule, cheapest first, and throws a
 * {@link WasmValidationError} naming the first rule it breaks.
 */
export function validateModule(code: Uint8Array, limits: WasmValidationLimits): ValidatedModule {
  if (code.length > limits.maxCodeBytes) {
    throw new WasmValidationError('code_size', `Module is ${code.length} bytes; the limit is ${limits.maxCodeBytes}`)
  }
  const summary = readModuleSections(code)
  checkImports(summary, limits)
  checkMemory(summary, limits)
  checkTables(summary, limits)
  checkFunctions(summary, limits)
  if (summary.hasTags) throw new WasmValidationError('exception_tags', 'Exception tags are refused (exception handling)')
  const reserved = summary.exports.find((entry) => entry.name.startsWith(RESERVED_EXPORT_PREFIX))
  if (reserved !== undefined) {
    throw new WasmValidationError('reserved_export', `Export ${JSON.stringify(reserved.name)} uses the reserved prefix ${RESERVED_EXPORT_PREFIX}`)
  }
  const usesWasi = summary.imports.some((entry) => entry.module === WASI_MODULE)
  // WASI reads the memory through the export named "memory"; nothing else may take the name.
  if (usesWasi && summary.exports.some((entry) => entry.name === 'memory' && entry.kind !== 2)) {
    throw new WasmValidationError('reserved_export', 'A module that imports WASI must not export anything but its memory as "memory"')
  }
  // V8 knows every shipped proposal, so a module it refuses is malformed, not merely featureful.
  if (!WebAssembly.validate(code)) throw new WasmValidationError('malformed', 'Module is not valid WebAssembly')
  checkFeatures(code)
  return { summary, usesWasi }
}

const importKinds = ['function', 'table', 'memory', 'global', 'tag']

function checkImports(summary: ModuleSummary, limits: WasmValidationLimits): void {
  if (summary.imports.length > limits.maxImports) {
    throw new WasmValidationError('too_many_imports', `Module has ${summary.imports.length} imports; the limit is ${limits.maxImports}`)
  }
  for (const entry of summary.imports) {
    const label = `${entry.module}.${entry.name}`
    if (entry.kind === 2) throw new WasmValidationError('imported_memory', `Import ${label} is a memory; the contract must define its own`)
    if (entry.kind === 1) throw new WasmValidationError('imported_table', `Import ${label} is a table; only functions may be imported`)
    if (entry.kind === 3) throw new WasmValidationError('imported_global', `Import ${label} is a global; only functions may be imported`)
    if (entry.kind !== 0) {
      throw new WasmValidationError('forbidden_import', `Import ${label} is a ${importKinds[entry.kind] ?? 'unknown'}; only functions may be imported`)
    }
    const table = entry.module === HOST_MODULE ? HOST_FUNCTIONS : entry.module === WASI_MODULE ? WASI_FUNCTIONS : undefined
    const expected = table?.[entry.name]
    if (table === undefined || expected === undefined || !Object.hasOwn(table, entry.name)) {
      throw new WasmValidationError('forbidden_import', `Import ${label} is not part of the host API or the WASI subset`)
    }
    const actual = summary.types[entry.typeIndex]
    if (actual === undefined || !sameSignature(actual, expected)) {
      throw new WasmValidationError('forbidden_import', `Import ${label} has the wrong signature`, {
        details: [`expected (${expected.params.join(',')}) -> (${expected.results.join(',')}) as value-type bytes`],
      })
    }
  }
}

function sameSignature(actual: FunctionSignature, expected: HostSignature): boolean {
  return (
    actual.params.length === expected.params.length &&
    actual.results.length === expected.results.length &&
    actual.params.every((type, index) => type === expected.params[index]) &&
    actual.results.every((type, index) => type === expected.results[index])
  )
}

function checkMemory(summary: ModuleSummary, limits: WasmValidationLimits): void {
  if (summary.memories.length === 0) throw new WasmValidationError('missing_memory', 'Module defines no memory; exactly one is required')
  if (summary.memories.length > 1) {
    throw new WasmValidationError('multiple_memories', `Module defines ${summary.memories.length} memories; exactly one is allowed`)
  }
  const memory = summary.memories[0]!
  if ((memory.flags & 0x02) !== 0) throw new WasmValidationError('shared_memory', 'Shared memory (threads) is refused')
  if (memory.initial > limits.maxInitialPages) {
    throw new WasmValidationError('memory_initial_pages', `Memory starts at ${memory.initial} pages; the limit is ${limits.maxInitialPages}`)
  }
  if (memory.maximum !== undefined && memory.maximum > limits.maxMemoryPages) {
    throw new WasmValidationError('memory_maximum_pages', `Memory may grow to ${memory.maximum} pages; the limit is ${limits.maxMemoryPages}`)
  }
}

function checkTables(summary: ModuleSummary, limits: WasmValidationLimits): void {
  if (summary.tables.length > 1) throw new WasmValidationError('multiple_tables', `Module has ${summary.tables.length} tables; at most one is allowed`)
  const table = summary.tables[0]
  if (table === undefined) return
  const largest = Math.max(table.initial, table.maximum ?? 0)
  if (largest > limits.maxTableElements) {
    throw new WasmValidationError('table_size', `Table has up to ${largest} elements; the limit is ${limits.maxTableElements}`)
  }
}

function checkFunctions(summary: ModuleSummary, limits: WasmValidationLimits): void {
  const functions = summary.imports.length + summary.functionTypes.length
  if (functions > limits.maxFunctions) {
    throw new WasmValidationError('too_many_functions', `Module has ${functions} functions; the limit is ${limits.maxFunctions}`)
  }
  let total = 0
  for (const [index, locals] of summary.bodyLocals.entries()) {
    total += locals
    const params = summary.types[summary.functionTypes[index] ?? -1]?.params.length ?? 0
    if (params + locals > limits.maxFunctionLocals) {
      throw new WasmValidationError('function_locals', `Function ${index} has ${params + locals} parameters and locals; the limit is ${limits.maxFunctionLocals}`)
    }
    if (total > limits.maxTotalLocals) {
      throw new WasmValidationError('too_many_locals', `Module declares more than ${limits.maxTotalLocals} locals in total`)
    }
  }
}

/**
 * Real feature detection: binaryen parses the whole module (every instruction) and validates
 * it with only the allowed features enabled, so a SIMD, atomic or reference-type instruction
 * anywhere is refused, not just a telltale section.
 */
function checkFeatures(code: Uint8Array): void {
  const captured: string[] = []
  let module: binaryen.Module | undefined
  // binaryen prints validation errors to stderr; keep them for the refusal's details instead.
  const write = process.stderr.write
  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured.push(String(chunk))
    return true
  }) as typeof process.stderr.write
  try {
    try {
      module = binaryen.readBinary(code)
    } catch (error) {
      throw new WasmValidationError('malformed', 'Module could not be parsed', { cause: error })
    }
    module.setFeatures(ALLOWED_FEATURES)
    if (!module.validate()) {
      // Where the host routes stderr elsewhere (test runners), the text may not reach us.
      const lines = captured.join('').split('\n')
      const detail = lines.find((line) => line.includes('require')) ?? 'binaryen validation with only the allowed features failed'
      throw new WasmValidationError('features', 'Module uses an instruction or type outside Wasm 1.0 + bulk-memory + sign-ext + mutable-globals', {
        details: [detail.slice(0, 300)],
      })
    }
  } finally {
    process.stderr.write = write
    module?.dispose()
  }
}
