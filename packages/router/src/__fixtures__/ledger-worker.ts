import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import type { WorkerEnvironmentSource } from '../router-options.js'
import { compiledFixture } from './compile-fixtures.js'
import type { LedgerEnvironmentOptions } from './ledger-environment.js'

/** One temporary directory per test file for every ledger file, removed after the file's tests. */
let directory: string | undefined
function storeDirectory(): string {
  directory ??= mkdtempSync(join(tmpdir(), 'bulkhead-router-'))
  return directory
}
afterAll(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
  directory = undefined
})

/** A worker source for the ledger fixture, persisting to a fresh temporary file. */
export function ledgerWorker(
  options: Omit<LedgerEnvironmentOptions, 'storePath'>,
  extra: { readonly maxOldGenerationSizeMb?: number } = {},
): WorkerEnvironmentSource {
  const storePath = join(mkdtempSync(join(storeDirectory(), `${options.id}-`)), 'ledger.json')
  return {
    module: compiledFixture('ledger-environment.js'),
    export: 'createLedgerEnvironment',
    options: { ...options, storePath },
    resourceLimits: { maxOldGenerationSizeMb: extra.maxOldGenerationSizeMb ?? 64 },
  }
}
