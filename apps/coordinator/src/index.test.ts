import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "ConservationError",
      "GOVERNANCE_ENVIRONMENT",
      "GenesisError",
      "JsonRpcError",
      "MAX_BATCH_LENGTH",
      "MAX_BODY_BYTES",
      "RPC_ERROR",
      "VERSION",
      "createBulkheadNamespace",
      "createEvmNamespace",
      "createNode",
      "createRpcDispatcher",
      "defineMethod",
      "openChain",
      "parseGenesis",
      "replayChain",
      "runCommandLine",
      "sendAdmitting",
      "startDevnet",
      "startRpcServer",
    ]
  `)
})
