import { dirname, join } from 'node:path'
import { defineConfig, type Options } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

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

/**
 * In the program, '@ethereumjs/rlp' is src/bundling/fast-rlp.ts: the same bytes, values and
 * errors with fewer copies. Measured in one process (second half of 3,000 one-transfer blocks):
 * an ETH transfer's block ~20 % faster, an ERC-20 one's ~10 %. The library build keeps upstream.
 */
const fastRlp = join(process.cwd(), 'src/bundling/fast-rlp.ts')
const useFastRlp: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'fast-rlp',
  setup(build) {
    build.onResolve({ filter: /^@ethereumjs\/rlp$/ }, (args) => (args.importer === fastRlp ? undefined : { path: fastRlp }))
  },
}

/**
 * In the program, the EVM engine's interpreter module is wrapped so that its jump-destination
 * analysis is computed once per code instead of on every call (src/bundling/cached-jump-analysis.ts).
 * Measured in one process: see that file. The library build keeps upstream.
 */
const jumpAnalysis = join(process.cwd(), 'src/bundling/cached-jump-analysis.ts')
const cachedJumpAnalysis: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'cached-jump-analysis',
  setup(build) {
    let wrapped = false
    build.onResolve({ filter: /^\.\/interpreter\.js$/ }, (args) =>
      /[\\/]@ethereumjs[\\/]evm[\\/]dist[\\/]esm[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, 'interpreter.js'), namespace: 'wrapped-interpreter' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'wrapped-interpreter' }, (args) => {
      const upstream = JSON.stringify(args.path)
      wrapped = true
      return {
        resolveDir: dirname(args.path),
        loader: 'js',
        contents: [
          `import { Interpreter } from ${upstream}`,
          `import { cacheJumpAnalysis } from ${JSON.stringify(jumpAnalysis)}`,
          'cacheJumpAnalysis(Interpreter.prototype)',
          `export * from ${upstream}`,
        ].join('\n'),
      }
    })
    // An engine upgrade that moves the module must fail the build, not lose the cache quietly.
    build.onEnd((result) => {
      if (result.errors.length === 0 && !wrapped) throw new Error("cached-jump-analysis: the EVM engine's ./interpreter.js was never imported")
    })
  },
}

/**
 * In the program, @bulkhead/core's Keccak is src/bundling/fast-keccak.ts (WebAssembly) instead of
 * noble's pure-JS one: core hashes headers, roots and envelopes on the main thread every block.
 * Only core's import is redirected; the build fails if core stops importing it.
 */
const fastKeccak = join(process.cwd(), 'src/bundling/fast-keccak.ts')
const useFastKeccak: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'fast-keccak',
  setup(build) {
    let redirected = false
    build.onResolve({ filter: /^@noble\/hashes\/sha3\.js$/ }, (args) => {
      if (!/[\\/]packages[\\/]core[\\/]dist[\\/]/.test(args.importer)) return undefined
      redirected = true
      return { path: fastKeccak }
    })
    build.onEnd((result) => {
      if (result.errors.length === 0 && !redirected) throw new Error("fast-keccak: @bulkhead/core's Keccak import was never seen")
    })
  },
}

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
      esbuildPlugins: [useFastRlp, cachedJumpAnalysis, useFastKeccak],
      // Bundled CommonJS modules call require(); ESM output has none of its own.
      banner: { js: "import { createRequire as __bulkheadCreateRequire } from 'node:module';\nconst require = __bulkheadCreateRequire(import.meta.url);" },
    },
  }),
])
