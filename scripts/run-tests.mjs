#!/usr/bin/env node
// The whole test suite, as CI runs it: every package's typecheck, lint (publint + attw) and
// tests through turbo, then the npm-pack install check. Ends with one closing line that sums
// the per-package vitest JSON reports: `tests: N passed, N failed` (CI reads that line).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reportDirs = ['packages', 'apps', 'examples']
  .filter((group) => existsSync(join(root, group)))
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name, '.test-results')))

for (const dir of reportDirs) rmSync(dir, { recursive: true, force: true })

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1
// --continue: every package reports, so one run shows every failure.
let status = run('turbo', ['run', 'typecheck', 'lint', 'test', '--concurrency=2', '--continue', ...process.argv.slice(2)])
if (status === 0) status = run(process.execPath, [join(root, 'scripts', 'check-packs.mjs')])

let passed = 0
let failed = 0
let skipped = 0
for (const dir of reportDirs) {
  const report = join(dir, 'vitest.json')
  if (!existsSync(report)) continue
  const summary = JSON.parse(readFileSync(report, 'utf8'))
  passed += summary.numPassedTests
  failed += summary.numFailedTests
  skipped += summary.numPendingTests + summary.numTodoTests
}
// A package that failed before reporting (typecheck, lint, a crash) still fails the run.
if (status !== 0 && failed === 0) failed = 1
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exit(status)
