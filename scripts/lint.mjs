#!/usr/bin/env node
// `pnpm lint`: publint + attw in every publishable package, then the npm-pack install check.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1
const status = run('turbo', ['run', 'lint']) || run(process.execPath, [join(root, 'scripts', 'check-packs.mjs')])
process.exit(status)
