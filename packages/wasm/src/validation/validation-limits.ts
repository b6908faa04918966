/** Upload-time limits; every field can be overridden in the environment options. */
export interface WasmValidationLimits {
  /** Largest module accepted, in bytes. Default 819,200 (800 KiB, as CosmWasm). */
  readonly maxCodeBytes: number
  /** Largest initial memory, in 64 KiB pages. Default 512 (32 MiB). */
  readonly maxInitialPages: number
  /** Largest declared maximum; a module without a maximum is capped to it. Default 512. */
  readonly maxMemoryPages: number
  /** Most imports. Default 100. */
  readonly maxImports: number
  /** Most functions, imported and defined. Default 20,000. */
  readonly maxFunctions: number
  /** Most declared locals over all function bodies. Default 10,000. */
  readonly maxTotalLocals: number
  /** Most parameters plus locals in one function. Default 2,048. */
  readonly maxFunctionLocals: number
  /** Largest table (initial and maximum), in elements. Default 2,500. */
  readonly maxTableElements: number
  /** Deepest nesting of expressions in binaryen's IR (checked while metering). Default 1,024. */
  readonly maxExpressionDepth: number
}

export const DEFAULT_VALIDATION_LIMITS: WasmValidationLimits = Object.freeze({
  maxCodeBytes: 800 * 1024,
  maxInitialPages: 512,
  maxMemoryPages: 512,
  maxImports: 100,
  maxFunctions: 20_000,
  maxTotalLocals: 10_000,
  maxFunctionLocals: 2_048,
  maxTableElements: 2_500,
  maxExpressionDepth: 1_024,
})
