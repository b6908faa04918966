// Shared vitest settings: every package writes a JSON report that scripts/run-tests.mjs
// sums into the single closing line CI reads.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export function definePackageTests(overrides: { testTimeout?: number; include?: string[] } = {}) {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
  return defineConfig({
    // The same constant tsup injects at build time (see tsup.preset.ts).
    define: { __PACKAGE_VERSION__: JSON.stringify(manifest.version) },
    test: {
      include: overrides.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 30_000,
      reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    },
  })
}
