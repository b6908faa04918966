import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "CONFORMANCE_CASE_NAMES",
      "ConformanceFailure",
      "ConformanceSkip",
      "VERSION",
      "defineConformanceSuite",
      "runConformanceSuite",
    ]
  `)
})

it('exports a reviewed vitest adapter', async () => {
  expect(Object.keys(await import('./vitest.js')).sort()).toMatchInlineSnapshot(`
    [
      "runConformance",
    ]
  `)
})
