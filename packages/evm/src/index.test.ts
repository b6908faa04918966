import { describe, expect, it } from 'vitest'

describe('@bulkhead/evm exports', () => {
  it('exposes only its factory, constants and the IXEnv ABI', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "SYSTEM_ADDRESS",
        "XENV_ABI",
        "XENV_ADDRESS",
        "createEVMEnvironment",
        "createEnvironment",
      ]
    `)
  })
})
