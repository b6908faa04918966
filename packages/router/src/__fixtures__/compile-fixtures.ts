import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

// The fixtures a worker loads: the environment and what it imports.
const workerFixtures = new Set(['ledger-environment.ts', 'ledger-transaction.ts', 'file-store.ts'])
const fixturesDirectory = dirname(fileURLToPath(import.meta.url))
// Inside the package's node_modules so that `@bulkhead/core` resolves from the output exactly as
// it does from the sources, and git ignores it.
const outputDirectory = join(fixturesDirectory, '..', '..', 'node_modules', '.cache', 'router-fixtures')

/**
 * Worker threads run plain JavaScript, so worker-hosted tests load the fixtures transpiled
 * (types stripped, one file per file, `.js` specifiers kept). Returns the file URL of `file`.
 */
export function compiledFixture(file: string): string {
  mkdirSync(outputDirectory, { recursive: true })
  for (const name of readdirSync(fixturesDirectory)) {
    if (!workerFixtures.has(name)) continue
    const output = ts.transpileModule(readFileSync(join(fixturesDirectory, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText
    // Test files run in parallel: write then rename, so no worker ever imports a half-written file.
    const target = join(outputDirectory, name.replace(/\.ts$/, '.js'))
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    writeFileSync(temporary, output)
    renameSync(temporary, target)
  }
  return pathToFileURL(join(outputDirectory, file)).href
}
