import type { EnvironmentFactory } from '@bulkhead/core'

/**
 * The VM kinds this node runs without an adapter module, by genesis `vm`. Loaded on first use:
 * importing an engine costs hundreds of milliseconds, and a worker-hosted devnet never loads
 * them on the main thread at all.
 */
export const BUILTIN_FACTORIES: Readonly<Record<string, () => Promise<EnvironmentFactory>>> = Object.freeze({
  evm: async () => (await import('@bulkhead/evm')).createEnvironment,
  wasm: async () => (await import('@bulkhead/wasm')).createEnvironment,
})
