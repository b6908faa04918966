// The generator's promise: a scaffolded adapter builds, and its conformance run fails only
// with "implement X" messages. Scaffolds into a temporary directory inside this package,
// links the workspace's @bulkhead packages as `pnpm install` would, and runs the scaffold's
// own typecheck, build and tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(packageDirectory, 'bin', 'create-adapter.mjs')
const require = createRequire(import.meta.url)
const scratch = join(packageDirectory, '.scaffold-test')
mkdirSync(scratch, { recursive: true })
const directory = join(mkdtempSync(join(scratch, 'run-')), 'my-vm')

/** The environment of a child process, without the variables that make vitest think it is nested. */
function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST'))
}

function run(command: string, args: readonly string[], cwd = directory) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: childEnvironment(), timeout: 120_000 })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('create-bulkhead-adapter', () => {
  it('refuses a name that is not an environment id', () => {
    const result = run(process.execPath, [bin, 'My VM', '--directory', join(scratch, 'bad')], scratch)
    expect(result.status).toBe(1)
    expect(result.output).toContain('must be an environment id')
  })

  it('scaffolds a package that typechecks, builds and fails conformance only with "implement" messages', () => {
    const created = run(process.execPath, [bin, 'my-vm', '--directory', directory, '--workspace'], scratch)
    expect(created.status, created.output).toBe(0)
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'))
    expect(manifest.dependencies).toEqual({ '@bulkhead/core': 'workspace:^' })

    // What `pnpm install` does inside the workspace; tools resolve from the root node_modules.
    mkdirSync(join(directory, 'node_modules', '@bulkhead'), { recursive: true })
    symlinkSync(join(packageDirectory, '..', 'core'), join(directory, 'node_modules', '@bulkhead', 'core'))
    symlinkSync(packageDirectory, join(directory, 'node_modules', '@bulkhead', 'conformance'))
    const tsc = require.resolve('typescript/bin/tsc')
    const tsup = join(dirname(require.resolve('tsup')), '..', 'dist', 'cli-default.js')
    const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')

    const typecheck = run(process.execPath, [tsc, '-p', 'tsconfig.json'])
    expect(typecheck.status, typecheck.output).toBe(0)
    const build = run(process.execPath, [tsup])
    expect(build.status, build.output).toBe(0)
    expect(existsSync(join(directory, 'dist', 'index.d.ts'))).toBe(true)

    const test = run(process.execPath, [vitest, 'run', '--reporter=verbose'])
    expect(test.status).toBe(1)
    expect(test.output).toContain('implement my-vm head(): return the committed { height, stateRoot }')
    const hints = test.output.split('\n').filter((line) => line.trim().startsWith('to fix:'))
    expect(hints.length).toBeGreaterThan(10)
    for (const hint of hints) expect(hint.trim()).toMatch(/^to fix: +implement /)
  }, 120_000)
})
