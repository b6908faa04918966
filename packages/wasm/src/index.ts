// The WebAssembly execution environment of Bulkhead.
export { createWASMEnvironment, INIT_ENTRY, XENV_CALL_ENTRY } from './create-wasm-environment.js'
export { createEnvironment } from './create-environment.js'
export type { WASMEnvironmentOptions } from './wasm-environment-options.js'
export { contractAddress } from './execution/contract-address.js'
export { DEFAULT_HOST_LIMITS, type HostLimits } from './execution/host-limits.js'
export { HOST_FUNCTIONS, WASI_FUNCTIONS } from './host/host-function-signatures.js'
export { GAS_SCHEDULE_V2, type GasSchedule } from './metering/gas-schedule.js'
export { METERING_EXPORTS, METERING_STATUS } from './metering/metering-exports.js'
export { WasmValidationError, type WasmValidationRule } from './errors/wasm-validation-error.js'
export { DEFAULT_VALIDATION_LIMITS, type WasmValidationLimits } from './validation/validation-limits.js'
// validateModule and instrumentModule: `@bulkhead/wasm/tooling` (they load binaryen).
