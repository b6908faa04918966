import { dirname, join } from 'node:path'
import type { Options } from 'tsup'

/**
 * The bundled program's own copies of a few hot modules of its dependencies: the same results,
 * less work (each file under src/bundling/ says what it saves and how it was measured). The
 * library build keeps upstream. Each swap fails the build if its module is never imported, so
 * an upgrade that moves one cannot lose it quietly.
 */
type Plugin = NonNullable<Options['esbuildPlugins']>[number]

const own = (file: string) => join(process.cwd(), 'src', 'bundling', file)

/** Resolves `specifier` to `replacement` when `importedBy` (a path) matches. */
function swapModule(name: string, specifier: RegExp, importedBy: (importer: string) => boolean, replacement: string): Plugin {
  return {
    name,
    setup(build) {
      let swapped = false
      build.onResolve({ filter: specifier }, (args) => {
        if (!importedBy(args.importer)) return undefined
        swapped = true
        return { path: replacement }
      })
      build.onEnd((result) => {
        if (result.errors.length === 0 && !swapped) throw new Error(`${name}: nothing imported ${specifier}; the swap did not apply`)
      })
    },
  }
}

/**
 * Replaces the relative import `./<file>` inside `packageDirectory` with a module whose source
 * `contents` writes from the original's path (given as a string literal).
 */
function standInModule(name: string, packageDirectory: RegExp, file: string, contents: (original: string) => readonly string[]): Plugin {
  return {
    name,
    setup(build) {
      let replaced = false
      build.onResolve({ filter: new RegExp(`^\\./${file.replace('.', '\\.')}$`) }, (args) =>
        packageDirectory.test(args.importer) ? { path: join(args.resolveDir, file), namespace: name } : undefined,
      )
      build.onLoad({ filter: /.*/, namespace: name }, (args) => {
        replaced = true
        return { resolveDir: dirname(args.path), loader: 'js', contents: contents(JSON.stringify(args.path)).join('\n') }
      })
      build.onEnd((result) => {
        if (result.errors.length === 0 && !replaced) throw new Error(`${name}: ./${file} was never imported; the stand-in did not apply`)
      })
    },
  }
}

/** A function exported by `module` that is given the wrapped class's prototype. */
interface Wrapper {
  readonly module: string
  readonly wrap: string
}

/**
 * Replaces the relative import `./<file>` inside `packageDirectory` with a module that imports
 * the original, passes the prototype of its export `exported` to each wrapper in order, and
 * re-exports it.
 */
function wrapModule(name: string, packageDirectory: RegExp, file: string, exported: string, wrappers: readonly Wrapper[]): Plugin {
  return standInModule(name, packageDirectory, file, (original) => [
    `import { ${exported} } from ${original}`,
    ...wrappers.map(({ module, wrap }) => `import { ${wrap} } from ${JSON.stringify(module)}`),
    ...wrappers.map(({ wrap }) => `${wrap}(${exported}.prototype)`),
    `export * from ${original}`,
  ])
}

/**
 * Replaces the relative import `./<file>` inside `packageDirectory` with a module that
 * re-exports the original, except `names`: those are the functions `factory` (exported by
 * `module`) returns when given the original module, to fall back on.
 */
function overrideExports(name: string, packageDirectory: RegExp, file: string, module: string, factory: string, names: readonly string[]): Plugin {
  return standInModule(name, packageDirectory, file, (original) => [
    `import * as upstream from ${original}`,
    `import { ${factory} } from ${JSON.stringify(module)}`,
    `export * from ${original}`,
    `const own = ${factory}(upstream)`,
    ...names.map((exported) => `export const ${exported} = own.${exported}`),
  ])
}

export const programPlugins: Plugin[] = [
  // The trie decodes a private copy of each stored node it reads (before fast-rlp: first match wins).
  swapModule('trie-node-rlp', /^@ethereumjs\/rlp$/, (importer) => /[\\/]@ethereumjs[\\/]mpt[\\/]dist[\\/]esm[\\/]node[\\/]util\.js$/.test(importer), own('trie-node-rlp.ts')),
  // The EVM engine encodes and decodes every trie node, transaction and receipt with RLP.
  swapModule('fast-rlp', /^@ethereumjs\/rlp$/, (importer) => importer !== own('fast-rlp.ts'), own('fast-rlp.ts')),
  // Core hashes headers, roots and envelopes on the node's main thread every block; the engine
  // hashes a sender's public key into its address, contract addresses and trie keys.
  swapModule('fast-keccak', /^@noble\/hashes\/sha3\.js$/, (importer) => /[\\/](packages[\\/]core|@ethereumjs[\\/][a-z]+)[\\/]dist[\\/]/.test(importer), own('fast-keccak.ts')),
  // The engine converts bytes to bigints and back, and pads words, per opcode and per account.
  overrideExports('fast-util-bytes', /[\\/]@ethereumjs[\\/]util[\\/]dist[\\/]esm[\\/]/, 'bytes.js', own('fast-util-bytes.ts'), 'fastUtilBytes', [
    'bytesToBigInt',
    'bigIntToBytes',
    'bigIntToUnpaddedBytes',
    'setLengthLeft',
    'setLengthRight',
  ]),
  // The engine checks hex strings with a regular expression's match on every 0x it strips.
  overrideExports('fast-util-hex-checks', /[\\/]@ethereumjs[\\/]util[\\/]dist[\\/]esm[\\/]/, 'internal.js', own('fast-util-hex-checks.ts'), 'fastUtilHexChecks', [
    'isHexString',
    'stripHexPrefix',
  ]),
  // The engine keys its caches, journals and checkpoint maps with hex strings of bytes.
  swapModule('buffer-hex', /^@noble\/hashes\/utils\.js$/, (importer) => /[\\/]@ethereumjs[\\/]util[\\/]dist[\\/]/.test(importer), own('buffer-hex.ts')),
  // The interpreter scans a contract's code for jump destinations on every call, awaits every
  // opcode, and hands back a copy of its whole state at the end of each call frame.
  wrapModule('interpreter', /[\\/]@ethereumjs[\\/]evm[\\/]dist[\\/]esm[\\/]/, 'interpreter.js', 'Interpreter', [
    { module: own('cached-jump-analysis.ts'), wrap: 'cacheJumpAnalysis' },
    { module: own('sync-interpreter-steps.ts'), wrap: 'syncInterpreterSteps' },
    { module: own('lean-frame-outcome.ts'), wrap: 'leanFrameOutcome' },
  ]),
  // The state manager writes every SSTORE into the storage trie at once as well as into its cache.
  wrapModule('state-manager', /[\\/]@ethereumjs[\\/]statemanager[\\/]dist[\\/]esm[\\/]/, 'merkleStateManager.js', 'MerkleStateManager', [
    { module: own('cache-only-storage-writes.ts'), wrap: 'cacheOnlyStorageWrites' },
  ]),
]
