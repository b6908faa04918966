import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { WorkerEnvironmentSource } from '../router-options.js'
import { compiledFixture } from './compile-fixtures.js'
import type { LedgerEnvironmentOptions } from './ledger-environment.js'

/** A worker source for the ledger fixture, persisting to a fresh temporary file. */
export function ledgerWorker(
  options: Omit<LedgerEnvironmentOptions, 'storePath'>,
  extra: { readonly maxOldGenerationSizeMb?: number } = {},
): WorkerEnvironmentSource {
  const storePath = join(mkdtempSync(join(tmpdir(), 'bulkhead-router-')), `${options.id}.json`)
  return {
    module: compiledFixture('ledger-environment.js'),
    export: 'createLedgerEnvironment',
    options: { ...options, storePath },
    resourceLimits: { maxOldGenerationSizeMb: extra.maxOldGenerationSizeMb ?? 64 },
  }
}
