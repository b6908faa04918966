#!/usr/bin/env node
// Runs every package's tests through turbo, then prints one closing line that sums the
// per-package vitest JSON reports: `tests: N passed, N failed` (CI reads that line).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reportDirs = ['packages', 'apps', 'examples']
  .filter((group) => existsSync(join(root, group)))
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name, '.test-results')))

for (const dir of reportDirs) rmSync(dir, { recursive: true, force: true })

const turbo = spawnSync('turbo', ['run', 'test', '--concurrency=2', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})

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
const status = turbo.status ?? 1
if (status !== 0 && failed === 0) failed = 1 // a package that crashed before reporting still fails the run
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exit(status)
