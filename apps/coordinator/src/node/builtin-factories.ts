import type { EnvironmentFactory } from '@bulkhead/core'
import { createEnvironment as createEVMEnvironment } from '@bulkhead/evm'
import { createEnvironment as createWASMEnvironment } from '@bulkhead/wasm'

/** The VM kinds this node runs without an adapter module, by genesis `vm`. */
export const BUILTIN_FACTORIES: Readonly<Record<string, EnvironmentFactory>> = Object.freeze({
  evm: createEVMEnvironment,
  wasm: createWASMEnvironment,
})
