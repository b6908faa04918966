#!/usr/bin/env node
// Makes a fresh clone usable with nothing but Node and npm: finds (or fetches, locally)
// the pinned pnpm, installs the workspace when the lockfile or a manifest changed, then
// runs the rest of the command line with pnpm and the workspace binaries on PATH.
//
//   node scripts/bootstrap.mjs                 install only
//   node scripts/bootstrap.mjs turbo run build install if needed, then run `turbo run build`
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pnpmVersion = rootManifest.packageManager.replace(/^pnpm@/, '')
const toolsDir = join(root, '.bulkhead', 'tools')
const log = (line) => process.stderr.write(`[bootstrap] ${line}\n`)

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

function versionOf(command, env) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', env })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/** PATH with the pinned pnpm first; fetched into .bulkhead/tools when the machine lacks it. */
function pathWithPnpm() {
  const localBin = join(toolsDir, 'node_modules', '.bin')
  const path = [localBin, join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter)
  const env = { ...process.env, PATH: path }
  if (versionOf('pnpm', env) === pnpmVersion) return path
  log(`fetching pnpm ${pnpmVersion} into .bulkhead/tools (once)`)
  mkdirSync(toolsDir, { recursive: true })
  const status = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${pnpmVersion}`])
  if (status !== 0 || versionOf('pnpm', env) !== pnpmVersion) {
    throw new Error(`could not provide pnpm ${pnpmVersion}; install it with: npm i -g pnpm@${pnpmVersion}`)
  }
  return path
}

/** A fingerprint of everything that decides what `pnpm install` does. */
function installFingerprint() {
  const hash = createHash('sha256')
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) {
    if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)))
  }
  for (const group of ['packages', 'apps', 'examples']) {
    const dir = join(root, group)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      const manifest = join(dir, name, 'package.json')
      if (existsSync(manifest)) hash.update(readFileSync(manifest))
    }
  }
  return hash.digest('hex')
}

const path = pathWithPnpm()
const env = { ...process.env, PATH: path }
const stamp = join(root, 'node_modules', '.bulkhead-install')
const fingerprint = installFingerprint()
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== fingerprint) {
  log('installing workspace dependencies')
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : []
  const status = run('pnpm', ['install', ...frozen], { env })
  if (status !== 0) process.exit(status)
  writeFileSync(stamp, fingerprint)
}

const [command, ...args] = process.argv.slice(2)
if (command) process.exit(run(command, args, { env }))
