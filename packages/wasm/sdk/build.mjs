// Builds the example contracts with the pinned AssemblyScript compiler. Reproducible: the
// same compiler version and flags give the same bytes, which a test checks against build/.
//   node sdk/build.mjs [output directory]   (default: sdk/build)
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import asc from 'assemblyscript/asc'

const root = dirname(fileURLToPath(import.meta.url))
const out = resolve(process.argv[2] ?? join(root, 'build'))
mkdirSync(out, { recursive: true })

// Features: Wasm 1.0 + sign-ext + mutable-globals + bulk-memory, as upload validation allows.
const flags = ['--runtime', 'stub', '--use', 'abort=', '-O3', '--noAssert', '--disable', 'nontrapping-f2i', '--initialMemory', '1', '--maximumMemory', '16']

for (const name of ['token', 'evm-bridge']) {
  const { error, stderr } = await asc.main([join(root, 'examples', `${name}.ts`), '--outFile', join(out, `${name}.wasm`), ...flags])
  if (error) {
    process.stderr.write(stderr.toString())
    throw error
  }
  process.stdout.write(`built ${name}.wasm\n`)
}
