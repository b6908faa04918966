import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "WasmDeployError",
      "bulkheadActions",
      "callWasmContract",
      "deployWasmContract",
      "getAuditLog",
      "getBulkheadBlock",
      "getEnvironments",
      "getLedger",
      "getMessage",
      "getMessages",
      "getReceipt",
      "pauseEnvironment",
      "quarantineContract",
      "queryEnvironment",
      "readWasmContract",
      "releaseContract",
      "resumeEnvironment",
      "sendEnvironmentTransaction",
      "sendWasmTransaction",
      "transferFromWasm",
      "waitForReceipt",
      "wasmContractAddress",
    ]
  `)
})
