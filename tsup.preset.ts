// The one tsup preset every package builds with: ESM, declarations, source maps, and the
// package version injected at build time (never a string literal in source).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Options } from 'tsup'

export interface PackageBuildOptions {
  /** Entry points relative to the package root; default `['src/index.ts']`. */
  readonly entry?: readonly string[]
  /** Extra options merged over the preset (e.g. `external`). */
  readonly overrides?: Options
}

export function definePackageBuild(options: PackageBuildOptions = {}): Options {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    version: string
  }
  return {
    entry: [...(options.entry ?? ['src/index.ts'])],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(manifest.version) },
    ...options.overrides,
  }
}
