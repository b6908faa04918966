import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'
import { programPlugins } from './program-bundling.config.js'

/**
 * Two builds into dist/ (the build script empties it first, so neither cleans):
 *
 * - the library entry, with its dependencies external as in every package;
 * - the `bulkhead` program and its environment worker, bundled with their dependencies. Start-up
 *   time is mostly module loading: importing the EVM engine file by file took ~250 ms, one
 *   bundled file ~60 ms; a devnet loads it in every environment worker. Code splitting still
 *   keeps each command's dependencies in its own chunk, loaded when the command runs.
 *   Native addons stay external (they resolve from this package's dependencies), and so does
 *   the WASM tooling (binaryen, megabytes, loaded on a first deployment only).
 */
const PROGRAM_EXTERNALS = ['classic-level', 'secp256k1', 'binaryen', 'bufferutil', 'utf-8-validate']
/** Everything but those (tsup lets `noExternal` win over `external`). */
const BUNDLED = new RegExp(`^(?!(${PROGRAM_EXTERNALS.join('|')})(/|$))`)

export default defineConfig([
  definePackageBuild({ entry: ['src/index.ts'], overrides: { clean: false } }),
  definePackageBuild({
    entry: ['src/cli.ts', 'src/environment-worker.ts'],
    overrides: {
      clean: false,
      dts: false,
      splitting: true,
      noExternal: [BUNDLED],
      external: PROGRAM_EXTERNALS,
      // Its own copies of a few hot modules of its dependencies (program-bundling.config.ts).
      esbuildPlugins: programPlugins,
      // Bundled CommonJS modules call require(); ESM output has none of its own.
      banner: { js: "import { createRequire as __bulkheadCreateRequire } from 'node:module';\nconst require = __bulkheadCreateRequire(import.meta.url);" },
    },
  }),
])
