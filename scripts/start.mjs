#!/usr/bin/env node
// `npm start`: builds the node and what it depends on (cached by turbo), then runs the
// `bulkhead` command line: `bulkhead devnet` when no arguments are given, else the arguments
// (`npm start -- replay --data-dir DIR`).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const build = spawnSync('turbo', ['run', 'build', '--filter=@bulkhead/coordinator...', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)
const args = process.argv.length > 2 ? process.argv.slice(2) : ['devnet']
const cli = spawnSync(process.execPath, [join(root, 'apps', 'coordinator', 'dist', 'cli.js'), ...args], {
  stdio: 'inherit',
})
process.exit(cli.status ?? 1)
