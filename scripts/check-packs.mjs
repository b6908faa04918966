#!/usr/bin/env node
// Proves every publishable package works from npm on its own: packs each with pnpm (which
// rewrites workspace: ranges), installs the tarballs into an empty project with plain npm,
// and imports every package there. Run by `pnpm lint` and by the test command.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const packagesDir = join(root, 'packages')
const publishable = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private)

const work = mkdtempSync(join(tmpdir(), 'bulkhead-pack-'))
try {
  const tarballs = publishable.map(({ dir }) => {
    const output = execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: dir, encoding: 'utf8' })
    return output.trim().split('\n').pop()
  })
  const project = join(work, 'consumer')
  execFileSync('mkdir', ['-p', project])
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // Peer dependencies are installed next to the packages, as a consumer does
  // (`npm install @bulkhead/client viem`), at the versions the workspace tests against.
  const peers = publishable.flatMap(({ manifest }) =>
    Object.keys(manifest.peerDependencies ?? {})
      .filter((name) => !manifest.peerDependenciesMeta?.[name]?.optional)
      .map((name) => `${name}@${manifest.devDependencies?.[name] ?? manifest.peerDependencies[name]}`),
  )
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...new Set(peers)], { cwd: project, stdio: 'inherit' })
  const imports = publishable.map(({ manifest }) => manifest.name)
  const script = imports.map((name) => `const m${imports.indexOf(name)} = await import(${JSON.stringify(name)}); if (Object.keys(m${imports.indexOf(name)}).length === 0) throw new Error('${name} exports nothing')`).join('\n')
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, stdio: 'inherit' })
  process.stdout.write(`packs: ${imports.length} packages installed with npm into an empty project and imported (${imports.join(', ')})\n`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
