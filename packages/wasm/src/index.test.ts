import { describe, expect, it } from 'vitest'

describe('@bulkhead/wasm exports', () => {
  it('has a reviewed public surface', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_HOST_LIMITS",
        "DEFAULT_VALIDATION_LIMITS",
        "GAS_SCHEDULE_V2",
        "HOST_FUNCTIONS",
        "INIT_ENTRY",
        "METERING_EXPORTS",
        "METERING_STATUS",
        "WASI_FUNCTIONS",
        "WasmValidationError",
        "XENV_CALL_ENTRY",
        "contractAddress",
        "createEnvironment",
        "createWASMEnvironment",
      ]
    `)
  })
})
