import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "MAX_TRANSACTION_PAYLOAD_BYTES",
      "MAX_WASM_ARGS_BYTES",
      "MAX_WASM_CODE_BYTES",
      "MESSAGE_ADDRESS_LENGTHS",
      "MESSAGE_LIMITS",
      "VERSION",
      "blockHash",
      "decodeBlockHeader",
      "decodeGenesis",
      "decodeGovernanceTransaction",
      "decodeMessage",
      "decodeSignedGovernanceTransaction",
      "decodeSignedWasmTransaction",
      "decodeTransactionEnvelope",
      "decodeWasmTransaction",
      "encodeBlockHeader",
      "encodeGenesis",
      "encodeGovernanceTransaction",
      "encodeMessage",
      "encodeSignedGovernanceTransaction",
      "encodeSignedWasmTransaction",
      "encodeTransactionEnvelope",
      "encodeWasmTransaction",
      "genesisHash",
      "governanceSigningHash",
      "governanceTransactionHash",
      "messageHash",
      "personalMessageDigest",
      "transactionEnvelopeHash",
      "wasmTransactionHash",
      "wasmTransactionSigningHash",
    ]
  `)
})
