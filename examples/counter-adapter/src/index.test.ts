import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_COUNTER_LIMITS",
      "GAS",
      "contractAddressOf",
      "counterSubject",
      "counterTransactionHash",
      "createCounterEnvironment",
      "createEnvironment",
      "decodeCounterTransaction",
      "encodeCounterTransaction",
      "encodeInboundCall",
      "intrinsicGas",
    ]
  `)
})
