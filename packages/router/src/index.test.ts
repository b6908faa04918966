import { describe, expect, it } from 'vitest'

describe('@bulkhead/router exports', () => {
  it('exports exactly its public surface', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "ENVIRONMENT_QUERY",
        "EnvironmentHostError",
        "checkMessagePermission",
        "combineStateRoots",
        "createRouter",
        "environmentRoots",
        "shareBlockGas",
      ]
    `)
  })
})
